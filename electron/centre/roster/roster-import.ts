import type { Candidate, CandidateFields } from '../../../shared/formats/session';
import { normaliseName } from '../../../shared/sessions/names';
import type { SessionStore } from '../sessions/session-store';
import { describeCandidate } from '../sessions/candidate-rows';
import { readCsvRows } from './read-csv';
import { readOdsRows } from './read-ods';
import { fieldColumn, findHeader, type Header } from './roster-columns';
import { readRosterRow } from './roster-row';
import { MAX_ROWS, type RosterError, type SheetRead } from './roster-sheet';

export type { RosterError } from './roster-sheet';

export type RosterParse = { ok: true; candidates: CandidateFields[] } | { ok: false; errors: RosterError[] };

/** A roster is a few hundred rows; refuse what is clearly another file before reading it. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

interface ReadRow { line: number; candidate: CandidateFields }
type Read = { ok: true; header: Header; rows: ReadRow[]; errors: RosterError[] } | { ok: false; errors: RosterError[] };

/**
 * R-SESS-3 — reads a CSV or ODS roster: every bad row is reported (line as in the spreadsheet, column by
 * its header, French reason), and so is the same person or pupil id twice in the file.
 */
export async function parseRoster(bytes: Uint8Array, fileName: string): Promise<RosterParse> {
  const read = await readRoster(bytes, fileName);
  if (!read.ok) return read;
  if (read.errors.length > 0) return { ok: false, errors: read.errors };
  return { ok: true, candidates: read.rows.map((r) => r.candidate) };
}

/**
 * R-SESS-3 — imports a roster into a session, all or nothing: any bad row, any person already in the
 * session, and nothing is written. Errors with line 0 concern the session, not the file.
 */
export async function importRoster(store: SessionStore, sessionId: number, bytes: Uint8Array, fileName: string): Promise<{ ok: true; candidates: Candidate[] } | { ok: false; errors: RosterError[] }> {
  const session = store.getSession(sessionId);
  if (!session) return { ok: false, errors: [{ line: 0, column: '', message: `Session introuvable (id ${sessionId}).` }] };
  if (session.status !== 'created') return { ok: false, errors: [{ line: 0, column: '', message: `La session n° ${session.number} est finalisée : sa liste de candidats ne peut plus changer.` }] };
  const read = await readRoster(bytes, fileName);
  if (!read.ok) return read;
  const errors = [...read.errors, ...conflictsWithSession(store.listCandidates(sessionId), read.rows, read.header)];
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  // Read, checked and written synchronously: nothing can slip in between; the store's transaction is the backstop.
  const added = store.addCandidates(sessionId, read.rows.map((r) => r.candidate));
  if (!added.ok) {
    const line = read.rows[added.error.index ?? 0]?.line ?? 0;
    return { ok: false, errors: [{ line, column: fieldColumn(read.header, 'lastName'), message: added.error.message }] };
  }
  return { ok: true, candidates: added.value };
}

async function readRoster(bytes: Uint8Array, fileName: string): Promise<Read> {
  const fileError = (message: string): Read => ({ ok: false, errors: [{ line: 1, column: '(fichier)', message }] });
  if (bytes.length > MAX_FILE_BYTES) return fileError(`fichier de plus de ${MAX_FILE_BYTES / 1024 / 1024} Mo : ce n’est pas une liste de candidats`);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return fileError(`« ${fileName} » est au format Excel 97 (.xls) : enregistrez-le au format ODS ou CSV`);
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip && /\.(ods|xlsx)$/i.test(fileName)) return fileError(`« ${fileName} » n’est pas une feuille de calcul lisible`);
  const sheet: SheetRead = isZip ? await readOdsRows(bytes) : { ok: true, rows: readCsvRows(bytes) };
  if (!sheet.ok) return sheet;
  if (sheet.rows.length > MAX_ROWS) return fileError(`plus de ${MAX_ROWS} lignes : ce n’est pas une liste de candidats`);
  if (sheet.rows.length === 0) return fileError('le fichier est vide');
  const found = findHeader(sheet.rows);
  if (!found) {
    return { ok: false, errors: [{ line: sheet.rows[0]!.line, column: '(en-tête)', message: 'ligne d’en-tête introuvable : il faut au moins les colonnes « Nom » et « Prénom » (puis Sexe, Date de naissance, lieu de naissance…)' }] };
  }
  if (found.errors.length > 0) return { ok: false, errors: found.errors };
  const { header } = found;
  const rows: ReadRow[] = [];
  const errors: RosterError[] = [];
  for (const row of sheet.rows) {
    if (row.line <= header.line) continue;
    const result = readRosterRow(row, header);
    if ('errors' in result) errors.push(...result.errors);
    else rows.push({ line: row.line, candidate: result.candidate });
  }
  errors.push(...duplicatesInFile(rows, header));
  if (rows.length === 0 && errors.length === 0) return fileError('aucun candidat sous la ligne d’en-tête');
  return { ok: true, header, rows, errors: errors.sort((a, b) => a.line - b.line) };
}

/** R-SESS-3 — normalised last + first name and birth date: the same person (R-SESS-4 comparison). */
const personKey = (c: { lastName: string; firstName: string; birthDate: string }) =>
  `${normaliseName(c.lastName)}|${normaliseName(c.firstName)}|${c.birthDate}`;

function duplicatesInFile(rows: readonly ReadRow[], header: Header): RosterError[] {
  const errors: RosterError[] = [];
  const people = new Map<string, ReadRow>();
  const ids = new Map<string, ReadRow>();
  for (const row of rows) {
    const twin = people.get(personKey(row.candidate));
    if (twin) errors.push({ line: row.line, column: fieldColumn(header, 'lastName'), message: `même personne qu’à la ligne ${twin.line} (${describeCandidate(twin.candidate)})` });
    else people.set(personKey(row.candidate), row);
    const id = row.candidate.externalId;
    if (id === undefined) continue;
    const holder = ids.get(id);
    if (holder) errors.push({ line: row.line, column: fieldColumn(header, 'externalId'), message: `identifiant « ${id} » déjà donné à la ligne ${holder.line}` });
    else ids.set(id, row);
  }
  return errors;
}

function conflictsWithSession(existing: readonly Candidate[], rows: readonly ReadRow[], header: Header): RosterError[] {
  const people = new Map(existing.map((c) => [personKey(c), c]));
  const ids = new Map(existing.filter((c) => c.externalId !== undefined).map((c) => [c.externalId!, c]));
  const errors: RosterError[] = [];
  for (const row of rows) {
    const twin = people.get(personKey(row.candidate));
    if (twin) errors.push({ line: row.line, column: fieldColumn(header, 'lastName'), message: `déjà inscrit(e) dans la session : ${describeCandidate(twin)}` });
    const holder = row.candidate.externalId === undefined ? undefined : ids.get(row.candidate.externalId);
    if (holder) errors.push({ line: row.line, column: fieldColumn(header, 'externalId'), message: `identifiant « ${row.candidate.externalId} » déjà celui de ${describeCandidate(holder)}, inscrit(e) dans la session` });
  }
  return errors;
}
