import type { CheckInAlert, LastEvent, LiveCandidate, LiveSession } from '../../../shared/formats/console-api';
import { checkInSessionKey } from '../records/check-in-key';
import type { Candidate } from '../../../shared/formats/session';
import { listKiosks } from '../auth/kiosk-registry';
import { liveStatus, needsAction, resumeExpired, theoreticalEnd } from '../records/candidate-situation';
import type { DeliveryContext } from '../records/delivery-context';
import { lastEventOf, lastEventsOfSession } from './last-event';

/**
 * Architecture §3 step 4 — one candidate as the console shows it. A whole session's list passes the kiosks' names
 * and the last events read once for all its candidates.
 */
export function liveCandidate(context: DeliveryContext, candidate: Candidate, session?: { kioskNames: ReadonlyMap<number, string>; lastEvents: ReadonlyMap<number, LastEvent> }): LiveCandidate {
  const entry = context.store.latestEntry(candidate.id);
  const test = context.store.testOfCandidate(candidate.id);
  const status = liveStatus(entry, test);
  const answered = test ? context.store.countAnswers(test.id) : 0;
  const total = test?.challengeCount ?? 0;
  const warning = context.store.lastWarning(candidate.id);
  return {
    candidateId: candidate.id,
    lastName: candidate.lastName,
    firstName: candidate.firstName,
    birthDate: candidate.birthDate,
    extraTimePercent: candidate.extraTimePercent,
    accessibilityAdjustment: candidate.accessibilityAdjustment,
    status,
    needsAction: needsAction(status),
    resumeExpired: status === 'waitingForResume' && test !== null && resumeExpired(test.startedAt, context.now()),
    kiosk: entry ? { id: entry.kioskId, name: (session ? session.kioskNames.get(entry.kioskId) : context.store.kioskName(entry.kioskId)) ?? `Poste ${entry.kioskId}` } : null,
    progress: test ? { answered, total } : null,
    startedAt: test?.startedAt ?? null,
    theoreticalEndAt: test ? theoreticalEnd(test.startedAt, candidate.extraTimePercent) : null,
    suspension: test?.suspension ?? null,
    lastWarning: warning ? { kind: warning.kind, cause: warning.cause, at: warning.receivedAt } : null,
    lastEvent: (session ? session.lastEvents.get(candidate.id) : lastEventOf(context.db, candidate.sessionId, candidate.id)) ?? null,
  };
}

/** Every candidate of the session, those needing the invigilator first, then by name (attendance order). */
export function liveSession(context: DeliveryContext, sessionId: number): LiveSession | null {
  const session = context.sessions.getSession(sessionId);
  if (!session) return null;
  const lists = { kioskNames: kioskNameMap(context), lastEvents: lastEventsOfSession(context.db, sessionId) };
  const candidates = context.sessions.listCandidates(sessionId).map((c) => liveCandidate(context, c, lists));
  return { sessionId, sessionStatus: session.status, checkInAlert: checkInAlert(context, session.number), candidates: sortByUrgency(candidates) };
}

/** R-SESS-4 — the session's alert: as many failed check-ins as CHECK_IN_FAILURES.perSession allows, within its window. */
export function checkInAlert(context: DeliveryContext, sessionNumber: number): CheckInAlert | null {
  const key = checkInSessionKey(sessionNumber);
  const limiter = context.checkInFailures.perSession;
  const recent = limiter.blocked(key) ? limiter.recent(key) : null;
  return recent ? { code: 'checkInFailures', failures: recent.failures, since: new Date(recent.since).toISOString() } : null;
}

/** "Needs action" first; stable otherwise (the input is in name order). */
export function sortByUrgency(candidates: readonly LiveCandidate[]): LiveCandidate[] {
  return [...candidates.filter((c) => c.needsAction), ...candidates.filter((c) => !c.needsAction)];
}

function kioskNameMap(context: DeliveryContext): Map<number, string> {
  return new Map(listKiosks(context.db).map((k) => [k.id, k.name]));
}
