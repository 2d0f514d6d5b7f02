import type { FastifyInstance } from 'fastify';
import { questionNumbers } from '../../../shared/certification/finalisation';
import { LockdownEventView } from '../../../shared/formats/console-api';
import { ROUTES } from '../../../shared/formats/routes';
import { repeatsOf } from '../records/repeated-events';
import { listEvents } from '../audit/event-chain';
import { callerLabel } from '../auth/caller';
import { listKiosks } from '../auth/kiosk-registry';
import type { DeliveryContext } from '../records/delivery-context';
import type { LockdownEventRecord } from '../records/delivery-store';
import { valueOrThrow } from '../server/refusal-http';
import { finalisationChallenges } from '../records/finalisation-challenges';
import { HttpError } from '../http/http-error';
import { registerRoute } from '../http/register-route';
import { addIncident, listIncidents } from '../records/incidents';
import { clearCheckInAlert } from './check-in-alert';
import { liveSession } from './live-state';
import { authoriseResume, changeExtraTime, confirmPresence, endTestByInvigilator } from './supervision-actions';

/** Actions are the invigilator's (R-SESS-5, R-SESS-6); the centre manager may watch any session (routes.ts). */
const SMALL_BODY = 4 * 1024;
const MAX_EVENTS = 1000;

/**
 * The invigilator's supervision routes (architecture §3 step 4, docs/delivery-api.md), scoped to the
 * invigilator's own session (the auth hook checks `:sessionId`).
 */
