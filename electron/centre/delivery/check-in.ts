import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { KioskCheckIn, KioskCheckInAnswer } from '../../../shared/formats/kiosk-api';
import { appendEvent } from '../audit/event-chain';
import type { DeliveryContext } from '../records/delivery-context';
import { kioskState, newEntryToken } from './kiosk-entry';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';

type CheckInBody = z.output<typeof KioskCheckIn>;

/** One message for every wrong field: a kiosk must not tell which of name, birth date or code was wrong (R-SESS-4). */
/** R-SESS-4 — failed check-ins allowed per kiosk and per session number before a pause. */
export const CHECK_IN_FAILURES = {
  perKiosk: { maxFailures: 10, windowMs: 10 * 60 * 1000 },
  perSession: { maxFailures: 60, windowMs: 10 * 60 * 1000 },
} as const;

export const CHECK_IN_REFUSED = 'Connexion impossible : vérifiez le numéro de session, vos nom, prénom, date de naissance et le code d’accès donné par le surveillant.';
/** The form as a whole is to blame: no single field is named. */
export const CHECK_IN_FIELD = 'identity';

/**
 * R-SESS-4 — a candidate checks in on a kiosk: session number, names and birth date, then the access code.
 * Success creates an entry waiting for the invigilator (R-SESS-5) and replaces the candidate's earlier entries
 * that never started. Failures count per kiosk and per session number (rate limits) and are audited in the
 * session's chain when the session exists. Written through the group commit: answered once on disk.
 */
export async function checkIn(context: DeliveryContext, kioskId: number, body: CheckInBody): Promise<Result<KioskCheckInAnswer, Refusal>> {
  const kioskKey = `kiosk:${kioskId}`;
  const sessionKey = `session:${body.sessionNumber}`;
  const blocked = context.checkInFailures.perKiosk.blocked(kioskKey) ?? context.checkInFailures.perSession.blocked(sessionKey);
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
    context.checkInFailures.perSession.fail(sessionKey);
    if (session) {
      const at = context.now().toISOString();
      await context.commits.run(() => ok(appendEvent(context.db, session.id, {
        kind: 'checkInFailed', kioskId, at, payload: { reason: found.ok ? 'accessCode' : 'identity' },
      })));
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
