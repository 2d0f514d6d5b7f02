import type { FastifyInstance, FastifyRequest } from 'fastify';
import { questionNumbers } from '../../../shared/certification/finalisation';
import { EventsQuery, ExtraTimeChange, IncidentInput, NoBody } from '../../../shared/formats/console-api';
import { parseWith } from '../../../shared/formats/parse';
import { repeatsOf } from '../records/repeated-events';
import { listEvents } from '../audit/event-chain';
import { callerLabel } from '../auth/caller';
import { listKiosks } from '../auth/kiosk-registry';
import type { DeliveryContext } from '../records/delivery-context';
import { valueOf } from '../records/route-outcome';
import { finalisationChallenges } from '../records/finalisation-challenges';
import { HttpError } from '../http/http-error';
import { bodyOf, idParam, validateBody } from '../http/validate-body';
import { addIncident, listIncidents } from '../records/incidents';
import { clearCheckInAlert } from './check-in-alert';
import { liveSession } from './live-state';
import { authoriseResume, changeExtraTime, confirmPresence, endTestByInvigilator } from './supervision-actions';

/** Actions are the invigilator's (R-SESS-5, R-SESS-6); the centre manager may watch any session. */
const ACT = { auth: 'invigilator' as const };
const WATCH = { auth: ['invigilator', 'manager'] as const };
const SMALL_BODY = 4 * 1024;
const MAX_EVENTS = 1000;

/**
 * The invigilator's supervision routes (architecture §3 step 4, docs/delivery-api.md), scoped to the
 * invigilator's own session (the auth hook checks `:sessionId`).
 */
export function registerConsoleRoutes(app: FastifyInstance, context: DeliveryContext): void {
  const base = '/api/console/sessions/:sessionId';
  const sessionIdOf = (request: FastifyRequest) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    if (!context.sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`, { field: 'sessionId' });
    return sessionId;
  };
  const ids = (request: FastifyRequest) => ({ sessionId: sessionIdOf(request), candidateId: idParam(request, 'candidateId', 'Candidat') });

  // Every candidate, "needs action" first; the same list is pushed over /api/console/live on each change.
  app.get(`${base}/live`, { config: WATCH }, async (request) => liveSession(context, sessionIdOf(request)));

  // R-SESS-5
  app.post(`${base}/candidates/:candidateId/confirm-presence`, { config: ACT, bodyLimit: SMALL_BODY, preHandler: validateBody(NoBody) }, async (request) => {
    const { sessionId, candidateId } = ids(request);
    return { candidate: valueOf(await confirmPresence(context, sessionId, candidateId, callerLabel(request.caller))) };
  });

  // R-SESS-5, kiosk-lockdown.md §2 — "Autoriser la reprise".
  app.post(`${base}/candidates/:candidateId/authorise-resume`, { config: ACT, bodyLimit: SMALL_BODY, preHandler: validateBody(NoBody) }, async (request) => {
    const { sessionId, candidateId } = ids(request);
    return { candidate: valueOf(await authoriseResume(context, sessionId, candidateId, callerLabel(request.caller))) };
  });

  // R-SESS-6
  app.post(`${base}/candidates/:candidateId/end-test`, { config: ACT, bodyLimit: SMALL_BODY, preHandler: validateBody(NoBody) }, async (request) => {
    const { sessionId, candidateId } = ids(request);
    return { candidate: valueOf(await endTestByInvigilator(context, sessionId, candidateId, callerLabel(request.caller))) };
  });

  // R-SESS-3, R-VAL-6
  app.put(`${base}/candidates/:candidateId/extra-time`, { config: ACT, bodyLimit: SMALL_BODY, preHandler: validateBody(ExtraTimeChange) }, async (request) => {
    const { sessionId, candidateId } = ids(request);
    const { extraTimePercent } = bodyOf(request, ExtraTimeChange);
    return { candidate: valueOf(await changeExtraTime(context, sessionId, candidateId, extraTimePercent, callerLabel(request.caller))) };
  });

  // R-INC-1 — the candidate's questions, so that the invigilator can point at one: never a status or a solution.
  app.get(`${base}/candidates/:candidateId/questions`, { config: WATCH }, async (request) => {
    const { sessionId, candidateId } = ids(request);
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
  app.post(`${base}/incidents`, { config: ACT, bodyLimit: SMALL_BODY, preHandler: validateBody(IncidentInput) }, async (request, reply) => {
    const sessionId = sessionIdOf(request);
    const incident = valueOf(addIncident(context, sessionId, bodyOf(request, IncidentInput), callerLabel(request.caller)));
    return reply.code(201).send({ incident });
  });

  app.get(`${base}/incidents`, { config: WATCH }, async (request) => ({ incidents: listIncidents(context.db, sessionIdOf(request)) }));

  // R-SESS-4 — the invigilator has looked at the failed check-ins and lifts the alert (the count starts again).
  app.post(`${base}/check-in-alert/clear`, { config: ACT, bodyLimit: SMALL_BODY, preHandler: validateBody(NoBody) }, async (request) => {
    const sessionId = sessionIdOf(request);
    valueOf(await clearCheckInAlert(context, sessionId, callerLabel(request.caller)));
    return { checkInAlert: null };
  });

  // The session's kiosks (paired by its invigilator or used by its candidates), and who sits at each.
  app.get(`${base}/kiosks`, { config: WATCH }, async (request) => {
    const sessionId = sessionIdOf(request);
    const sitting = new Map(context.store.currentEntriesOfSession(sessionId).map((e) => [e.kioskId, e.candidateId]));
    return { kiosks: listKiosks(context.db, sessionId).map((k) => ({ ...k, candidateId: sitting.get(k.id) ?? null })) };
  });

  // The session's audit log (newest first) and its lockdown signals, each repeated signal once with its count;
  // `?kind=` keeps one kind (an audit event kind such as `checkInFailed`, or a signal such as `focusLost`).
  app.get(`${base}/events`, { config: WATCH }, async (request) => {
    const sessionId = sessionIdOf(request);
    const query = parseWith(EventsQuery, request.query ?? {});
    if (!query.ok) {
      const first = query.errors[0]!;
      throw new HttpError(400, 'invalidQuery', `Paramètre « ${first.path} » invalide : ${first.message}.`, { field: first.path });
    }
    const kind = query.value.kind;
    const events = listEvents(context.db, sessionId).filter((e) => kind === undefined || e.kind === kind);
    // Signals of other kinds are skipped before the limit, so a flood of one kind does not hide the others.
    const signals = kind === undefined
      ? context.store.lockdownEventsOfSession(sessionId, MAX_EVENTS)
      : context.store.lockdownEventsOfSession(sessionId, Number.MAX_SAFE_INTEGER).filter((e) => e.kind === kind).slice(0, MAX_EVENTS);
    const repeats = repeatsOf(context.db, signals.map((e) => e.id));
    return {
      events: events.slice(-MAX_EVENTS).reverse(),
      lockdownEvents: signals.map((e) => ({
        id: e.id, candidateId: e.candidateId, kioskId: e.kioskId, kind: e.kind, cause: e.cause, occurredAt: e.occurredAt,
        receivedAt: e.receivedAt, challengeId: e.challengeId, policy: e.policy,
        count: repeats.get(e.id)?.count ?? 1, durationMs: repeats.get(e.id)?.durationMs ?? 0,
      })),
    };
  });

}
