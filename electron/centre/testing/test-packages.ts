/**
 * For tests: a small content package with the five challenge types, timers, a focused challenge, assets
 * (illustration and attachment) and an embed, and a profile package whose pupils match the test roster.
 * Solutions use distinctive strings so a test can search every response for them.
 */
import { createHash } from 'node:crypto';
import type { CompetenceCode } from '../../../shared/formats/common';
import { CONTENT_PACKAGE_FORMAT, CONTENT_PACKAGE_FORMAT_VERSION, type Asset, type Challenge, type ContentPackage } from '../../../shared/formats/content-package';
import { PROFILE_PACKAGE_FORMAT, PROFILE_PACKAGE_FORMAT_VERSION, type KnowledgeElement, type ProfilePackage, type PupilProfile } from '../../../shared/formats/profile-package';

/** Competences of the small package: five, so a pupil with all five is certifiable (R-PROF-3). */
export const TEST_COMPETENCES: CompetenceCode[] = ['1.1', '1.2', '2.1', '3.1', '4.1'];
const DIFFICULTIES = [3, 2, 1];

function asset(id: string, fileName: string, mediaType: string, text: string): Asset {
  const bytes = Buffer.from(text, 'utf8');
  return { id, fileName, mediaType, base64: bytes.toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

export const TEST_ASSETS: Asset[] = [
  asset('img_chart', 'chart.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'),
  asset('file_data_csv', 'data.csv', 'text/csv', 'ville;habitants\nLyon;520000\n'),
  asset('file_data_ods', 'data.ods', 'application/vnd.oasis.opendocument.spreadsheet', 'pas vraiment un ODS'),
  asset('img_unused', 'unused.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'),
];

/** The challenge of one skill: types cycle QCU, QCM, QROC, QROCM-ind, QROCM-dep over the 15 skills. */
function challengeFor(index: number, skillId: string): Challenge {
  const id = `ch_${index + 1}`;
  const base = { id, skill: skillId, status: 'validated' as const, locales: ['fr' as const], format: 'mots' as const, instruction: `Consigne de l’épreuve ${index + 1}.` };
  const extras = {
    ...(index === 0 ? { illustration: { asset: 'img_chart', alt: 'Un carré noir' } } : {}),
    ...(index === 2 ? { attachment: { assets: ['file_data_csv', 'file_data_ods'] } } : {}),
    ...(index === 4 ? { embed: { url: 'https://simulateur.example/outil', title: 'Simulateur', height: 400 } } : {}),
    ...(index % 5 === 1 ? { timer: 60 } : {}),
    ...(index % 5 === 3 ? { focused: true } : {}),
    ...(index === 5 ? { alternativeInstruction: 'Consigne lue à voix haute.' } : {}),
  };
  switch (index % 5) {
    case 0: return { ...base, ...extras, type: 'QCU', proposals: '- Rouge\n- Vert\n- Bleu', solution: { choice: '2' } };
    case 1: return { ...base, ...extras, type: 'QCM', proposals: '- Un\n- Deux\n- Trois', solution: { choices: ['1', '3'] } };
    case 2: return { ...base, ...extras, type: 'QROC', proposals: 'Réponse : ${rep#votre réponse}', solution: { variants: [`xylophone${index}`, `marimbaphone${index}`] } };
    case 3: return {
      ...base, ...extras, type: 'QROCM-ind', proposals: 'Ville : ${ville} Pays : ${pays}',
      solution: { fields: { ville: [`zanzibarville${index}`], pays: [`quokkaland${index}`] } },
    };
    default: return {
      ...base, ...extras, type: 'QROCM-dep', proposals: 'Deux animaux : ${a1} ${a2}',
      solution: { groups: [[`narwhalus${index}`], [`axolotlus${index}`]] },
    };
  }
}

/** 5 competences × 3 skills (difficulties 3, 2, 1), one challenge each, plus an unused challenge with an asset. */
export function testContentPackage(): ContentPackage {
  const tubes = TEST_COMPETENCES.map((code, i) => ({ id: `tube_${i}`, name: `@sujet${i}`, competence: code, title: { fr: `Sujet ${code}` } }));
  const skills = TEST_COMPETENCES.flatMap((code, i) => DIFFICULTIES.map((d) => ({
    id: `skill_${i}_${d}`, name: `@sujet${i}${d}`, tube: `tube_${i}`, competence: code, difficulty: d, version: 1, status: 'active' as const,
  })));
  const challenges = skills.map((s, i) => challengeFor(i, s.id));
  challenges.push({ ...challengeFor(0, skills[0]!.id), id: 'ch_unused', status: 'proposed', illustration: { asset: 'img_unused', alt: 'Inutilisée' } });
  return {
    format: CONTENT_PACKAGE_FORMAT,
    formatVersion: CONTENT_PACKAGE_FORMAT_VERSION,
    id: 'test-delivery-content',
    version: '1',
    publishedAt: '2026-01-01T00:00:00Z',
    locales: ['fr'],
    areas: ['1', '2', '3', '4', '5'].map((code) => ({ code: code as '1', title: { fr: `Domaine ${code}` } })),
    competences: TEST_COMPETENCES.map((code) => ({ code, area: code[0] as '1', title: { fr: `Compétence ${code}` } })),
    tubes,
    skills,
    challenges,
    assets: TEST_ASSETS,
  };
}

/** A pupil who validated directly every skill of the given competences (4 pix each: level 1 per competence). */
export function testPupil(pupilId: string, lastName: string, firstName: string, birthDate: string, competences: readonly CompetenceCode[] = TEST_COMPETENCES): PupilProfile {
  const knowledgeElements: KnowledgeElement[] = [];
  TEST_COMPETENCES.forEach((code, i) => {
    if (!competences.includes(code)) return;
    for (const d of DIFFICULTIES) {
      knowledgeElements.push({
        skillId: `skill_${i}_${d}`, competence: code, status: 'validated', source: 'direct', challengeId: `ancienne_${i}_${d}`,
        earnedPix: 4, createdAt: '2025-09-01T08:00:00Z',
      });
    }
  });
  return { pupilId, lastName, firstName, birthDate, knowledgeElements };
}

export function testProfilePackage(profiles: PupilProfile[]): ProfilePackage {
  return {
    format: PROFILE_PACKAGE_FORMAT,
    formatVersion: PROFILE_PACKAGE_FORMAT_VERSION,
    id: 'test-delivery-profiles',
    contentId: 'test-delivery-content',
    generatedAt: '2026-01-02T00:00:00Z',
    profiles,
  };
}
