/**
 * Where the console is (issue 10 §1), kept in the address's fragment so that a reload, the browser's Back button
 * and a bookmark all work, with no server route per screen (the station serves one page, `/console/`):
 *
 * - the invigilator's pages, once logged in: `#/` the live board, `#/finalisation` the finalisation wizard and its
 *   review (R-FIN-1..3), `#/signature` signing, sending or exporting, `#/resultats` the results received;
 * - the centre manager's pages: `#/responsable` the sessions, `#/responsable/sessions/12` one session (its roster,
 *   packages, invigilator password), `#/responsable/paquets` the signed packages, `#/responsable/centre` the centre's
 *   certificate, the platform's address, the pairing code and the kiosks.
 *
 * Anything else reads as the board: a mistyped address never shows an empty page.
 */
export type InvigilatorPage = 'board' | 'finalisation' | 'signing' | 'results';
export type ManagerPage = 'sessions' | 'packages' | 'centre';

export type ConsolePlace =
  | { area: 'invigilator'; page: InvigilatorPage }
  | { area: 'manager'; page: ManagerPage }
  | { area: 'manager'; page: 'session'; sessionId: number };

const INVIGILATOR_PATHS: Record<InvigilatorPage, string> = {
  board: '', finalisation: 'finalisation', signing: 'signature', results: 'resultats',
};
const MANAGER_PATHS: Record<ManagerPage, string> = { sessions: '', packages: 'paquets', centre: 'centre' };

export const BOARD: ConsolePlace = { area: 'invigilator', page: 'board' };

/** The place a fragment names (`location.hash`, with or without its `#`). */
export function parsePlace(hash: string): ConsolePlace {
  const parts = hash.replace(/^#/, '').split('/').filter((p) => p !== '');
  if (parts[0] !== 'responsable') {
    const page = (Object.keys(INVIGILATOR_PATHS) as InvigilatorPage[]).find((p) => INVIGILATOR_PATHS[p] === (parts[0] ?? ''));
    return parts.length <= 1 && page ? { area: 'invigilator', page } : BOARD;
  }
  if (parts[1] === 'sessions' && parts.length === 3 && /^[1-9]\d{0,8}$/.test(parts[2]!)) {
    return { area: 'manager', page: 'session', sessionId: Number(parts[2]) };
  }
  const page = (Object.keys(MANAGER_PATHS) as ManagerPage[]).find((p) => MANAGER_PATHS[p] === (parts[1] ?? ''));
  return parts.length <= 2 && page ? { area: 'manager', page } : { area: 'manager', page: 'sessions' };
}

/** The fragment of a place (`#/…`): `parsePlace(placeHash(p))` is `p`. */
export function placeHash(place: ConsolePlace): string {
  if (place.area === 'invigilator') return `#/${INVIGILATOR_PATHS[place.page]}`;
  if (place.page === 'session') return `#/responsable/sessions/${place.sessionId}`;
  const path = MANAGER_PATHS[place.page];
  return path === '' ? '#/responsable' : `#/responsable/${path}`;
}

export function samePlace(a: ConsolePlace, b: ConsolePlace): boolean {
  return placeHash(a) === placeHash(b);
}