export function registerConsoleRoutes(app: FastifyInstance, context: DeliveryContext): void {
  const small = { bodyLimit: SMALL_BODY };
  /** The session of the URL, which must exist (the auth hook already checked an invigilator's is their own). */
  const existing = (params: { sessionId: number }) => {
    if (!context.sessions.getSession(params.sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${params.sessionId}).`, { field: 'sessionId' });
    return params.sessionId;
  };
  const ids = (params: { sessionId: number; candidateId: number }) => ({ sessionId: existing(params), candidateId: params.candidateId });

  // Every candidate, "needs action" first; the same list is pushed over /api/console/live on each change.
  registerRoute(app, ROUTES.live).handle(({ params }) => {
    const live = liveSession(context, existing(params));
    if (!live) throw new HttpError(404, 'notFound', `Session introuvable (id ${params.sessionId}).`, { field: 'sessionId' });
    return live;
  });

  // R-SESS-5
  registerRoute(app, ROUTES.confirmPresence, small).handle(async ({ request, params }) => {
    const { sessionId, candidateId } = ids(params);
    return { candidate: valueOrThrow(await confirmPresence(context, sessionId, candidateId, callerLabel(request.caller))) };
  });

  // R-SESS-5, kiosk-lockdown.md §2 — "Autoriser la reprise".
  registerRoute(app, ROUTES.authoriseResume, small).handle(async ({ request, params }) => {
    const { sessionId, candidateId } = ids(params);
    return { candidate: valueOrThrow(await authoriseResume(context, sessionId, candidateId, callerLabel(request.caller))) };
  });

  // R-SESS-6
  registerRoute(app, ROUTES.endTest, small).handle(async ({ request, params }) => {
    const { sessionId, candidateId } = ids(params);
    return { candidate: valueOrThrow(await endTestByInvigilator(context, sessionId, candidateId, callerLabel(request.caller))) };
  });

  // R-SESS-3, R-VAL-6
  registerRoute(app, ROUTES.extraTime, small).handle(async ({ request, params, body: { extraTimePercent } }) => {
    const { sessionId, candidateId } = ids(params);
    return { candidate: valueOrThrow(await changeExtraTime(context, sessionId, candidateId, extraTimePercent, callerLabel(request.caller))) };
  });

  // R-INC-1 — the candidate's questions, so that the invigilator can point at one: never a status or a solution.
  registerRoute(app, ROUTES.questions).handle(({ params }) => {
    const { sessionId, candidateId } = ids(params);
    const candidate = context.sessions.getCandidate(candidateId);
    if (!candidate || candidate.sessionId !== sessionId) throw new HttpError(404, 'notFound', `Candidat introuvable (id ${candidateId}).`, { field: 'candidateId' });
    const test = context.store.testOfCandidate(candidateId);
    const material = test ? context.tests.of(test) : null;
    if (!test || !material) return { candidateId, questions: [] };
    const challenges = finalisationChallenges(material, context.store.answersOfTest(test.id));
    const numbers = questionNumbers(challenges);
    return {
      candidateId,
      questions: challenges.map((c, i) => ({
        challengeId: c.id, position: i + 1, questionNumber: numbers[i]!, type: c.type, answered: c.status !== null, answeredAt: c.answeredAt,
        hasIllustration: c.hasIllustration, hasEmbed: c.hasEmbed, hasAttachment: c.hasAttachment, timed: c.timed, focused: c.focused,
      })),
    };
  });

  // R-INC-1
  registerRoute(app, ROUTES.incidentCreate, small).handle(({ request, params, body }) =>
    ({ incident: valueOrThrow(addIncident(context, existing(params), body, callerLabel(request.caller))) }));

  registerRoute(app, ROUTES.incidents).handle(({ params }) => ({ incidents: listIncidents(context.db, existing(params)) }));

  // R-SESS-4 — the invigilator has looked at the failed check-ins and lifts the alert (the count starts again).
  registerRoute(app, ROUTES.checkInAlertClear, small).handle(async ({ request, params }) => {
    valueOrThrow(await clearCheckInAlert(context, existing(params), callerLabel(request.caller)));
    return { checkInAlert: null };
  });

  // The session's kiosks (paired by its invigilator or used by its candidates), and who sits at each.
  registerRoute(app, ROUTES.sessionKiosks).handle(({ params }) => {
    const sessionId = existing(params);
    const sitting = new Map(context.store.currentEntriesOfSession(sessionId).map((e) => [e.kioskId, e.candidateId]));
    return { kiosks: listKiosks(context.db, sessionId).map((k) => ({ ...k, candidateId: sitting.get(k.id) ?? null })) };
  });

  // The session's audit log (newest first) and its lockdown signals, each repeated signal once with its count;
  // `?kind=` keeps one kind (an audit event kind such as `checkInFailed`, or a signal such as `focusLost`).
  registerRoute(app, ROUTES.events).handle(({ params, query: { kind } }) => {
    const sessionId = existing(params);
    const events = listEvents(context.db, sessionId).filter((e) => kind === undefined || e.kind === kind);
    // Signals of other kinds are skipped before the limit, so a flood of one kind does not hide the others.
    const signals = kind === undefined
      ? context.store.lockdownEventsOfSession(sessionId, MAX_EVENTS)
      : context.store.lockdownEventsOfSession(sessionId, Number.MAX_SAFE_INTEGER).filter((e) => e.kind === kind).slice(0, MAX_EVENTS);
    const repeats = repeatsOf(context.db, signals.map((e) => e.id));
    return {
      events: events.slice(-MAX_EVENTS).reverse(),
      lockdownEvents: signals.map((e) => lockdownEventView(e, repeats.get(e.id))),
    };
  });

}

/** A stored lockdown signal as the console lists it: LockdownEventView's fields, its kind and policy read with the shared enums. */
function lockdownEventView(e: LockdownEventRecord, repeat: { count: number; durationMs: number } | undefined): LockdownEventView {
  return LockdownEventView.parse({
    id: e.id, candidateId: e.candidateId, kioskId: e.kioskId, kind: e.kind, cause: e.cause, occurredAt: e.occurredAt,
    receivedAt: e.receivedAt, challengeId: e.challengeId, policy: e.policy,
    count: repeat?.count ?? 1, durationMs: repeat?.durationMs ?? 0,
  });
}
