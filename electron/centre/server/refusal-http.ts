import type { Result } from '../../../shared/result';
import { HttpError } from '../http/http-error';
import type { Refusal, RefusalCode } from '../storage/refusal';

/**
 * The one place where a refusal becomes an HTTP status: the domain says why (a code), the edge says how the
 * API answers it (docs/centre-api.md, docs/delivery-api.md). Also the status the kiosk's live socket reports.
 */
export const REFUSAL_STATUS: Readonly<Record<RefusalCode, 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503>> = {
  invalid: 400,
  invalidBody: 400,
  unknownCandidate: 400,
  candidateNotStarted: 400,
  checkInRefused: 401,
  entryMissing: 401,
  entryUnknown: 401,
  notAuthorised: 403,
  attestationMissing: 403,
  attestationInvalid: 403,
  attestationExpired: 403,
  attestationUnknownBuild: 403,
  attestationConfigChanged: 403,
  notFound: 404,
  challengeNotInTest: 404,
  questionNotInTest: 404,
  assetNotInTest: 404,
  duplicateSession: 409,
  duplicateCandidate: 409,
  duplicateExternalId: 409,
  sessionLocked: 409,
  inUse: 409,
  sessionClosed: 409,
  entryReplaced: 409,
  entryAlreadyUsed: 409,
  entryNotStarted: 409,
  resumeExpired: 409,
  testEnded: 409,
  testNotStarted: 409,
  testNotRunning: 409,
  testAlreadyStarted: 409,
  packagesMissing: 409,
  profileNotFound: 409,
  notCertifiable: 409,
  noChallenge: 409,
  notCheckedIn: 409,
  alreadyConfirmed: 409,
  nothingToResume: 409,
  sessionAlreadyFinalised: 409,
  finalisationRefused: 409,
  noTrustedAuthority: 409,
  noCentreKey: 409,
  sessionNotFinalised: 409,
  sessionAlreadySigned: 409,
  sessionNotSigned: 404,
  documentMissing: 404,
  receiptInvalid: 422,
  receiptSignatureInvalid: 422,
  receiptMismatch: 422,
  pkcs12Unreadable: 422,
  keyPasswordWrong: 422,
  keyMismatch: 422,
  certificateExpired: 422,
  certificateNotYetValid: 422,
  certificateUntrusted: 422,
  passphraseWrong: 422,
  checkInLimited: 429,
  tooManyRequests: 429,
  notSaved: 500,
  keyStoreUnavailable: 503,
};

/** A refusal as the server's uniform error `{error: {code, message, field?, errors?}}` (+ Retry-After for a limit). */
export function httpErrorOf(refusal: Refusal): HttpError {
  return new HttpError(REFUSAL_STATUS[refusal.code], refusal.code, refusal.message, {
    ...(refusal.field === undefined ? {} : { field: refusal.field }),
    ...(refusal.errors ? { errors: refusal.errors } : {}),
    ...(refusal.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(refusal.retryAfterSeconds) } }),
  });
}

/** The result's value, or its refusal thrown for the server's error handler. */
export function valueOrThrow<T>(result: Result<T, Refusal>): T {
  if (!result.ok) throw httpErrorOf(result.error);
  return result.value;
}
