import type { FieldError } from '../../../shared/formats/parse';

/**
 * Every reason the centre refuses a request, as a stable code (docs/centre-api.md, docs/delivery-api.md). The
 * domain names the reason; only the edge (server/refusal-http.ts) knows which HTTP status each code answers.
 */
export type RefusalCode =
  // Stores (sessions, candidates, packages)
  | 'invalid' | 'notFound' | 'duplicateSession' | 'duplicateCandidate' | 'duplicateExternalId' | 'sessionLocked' | 'inUse'
  // Kiosk: check-in, entry, test start, answers, assets
  | 'checkInLimited' | 'checkInRefused' | 'sessionClosed' | 'entryMissing' | 'entryUnknown' | 'entryReplaced' | 'entryAlreadyUsed'
  | 'entryNotStarted' | 'notAuthorised' | 'resumeExpired' | 'testEnded' | 'testNotStarted' | 'testNotRunning'
  | 'packagesMissing' | 'profileNotFound' | 'notCertifiable' | 'noChallenge' | 'challengeNotInTest' | 'assetNotInTest'
  // The kiosk's live socket (answers without an HTTP request)
  | 'invalidBody' | 'tooManyRequests' | 'notSaved'
  // Console: supervision, incidents, finalisation
  | 'testAlreadyStarted' | 'notCheckedIn' | 'alreadyConfirmed' | 'nothingToResume' | 'questionNotInTest'
  | 'unknownCandidate' | 'candidateNotStarted' | 'sessionAlreadyFinalised' | 'finalisationRefused'
  // Signing: the centre's key (PKCS#12 import), a session's signature and bundle
  | 'noTrustedAuthority' | 'pkcs12Unreadable' | 'keyPasswordWrong' | 'keyMismatch' | 'certificateExpired' | 'certificateNotYetValid'
  | 'certificateUntrusted' | 'noCentreKey' | 'passphraseWrong' | 'sessionNotFinalised' | 'sessionAlreadySigned' | 'sessionNotSigned'
  // The station shell's key store: the OS keychain (Electron safeStorage) cannot protect or open the key
  | 'keyStoreUnavailable'
  | 'documentMissing'
  // A receipt file brought back on a USB key (sending/receipt-import.ts)
  | 'receiptInvalid' | 'receiptSignatureInvalid' | 'receiptMismatch'
  // The kiosk shell's attestation (kiosk-lockdown §2, auth/kiosk-attestation.ts)
  | 'attestationMissing' | 'attestationInvalid' | 'attestationExpired' | 'attestationUnknownBuild' | 'attestationConfigChanged';

/** A refused request, as a value (style.md: user errors are values, exceptions only for bugs). */
export interface Refusal {
  code: RefusalCode;
  /** French, for the logs, the CLI and the API's users (the screens word the code in their own catalogue). */
  message: string;
  /** The field (or header) to blame, as a path (`birthplace.code`, `candidates[2].candidateId`). */
  field?: string;
  /** Every bad field when there are several. */
  errors?: { field: string; message: string }[];
  /** For a limit: when to try again. */
  retryAfterSeconds?: number;
  /** For a batch (`addCandidates`): the 0-based index of the refused item. */
  index?: number;
}

export type RefusalExtra = Pick<Refusal, 'errors' | 'retryAfterSeconds' | 'index'>;

/** A refusal as the error side of a `Result`; `field` null when nothing in particular is to blame. */
export function refuse(code: RefusalCode, field: string | null, message: string, extra: RefusalExtra = {}): { ok: false; error: Refusal } {
  return { ok: false, error: { code, message, ...(field === null ? {} : { field }), ...extra } };
}

/** Input refused by its schema: names its first bad field (in the message too) and lists every one. */
export function refuseInvalid(message: string, problems: readonly FieldError[]): { ok: false; error: Refusal } {
  const errors = problems.map((e) => ({ field: e.path, message: e.message }));
  const first = errors[0];
  return first ? refuse('invalid', first.field, `${message} ${first.field} : ${first.message}`, { errors }) : refuse('invalid', null, message);
}
