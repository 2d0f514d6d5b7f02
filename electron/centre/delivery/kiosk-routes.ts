import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ENTRY_TOKEN_HEADER } from '../../../shared/formats/kiosk-api';
import { ROUTES } from '../../../shared/formats/routes';
import { kioskCaller } from '../auth/caller';
import { PreSerialised, registerRoute } from '../http/register-route';
import { createAnswerWriter } from './answer-writer';
import { checkIn } from './check-in';
import type { DeliveryContext } from '../records/delivery-context';
import { registerLiveAnswers } from './live-answers';
import { kioskState, resolveEntry, resolveEntryOnly, type EntryContext } from './kiosk-entry';
import { recordKioskEvent } from './lockdown-events';
import { reEnter } from './re-entry';
import { valueOrThrow } from '../server/refusal-http';
import { testAsset } from './test-assets';
import { startTest } from './test-start';

/** Body limits of the kiosk routes (bytes): an answer carries at most a few free-text fields. */
export const KIOSK_BODY_LIMITS = { checkIn: 4 * 1024, start: 1024, answer: 64 * 1024, event: 16 * 1024 } as const;

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
  registerRoute(app, ROUTES.checkIn, { bodyLimit: KIOSK_BODY_LIMITS.checkIn }).handle(async ({ request, body }) => {
    const kioskId = kioskCaller(request).kioskId;
    const answer = valueOrThrow(await checkIn(context, kioskId, body));
    const entry = resolveEntry(context, kioskId, answer.entryToken);
    if (entry.ok) hub.attachKiosk(kioskId, entry.value.session.id);
    return answer;
  });

  // R-SESS-5 — a reload, a crash, a power cut: the kiosk kept the test and re-enters with the old entry token.
  registerRoute(app, ROUTES.reEntry, { bodyLimit: KIOSK_BODY_LIMITS.start }).handle(async ({ request }) => {
    const kioskId = kioskCaller(request).kioskId;
    const found = entryOf(request);
    const answer = valueOrThrow(await reEnter(context, kioskId, found));
    hub.attachKiosk(kioskId, found.session.id);
    return answer;
  });

  // R-SESS-5, R-SESS-6, R-GEN-6 — where the candidate stands (the kiosk polls it, or reads it on a live "stateChanged").
  registerRoute(app, ROUTES.kioskState).handle(({ request }) => {
    const { entry, candidate, test } = entryOf(request);
    return kioskState(context, entry, candidate, test);
  });

  // R-SESS-5, R-PROF-3, R-PROF-4, R-GEN, R-SESS-7, R-CHAL-3, R-VAL-6 — start or resume: the whole test, without solutions.
  registerRoute(app, ROUTES.start, { bodyLimit: KIOSK_BODY_LIMITS.start }).handle(async ({ request }) =>
    valueOrThrow(await startTest(context, kioskCaller(request).kioskId, entryOf(request))));

  // R-VAL-3, R-VAL-4 — durable, idempotent answers; the acknowledgement never says whether the answer is right.
  // The stored acknowledgement's bytes are sent as they are (no serialisation on the hot path).
  registerRoute(app, ROUTES.answer, { bodyLimit: KIOSK_BODY_LIMITS.answer }).handle(async ({ request, body }) => {
    const kioskId = kioskCaller(request).kioskId;
    const entry = valueOrThrow(resolveEntryOnly(context, kioskId, request.headers[ENTRY_TOKEN_HEADER]));
    const stored = valueOrThrow(await answers.submit({ kioskId, entryId: entry.id, body }));
    return new PreSerialised(stored.ackJson);
  });

  // kiosk-lockdown.md §2 — focus and lockdown signals.
  registerRoute(app, ROUTES.kioskEvent, { bodyLimit: KIOSK_BODY_LIMITS.event }).handle(async ({ request, body }) =>
    valueOrThrow(await recordKioskEvent(context, kioskCaller(request).kioskId, entryOf(request), body)));

  // An illustration or attachment of a challenge of the candidate's own test.
  registerRoute(app, ROUTES.asset).handle(({ request, reply, params: { assetId } }) => {
    const { asset, bytes } = valueOrThrow(testAsset(context, entryOf(request), assetId));
    return reply
      .type(asset.mediaType)
      .header('content-disposition', `inline; filename="${asset.fileName}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', asset.sha256)
      .send(bytes);
  });
}
