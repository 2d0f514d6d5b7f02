import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { KioskCheckIn, KioskCheckInAnswer } from '../../../shared/formats/kiosk-api';
import { appendEvent } from '../audit/event-chain';
import type { DeliveryContext } from '../records/delivery-context';
import { checkInSessionKey } from '../records/check-in-key';
import { kioskState, newEntryToken } from './kiosk-entry';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';

type CheckInBody = z.output<typeof KioskCheckIn>;

/**
 * R-SESS-4 — failed check-ins. Per kiosk: 5 free tries, then a growing pause (2 s, 4 s, 8 s…), and after 10 in
 * 10 minutes a pause until the oldest is 10 minutes old. Per session: 60 in 10 minutes raise an alert on the
 * console (the invigilator lifts it); they never refuse anyone (one pupil must not lock a whole session out).
 */
export const CHECK_IN_FAILURES = {
  perKiosk: { maxFailures: 10, windowMs: 10 * 60 * 1000, backoff: { afterFailures: 5, baseMs: 2000 } },
  perSession: { maxFailures: 60, windowMs: 10 * 60 * 1000 },
} as const;

/** One message for every wrong field: a kiosk must not tell which of name, birth date or code was wrong (R-SESS-4). */
export const CHECK_IN_REFUSED = 'Connexion impossible : vérifiez le numéro de session, vos nom, prénom, date de naissance et le code d’accès donné par le surveillant.';
/** The form as a whole is to blame: no single field is named. */
export const CHECK_IN_FIELD = 'identity';

/**
 * R-SESS-4 — a candidate checks in on a kiosk: session number, names and birth date, then the access code.
 * Success creates an entry waiting for the invigilator (R-SESS-5) and replaces the candidate's earlier entries
 * that never started. Failures count per kiosk (a pause on that kiosk) and per session (an alert on the console,
 * `checkInAlert`, never a refusal) and are audited in the session's chain when the session exists. Written through the group commit: answered once on disk.
 */
export async function checkIn(context: DeliveryContext, kioskId: number, body: CheckInBody): Promise<Result<KioskCheckInAnswer, Refusal>> {
  const kioskKey = `kiosk:${kioskId}`;
  const blocked = context.checkInFailures.perKiosk.blocked(kioskKey);
  if (blocked) {
    return refuse('checkInLimited', CHECK_IN_FIELD,
      `Trop d’essais de connexion : réessayez dans ${blocked.retryAfterSeconds} s ou appelez le surveillant.`, { retryAfterSeconds: blocked.retryAfterSeconds });
  }

  const found = context.sessions.findCandidateForCheckIn({
    sessionNumber: body.sessionNumber, lastName: body.lastName, firstName: body.firstName, birthDate: body.birthDate,
  });
  const session = found.ok ? found.value.session : context.sessions.getSessionByNumber(body.sessionNumber);
  const codeMatches = session !== null && sameCode(session.accessCode, body.accessCode);
  if (!found.ok || !codeMatches) {
    context.checkInFailures.perKiosk.fail(kioskKey);
    if (session) {
      const sessionKey = checkInSessionKey(session.number);
      const alertBefore = context.checkInFailures.perSession.blocked(sessionKey) !== null;
      context.checkInFailures.perSession.fail(sessionKey);
      const alertRaised = !alertBefore && context.checkInFailures.perSession.blocked(sessionKey) !== null;
      const at = context.now().toISOString();
      await context.commits.run(() => {
        appendEvent(context.db, session.id, { kind: 'checkInFailed', kioskId, at, payload: { reason: found.ok ? 'accessCode' : 'identity' } });
        if (alertRaised) {
          appendEvent(context.db, session.id, { kind: 'checkInAlert', at, payload: { failures: CHECK_IN_FAILURES.perSession.maxFailures, windowMinutes: CHECK_IN_FAILURES.perSession.windowMs / 60_000 } });
        }
        return ok(null);
      });
      if (alertRaised) context.sessionAlertChanged(session.id);
    }
    return refuse('checkInRefused', CHECK_IN_FIELD, CHECK_IN_REFUSED);
  }

  const { candidate } = found.value;
  if (found.value.session.status !== 'created') {
    return refuse('sessionClosed', 'sessionNumber', `La session n° ${found.value.session.number} est close : il n’est plus possible de s’y connecter.`);
  }
  context.checkInFailures.perKiosk.reset(kioskKey);
  const at = context.now().toISOString();
  const { token, tokenHash } = newEntryToken();
  const outcome = await context.commits.run(() => {
    const entryId = context.store.insertEntry(candidate.id, kioskId, tokenHash, at);
    appendEvent(context.db, candidate.sessionId, { kind: 'checkIn', candidateId: candidate.id, kioskId, at, payload: { entryId } });
    const entry = context.store.latestEntry(candidate.id)!;
    const test = context.store.testOfCandidate(candidate.id);
    return ok({
      entryToken: token,
      candidate: { lastName: candidate.lastName, firstName: candidate.firstName },
      state: kioskState(context, entry, candidate, test),
    });
  });
  if (outcome.ok) context.candidateChanged(candidate.sessionId, candidate.id);
  return outcome;
}

/** Constant-time comparison of the access codes (their digests have the same length whatever was typed). */
function sameCode(expected: string, typed: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(typed));
}
