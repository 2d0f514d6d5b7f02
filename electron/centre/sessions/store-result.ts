import type { FieldError } from '../../../shared/formats/parse';

/** Why a store operation was refused. User errors are values, never exceptions. */
export type StoreErrorCode =
  | 'invalid'
  | 'notFound'
  | 'duplicateSession'
  | 'duplicateCandidate'
  | 'duplicateExternalId'
  | 'sessionLocked'
  | 'inUse';

export interface StoreError {
  code: StoreErrorCode;
  /** French, for the centre manager: names the conflict or the bad field. */
  message: string;
  /** For `invalid`: every bad field. */
  errors?: FieldError[];
  /** For a batch (`addCandidates`): the 0-based index of the refused item. */
  index?: number;
}

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

export const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });
export const refuse = <T = never>(code: StoreErrorCode, message: string, extra: Partial<StoreError> = {}): StoreResult<T> =>
  ({ ok: false, error: { code, message, ...extra } });

/** True for better-sqlite3's SqliteError with the given extended code (`SQLITE_CONSTRAINT_UNIQUE`…). */
export function isSqliteError(error: unknown, code: string): boolean {
  return error instanceof Error && (error as Error & { code?: unknown }).code === code;
}
