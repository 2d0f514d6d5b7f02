import type { StoreError } from '../sessions/store-result';
import { HttpError } from '../http/http-error';

/** HTTP status of each store refusal (sessions, candidates, packages). */
const STORE_STATUS: Record<StoreError['code'], number> = {
  invalid: 400,
  notFound: 404,
  duplicateSession: 409,
  duplicateCandidate: 409,
  duplicateExternalId: 409,
  sessionLocked: 409,
  inUse: 409,
};

/** A store's refusal as an HttpError: `invalid` names its first bad field, every bad field is listed. */
export function fromStoreError(error: StoreError): HttpError {
  const errors = error.errors?.map((e) => ({ field: e.path, message: e.message }));
  const first = errors?.[0];
  const message = first ? `${error.message} ${first.field} : ${first.message}` : error.message;
  return new HttpError(STORE_STATUS[error.code] ?? 400, error.code, message, {
    ...(first ? { field: first.field, errors } : {}),
  });
}

/** Unwraps a store result or throws its refusal. */
export function valueOrThrow<T>(result: { ok: true; value: T } | { ok: false; error: StoreError }): T {
  if (!result.ok) throw fromStoreError(result.error);
  return result.value;
}
