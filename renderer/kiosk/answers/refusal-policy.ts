/**
 * What the outbox does with a refusal of the station (docs/delivery-api.md, « Réponses sur la WebSocket du
 * poste »): a pure table by code, then by status for a code it does not know. Nothing here deletes an answer:
 * « setAside » keeps it on this computer, out of the queue, and reports it.
 */
export type RefusalDecision =
  /** The station could not write it (500 `notSaved`, any 5xx): try again after the backoff. */
  | { kind: 'retry' }
  /** Too many messages (429): try again after the station's `retryAfterSeconds` (1 s at least). */
  | { kind: 'retryAfter'; ms: number }
  /**
   * The entry cannot send now (not started, replaced, unknown, missing; the kiosk's login refused): every
   * answer would get the same refusal, so the queue waits, untouched, until the kiosk has a new or started entry.
   */
  | { kind: 'waitForEntry' }
  /** This answer will never be stored (invalid, not in the test, test ended): kept aside and reported. */
  | { kind: 'setAside' };

const BY_CODE: Readonly<Record<string, RefusalDecision['kind']>> = {
  notSaved: 'retry',
  tooManyRequests: 'retryAfter',
  entryMissing: 'waitForEntry',
  entryUnknown: 'waitForEntry',
  entryNotStarted: 'waitForEntry',
  entryReplaced: 'waitForEntry',
  testNotStarted: 'waitForEntry',
  notAuthorised: 'waitForEntry',
  invalidBody: 'setAside',
  challengeNotInTest: 'setAside',
  testEnded: 'setAside',
};

export const MIN_RETRY_AFTER_MS = 1000;

export function decideRefusal(refusal: { status: number; code: string; retryAfterSeconds?: number | undefined }): RefusalDecision {
  const kind = BY_CODE[refusal.code] ?? byStatus(refusal.status);
  if (kind === 'retryAfter') return { kind, ms: Math.max(MIN_RETRY_AFTER_MS, (refusal.retryAfterSeconds ?? 0) * 1000) };
  return { kind };
}

function byStatus(status: number): RefusalDecision['kind'] {
  if (status === 429) return 'retryAfter';
  if (status >= 500) return 'retry';
  // A login refused or forbidden concerns the kiosk, not this answer: setting every answer aside would empty the queue.
  if (status === 401 || status === 403) return 'waitForEntry';
  return 'setAside';
}
