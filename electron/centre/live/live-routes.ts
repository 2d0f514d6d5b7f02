import type { FastifyInstance, FastifyRequest } from 'fastify';
import { consoleCaller, kioskCaller } from '../auth/caller';
import { HttpError } from '../http/http-error';

/**
 * Biggest WebSocket message the server reads (a bigger one closes the socket, 1009): a kiosk's answer (at most
 * 64 KiB, as on `POST /api/kiosk/answers`) with its envelope. Consoles only send pings: the hub closes a console
 * socket that sends more than 4 KiB.
 */
export const LIVE_MAX_PAYLOAD = 64 * 1024 + 1024;

/**
 * The live WebSockets; authentication happens before the upgrade (the auth hook runs in onRequest,
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

  app.get('/api/console/live', {
    websocket: true,
    config: { auth: ['manager', 'invigilator'] },
    preValidation: async (request) => { watchedSession(request); },
  }, (socket, request) => {
    const caller = consoleCaller(request);
    hub.addConsole(socket, { sessionId: watchedSession(request), tokenHash: caller.tokenHash, expiresAt: caller.expiresAt });
  });

  app.get('/api/kiosk/live', { websocket: true, config: { auth: 'kiosk' } }, (socket, request) => {
    hub.addKiosk(socket, kioskCaller(request).kioskId);
  });
}
