import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NoBody } from '../../../shared/formats/console-api';
import { ENTRY_TOKEN_HEADER, KioskAnswer, KioskCheckIn, KioskEvent } from '../../../shared/formats/kiosk-api';
import { kioskCaller } from '../auth/caller';
import { bodyOf, validateBody } from '../http/validate-body';
import { createAnswerWriter } from './answer-writer';
import { checkIn } from './check-in';
import type { DeliveryContext } from '../records/delivery-context';
import { registerLiveAnswers } from './live-answers';
import { kioskState, resolveEntry, resolveEntryOnly, type EntryContext } from './kiosk-entry';
import { recordKioskEvent } from './lockdown-events';
import { valueOrThrow } from '../server/refusal-http';
import { testAsset } from './test-assets';
import { startTest } from './test-start';

/** Body limits of the kiosk routes (bytes): an answer carries at most a few free-text fields. */
export const KIOSK_BODY_LIMITS = { checkIn: 4 * 1024, start: 1024, answer: 64 * 1024, event: 16 * 1024 } as const;

const kiosk = { auth: 'kiosk' as const };

/**
 * The candidate's routes on a paired kiosk (architecture §3, docs/delivery-api.md). Every body is checked
 * against the shared schemas (a 400 names the field); every route after check-in names the candidate's entry
 * in the `x-passation-entry` header.
 */
export function registerKioskRoutes(app: FastifyInstance, context: DeliveryContext): void {
  const hub = app.centre.hub;
  const answers = createAnswerWriter(context);
  const stopLiveAnswers = registerLiveAnswers(hub, context, answers);
  app.addHook('onClose', async () => { stopLiveAnswers(); });

  const entryOf = (request: FastifyRequest): EntryContext =>
    valueOrThrow(resolveEntry(context, kioskCaller(request).kioskId, request.headers[ENTRY_TOKEN_HEADER]));

  // R-SESS-4 — check-in; R-SESS-5 — the candidate then waits for the invigilator.
  app.post('/api/kiosk/check-in', { config: kiosk, bodyLimit: KIOSK_BODY_LIMITS.checkIn, preHandler: validateBody(KioskCheckIn) }, async (request) => {
    const kioskId = kioskCaller(request).kioskId;
    const answer = valueOrThrow(await checkIn(context, kioskId, bodyOf(request, KioskCheckIn)));
    const entry = resolveEntry(context, kioskId, answer.entryToken);
    if (entry.ok) hub.attachKiosk(kioskId, entry.value.session.id);
    return answer;
  });

  // R-SESS-5, R-SESS-6, R-GEN-6 — where the candidate stands (the kiosk polls it, or reads it on a live "stateChanged").
  app.get('/api/kiosk/state', { config: kiosk }, async (request) => {
    const { entry, candidate, test } = entryOf(request);
    return kioskState(context, entry, candidate, test);
  });

  // R-SESS-5, R-PROF-3, R-PROF-4, R-GEN, R-SESS-7, R-CHAL-3, R-VAL-6 — start or resume: the whole test, without solutions.
  app.post('/api/kiosk/start', { config: kiosk, bodyLimit: KIOSK_BODY_LIMITS.start, preHandler: validateBody(NoBody) }, async (request) =>
    valueOrThrow(await startTest(context, kioskCaller(request).kioskId, entryOf(request))));

  // R-VAL-3, R-VAL-4 — durable, idempotent answers; the acknowledgement never says whether the answer is right.
  app.post('/api/kiosk/answers', { config: kiosk, bodyLimit: KIOSK_BODY_LIMITS.answer, preHandler: validateBody(KioskAnswer) }, async (request, reply) => {
    const kioskId = kioskCaller(request).kioskId;
    const entry = valueOrThrow(resolveEntryOnly(context, kioskId, request.headers[ENTRY_TOKEN_HEADER]));
    const stored = valueOrThrow(await answers.submit({ kioskId, entryId: entry.id, body: bodyOf(request, KioskAnswer) }));
    return reply.type('application/json; charset=utf-8').send(stored.ackJson);
  });

  // kiosk-lockdown.md §2 — focus and lockdown signals.
  app.post('/api/kiosk/events', { config: kiosk, bodyLimit: KIOSK_BODY_LIMITS.event, preHandler: validateBody(KioskEvent) }, async (request) =>
    valueOrThrow(await recordKioskEvent(context, kioskCaller(request).kioskId, entryOf(request), bodyOf(request, KioskEvent))));

  // An illustration or attachment of a challenge of the candidate's own test.
  app.get('/api/kiosk/assets/:assetId', { config: kiosk }, async (request, reply) => {
    const assetId = (request.params as { assetId?: string }).assetId ?? '';
    const { asset, bytes } = valueOrThrow(testAsset(context, entryOf(request), assetId));
    return reply
      .type(asset.mediaType)
      .header('content-disposition', `inline; filename="${asset.fileName}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', asset.sha256)
      .send(bytes);
  });
}
