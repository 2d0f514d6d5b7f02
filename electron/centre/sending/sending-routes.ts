import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../../shared/formats/routes';
import { HttpError } from '../http/http-error';
import { registerRoute } from '../http/register-route';
import { isSessionSigned } from '../sessions/session-lock';
import { outboxState, platformUrl, requestSending, setPlatformUrl, storedReceipt } from './outbox';
import type { Sender } from './sender';

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
}
