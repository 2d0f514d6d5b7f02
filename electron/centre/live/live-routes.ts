import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LIVE_ROUTES } from '../../../shared/formats/routes';
import { consoleCaller, kioskCaller } from '../auth/caller';
import { HttpError } from '../http/http-error';

/**
 * The live WebSockets (LIVE_ROUTES of shared/formats/routes.ts; their messages: live-messages.ts; the biggest
 * message read: LIVE_MAX_PAYLOAD); authentication happens before the upgrade (the auth hook runs in onRequest,
 * an unauthenticated upgrade gets the usual 401/403 JSON answer and no socket).
 * - `/api/console/live`: an invigilator watches their session; the manager names one with `?sessionId=`.
 * - `/api/kiosk/live`: a paired kiosk.
 */
export async function liveRoutes(app: FastifyInstance): Promise<void> {
  const { sessions } = app.centre;
  const hub = app.centreInternals.hub;

  /** The session a console socket watches: the invigilator's own, or the manager's `?sessionId=`. */
  function watchedSession(request: FastifyRequest): number {
    const caller = consoleCaller(request);
    const asked = (request.query as Record<string, string | undefined>).sessionId;
    if (caller.kind === 'invigilator') {
      if (asked !== undefined && asked !== String(caller.sessionId)) {
        throw new HttpError(403, 'otherSession', 'Cette connexion ne donne accès qu’à la session du surveillant connecté.');
      }
      return caller.sessionId;
    }
    const sessionId = asked !== undefined && /^[1-9]\d{0,9}$/.test(asked) ? Number(asked) : NaN;
    if (Number.isNaN(sessionId)) throw new HttpError(400, 'invalidQuery', 'Paramètre « sessionId » obligatoire : la session à suivre.', { field: 'sessionId' });
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`);
    return sessionId;
  }

  app.get(LIVE_ROUTES.consoleLive.path, {
    websocket: true,
    config: { auth: LIVE_ROUTES.consoleLive.caller },
    preValidation: async (request) => { watchedSession(request); },
  }, (socket, request) => {
    const caller = consoleCaller(request);
    hub.addConsole(socket, { sessionId: watchedSession(request), tokenHash: caller.tokenHash, expiresAt: caller.expiresAt });
  });

  app.get(LIVE_ROUTES.kioskLive.path, { websocket: true, config: { auth: LIVE_ROUTES.kioskLive.caller } }, (socket, request) => {
    hub.addKiosk(socket, kioskCaller(request).kioskId);
  });
}
