/**
 * A synthetic class for the load tools: N certifiable pupils cloned from the demo profiles of fixtures/ (their
 * knowledge elements, so the tests drawn for them look like the demo's), each with a unique name and pupil id,
 * as a profile package and as the roster CSV a school would export (the fixture's columns, `;`, UTF-8 with BOM).
 */
import { placementProfile } from '../../shared/certification/profile';
import { PROFILE_PACKAGE_FORMAT, PROFILE_PACKAGE_FORMAT_VERSION, type ProfilePackage, type PupilProfile } from '../../shared/formats/profile-package';

export interface SyntheticPupil {
  pupilId: string;
  lastName: string;
  firstName: string;
  birthDate: string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** 0 → "Aaa", 1 → "Aab", … : a name suffix made of letters only (names must contain letters, R-SESS-3). */
export function letterSuffix(index: number): string {
  let rest = index;
  let text = '';
  for (let i = 0; i < 3 || rest > 0; i++) {
    text = LETTERS[rest % LETTERS.length]! + text;
    rest = Math.floor(rest / LETTERS.length);
  }
  return text[0]!.toUpperCase() + text.slice(1);
}

/** The certifiable pupils of a profile package (R-PROF-3): the models the synthetic pupils are cloned from. */
export function certifiableModels(profiles: readonly PupilProfile[]): PupilProfile[] {
  const models = profiles.filter((p) => placementProfile(p.knowledgeElements).certifiable);
  if (models.length === 0) throw new Error('aucun profil certifiable dans le paquet de profils des fixtures');
  return models;
}

/** `count` pupils cloned from the models in turn: same knowledge elements, new identity. */
export function syntheticProfiles(models: readonly PupilProfile[], count: number): PupilProfile[] {
  return Array.from({ length: count }, (_, i) => {
    const model = models[i % models.length]!;
    return {
      ...model,
      pupilId: `BENCH-${String(i + 1).padStart(6, '0')}`,
      lastName: `${model.lastName}-${letterSuffix(i)}`,
    };
  });
}

export function syntheticProfilePackage(profiles: PupilProfile[], contentId: string): ProfilePackage {
  return {
    format: PROFILE_PACKAGE_FORMAT,
    formatVersion: PROFILE_PACKAGE_FORMAT_VERSION,
    id: 'bench-station-profiles',
    contentId,
    generatedAt: '2026-01-05T08:00:00Z',
    profiles,
  };
}

const ROSTER_HEADER = 'Nom;Prénom;Sexe;Date de naissance;Code INSEE;Code postal;Commune de naissance;Pays de naissance;Identifiant;E-mail;Temps majoré;Aménagement';
/** One pupil in this many has 30 % extra time, as in real classes. */
const EXTRA_TIME_EVERY = 20;

/** The roster of the pupils, dates as JJ/MM/AAAA, ids in « Identifiant » (matched to the profiles' pupilId). */
export function rosterCsv(pupils: readonly SyntheticPupil[]): Buffer {
  const lines = pupils.map((p, i) => {
    const [year, month, day] = p.birthDate.split('-');
    const extraTime = i % EXTRA_TIME_EVERY === EXTRA_TIME_EVERY - 1 ? '30 %' : '';
    return [p.lastName, p.firstName, i % 2 === 0 ? 'F' : 'M', `${day}/${month}/${year}`, '69123', '', '', '', p.pupilId, '', extraTime, ''].join(';');
  });
  return Buffer.from(`\uFEFF${[ROSTER_HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');
}
