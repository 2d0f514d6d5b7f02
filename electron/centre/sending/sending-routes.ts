import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../../shared/formats/routes';
import { RECEIPT_FILE_MAX_CHARS } from '../../../shared/formats/signing';
import { HttpError } from '../http/http-error';
import { registerRoute } from '../http/register-route';
import { isSessionSigned } from '../sessions/session-lock';
import { valueOrThrow } from '../server/refusal-http';
import { importReceiptText } from './receipt-import';
import { outboxState, platformUrl, requestSending, retryWaitingNow, setPlatformUrl, storedReceipt } from './outbox';
import type { Sender } from './sender';

/** The receipt file's text in JSON (RECEIPT_FILE_MAX_CHARS, escaped): generous for the largest session. */
const RECEIPT_BODY_LIMIT = 4 * RECEIPT_FILE_MAX_CHARS;

/**
 * Issue 9 §2 — the platform's address (the manager), asking for a signed session to be sent, the outbox's state
 * and the stored receipt (the console). The sender itself runs beside the server (sender.ts).
 */
export function registerSendingRoutes(app: FastifyInstance, sender: Sender): void {
  const { db, sessions, clock } = app.centre;
  const setting = () => {
    const row = platformUrl(db);
    return { platformUrl: row?.platformUrl ?? null, updatedAt: row?.updatedAt ?? null };
  };
  const signedSession = (sessionId: number) => {
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`, { field: 'sessionId' });
    if (!isSessionSigned(db, sessionId)) throw new HttpError(409, 'sessionNotSigned', 'La session n’est pas signée : signez-la avant de l’envoyer.', { field: 'sessionId' });
  };

  registerRoute(app, ROUTES.platformSetting).handle(() => setting());
  registerRoute(app, ROUTES.platformSettingChange).handle(({ body }) => {
    setPlatformUrl(db, body.platformUrl.replace(/\/+$/, ''), clock());
    retryWaitingNow(db, clock());
    sender.kick();
    return setting();
  });

  registerRoute(app, ROUTES.sessionSending).handle(({ params: { sessionId } }) => {
    signedSession(sessionId);
    requestSending(db, sessionId, clock());
    sender.kick();
    return outboxState(db, sessionId, sender.progress(sessionId));
  });

  registerRoute(app, ROUTES.sessionOutbox).handle(({ params: { sessionId } }) => {
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`, { field: 'sessionId' });
    return outboxState(db, sessionId, sender.progress(sessionId));
  });

  registerRoute(app, ROUTES.sessionReceipt).handle(({ params: { sessionId } }) => {
    const receipt = storedReceipt(db, sessionId);
    if (!receipt) throw new HttpError(404, 'noReceipt', 'Aucun reçu de la plateforme pour cette session : elle n’est pas encore reçue.', { field: 'sessionId' });
    return receipt;
  });

  // Issue 10 §1 — « Importer le reçu »: the file `passation send` wrote on a connected computer, checked exactly as
  // `passation import-receipt` checks it (receipt-import.ts). 201 when stored, 200 when the session had it already.
  registerRoute(app, ROUTES.sessionReceiptImport, { bodyLimit: RECEIPT_BODY_LIMIT }).handle(({ reply, params: { sessionId }, body }) => {
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`, { field: 'sessionId' });
    const authorityPem = app.centre.authorityCertificate();
    if (authorityPem === null) {
      throw new HttpError(409, 'noTrustedAuthority', `Aucun certificat d’autorité de confiance sur ce poste : placez authority.pem dans ${app.centre.dataDir}.`);
    }
    const imported = valueOrThrow(importReceiptText(db, sessionId, body.text, authorityPem, clock()));
    if (!imported.stored) reply.code(200);
    const receipt = storedReceipt(db, sessionId);
    if (!receipt) throw new Error(`reçu importé mais introuvable (session ${sessionId})`);
    return receipt;
  });
}
