import { HttpError } from '../http/http-error';
import type { Outcome, Refusal } from './refusal';

/** A refusal as the server's uniform error `{error: {code, message, field, errors?}}` (French message). */
export function httpErrorOf(refusal: Refusal): HttpError {
  return new HttpError(refusal.status, refusal.code, refusal.message, {
    field: refusal.field,
    ...(refusal.errors ? { errors: refusal.errors } : {}),
    ...(refusal.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(refusal.retryAfterSeconds) } }),
  });
}

/** The outcome's value, or its refusal thrown for the server's error handler. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw httpErrorOf(outcome.refusal);
  return outcome.value;
}
