import { ClientId, ENTRY_TOKEN_HEADER, KioskLiveAnswer } from '../../../shared/formats/kiosk-api';
import { answerSavedText, jsonText, type AnswerRefused } from '../../../shared/formats/live-messages';
import { noteKioskSeen } from '../auth/kiosk-registry';
import type { KioskSender, LiveHub } from '../live/live-hub';
import { fieldErrors, invalidFieldMessage } from '../http/validate-body';
import type { AnswerWriter } from './answer-writer';
import type { DeliveryContext } from '../records/delivery-context';
import { resolveEntryOnly } from './kiosk-entry';
import type { Refusal } from '../storage/refusal';
import { REFUSAL_STATUS } from '../server/refusal-http';

/** Entry tokens already resolved (token → entry id and kiosk): a token always names the same entry. */
const ENTRY_CACHE_SIZE = 4096;

/**
 * R-VAL-3, R-VAL-4 — answers on the kiosk's live WebSocket: `{"type":"answer","entryToken","body"}` where `body`
 * is exactly the body of `POST /api/kiosk/answers`. Same checks, same group commit, same acknowledgement (the
 * stored bytes) as the HTTP route, without an HTTP request per answer. The reply names the answer by its
 * `clientAnswerId`: `answerSaved` once it is on disk, or `answerRefused` with the status the route would give
 * (a 500 means "not stored, send it again").
 */
export function registerLiveAnswers(hub: LiveHub, context: DeliveryContext, answers: AnswerWriter): () => void {
  // The token → entry binding never changes (the entry's state is read again inside the commit); cached so that a
  // fast kiosk does not hash and look up its token on every answer.
  const entries = new Map<string, { entryId: number; kioskId: number }>();

  const refuse = (from: KioskSender, clientAnswerId: string | null, refusal: Refusal) => {
    const message: AnswerRefused = {
      type: 'answerRefused',
      clientAnswerId,
      status: REFUSAL_STATUS[refusal.code],
      error: {
        // The entry token travels in the message, not in the HTTP route's header: the field is named as sent.
        code: refusal.code, message: refusal.message, field: refusal.field === ENTRY_TOKEN_HEADER ? 'entryToken' : refusal.field ?? '(racine)',
        ...(refusal.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: refusal.retryAfterSeconds }),
      },
    };
    from.sendText(jsonText(message));
  };

  return hub.onKioskMessage('answer', {
    tooMany(from, message, retryAfterSeconds) {
      refuse(from, clientAnswerIdOf(message), {
        code: 'tooManyRequests', field: '(racine)', retryAfterSeconds,
        message: `Trop de messages de ce poste : réessayez dans ${retryAfterSeconds} s.`,
      });
    },
    handle(from, message) {
      // Answers no longer come by HTTP, where the kiosk's "last seen" is noted: the console would see it idle.
      noteKioskSeen(context.db, from.kioskId, context.now());
      if (typeof message.entryToken !== 'string') {
        // As on the HTTP route without its header (401 entryMissing): the kiosk must check the candidate in again.
        const missing = resolveEntryOnly(context, from.kioskId, undefined);
        if (!missing.ok) refuse(from, clientAnswerIdOf(message), missing.error);
        return;
      }
      const parsed = KioskLiveAnswer.safeParse(message);
      if (!parsed.success) {
        const [first = { path: '(racine)', message: 'message invalide' }] = fieldErrors(parsed.error, message);
        refuse(from, clientAnswerIdOf(message), {
          code: 'invalidBody', field: first.path, message: invalidFieldMessage({ field: first.path, message: first.message }),
        });
        return;
      }
      const { entryToken, body } = parsed.data;
      let entry = entries.get(entryToken);
      if (!entry || entry.kioskId !== from.kioskId) {
        const found = resolveEntryOnly(context, from.kioskId, entryToken);
        if (!found.ok) {
          refuse(from, body.clientAnswerId, found.error);
          return;
        }
        entry = { entryId: found.value.id, kioskId: from.kioskId };
        if (entries.size >= ENTRY_CACHE_SIZE) entries.delete(entries.keys().next().value!);
        entries.set(entryToken, entry);
      }
      answers.submit({ kioskId: from.kioskId, entryId: entry.entryId, body }).then((outcome) => {
        if (!outcome.ok) {
          refuse(from, body.clientAnswerId, outcome.error);
          return;
        }
        from.sendText(answerSavedText(body.clientAnswerId, outcome.value.ackJson));
      }, () => {
        refuse(from, body.clientAnswerId, {
          code: 'notSaved', field: '(racine)',
          message: 'La réponse n’a pas pu être enregistrée sur le poste surveillant : le poste la renvoie.',
        });
      });
    },
  });
}

function clientAnswerIdOf(message: Record<string, unknown>): string | null {
  const body = message.body;
  const id = body !== null && typeof body === 'object' ? (body as { clientAnswerId?: unknown }).clientAnswerId : undefined;
  return typeof id === 'string' && ClientId.safeParse(id).success ? id : null;
}
