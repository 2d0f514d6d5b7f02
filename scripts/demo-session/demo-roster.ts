import { placementProfile } from '../../shared/certification/profile';
import type { ProfilePackage } from '../../shared/formats/profile-package';

/**
 * The demo's roster: the header of the fixture roster (fixtures/roster/roster.csv) and its first `count` rows whose
 * pupil (by the `Identifiant` column) can sit a certification with the fixture profiles (R-PROF). The bytes stay
 * the fixture's (BOM, `;`, French dates): the station reads them as a manager's spreadsheet export.
 */
export function demoRoster(rosterCsv: string, profiles: ProfilePackage, count: number): string {
  const lines = rosterCsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!;
  const idColumn = header.replace(/^\uFEFF/, '').split(';').indexOf('Identifiant');
  if (idColumn < 0) throw new Error('liste des fixtures : colonne « Identifiant » introuvable');
  const byId = new Map(profiles.profiles.map((p) => [p.pupilId, p]));
  const chosen = lines.slice(1).filter((line) => {
    const profile = byId.get(line.split(';')[idColumn] ?? '');
    return profile !== undefined && placementProfile(profile.knowledgeElements).certifiable;
  }).slice(0, count);
  if (chosen.length < count) throw new Error(`liste des fixtures : ${chosen.length} élèves certifiables seulement (${count} demandés)`);
  return `${[header, ...chosen].join('\r\n')}\r\n`;
}
