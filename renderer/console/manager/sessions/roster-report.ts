import type { ClientError } from '../../../ui/api-client';
import { errorKey } from '../../../ui/i18n/translate';
import type { Refusal } from './manager-login-form';

/**
 * R-SESS-3 — what a roster import says (pure): the file chosen (CSV or ODS, not empty, not over the station's
 * limit), then every bad row the station found, in the file's order, or why nothing was read at all.
 */
export type RosterFormat = 'csv' | 'ods';

/** The station reads at most 10 MiB of roster (electron/centre/roster). */
export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;

export function rosterFormatOf(fileName: string): RosterFormat | null {
  const match = /\.(csv|txt|ods)$/i.exec(fileName.trim());
  if (!match) return null;
  return match[1]!.toLowerCase() === 'ods' ? 'ods' : 'csv';
}

/** Why a chosen file is not sent, or null. */
export function rosterFileProblem(file: { name: string; size: number }): Refusal | null {
  if (rosterFormatOf(file.name) === null) return { key: 'sessions.roster.wrongType', params: { name: file.name } };
  if (file.size === 0) return { key: 'sessions.roster.empty', params: { name: file.name } };
  if (file.size > MAX_ROSTER_BYTES) return { key: 'sessions.roster.tooLarge', params: { name: file.name } };
  return null;
}

/** One bad row: its line in the file (1 is the first line, the headers usually), the column's header, the reason. */
export interface BadRow { line: number; column: string; reason: string }

export type RosterOutcome =
  /** The file was read and refused: every bad row, nothing imported. */
  | { kind: 'badRows'; rows: BadRow[] }
  /** The file could not be sent or read as a whole (too large, the station unreachable…). */
  | { kind: 'refused'; refusal: Refusal };

/** The station's refusal, as the manager reads it: rows by line, then column, as the file shows them. */
export function rosterOutcome(error: ClientError): RosterOutcome {
  if (error.kind !== 'refused') return { kind: 'refused', refusal: { key: 'manager.unreachable' } };
  const { code, errors } = error.error;
  if (code === 'rosterRefused' && errors && errors.length > 0) {
    const rows = errors.map((e) => ({ line: e.line ?? 0, column: e.column ?? '', reason: e.message }));
    rows.sort((a, b) => a.line - b.line);
    return { kind: 'badRows', rows };
  }
  if (code === 'bodyTooLarge') return { kind: 'refused', refusal: { key: 'sessions.roster.tooLargeStation' } };
  if (code === 'sessionLocked') return { kind: 'refused', refusal: { key: 'sessions.locked' } };
  return { kind: 'refused', refusal: { key: errorKey(code) } };
}
