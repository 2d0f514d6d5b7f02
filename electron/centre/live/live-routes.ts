import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
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
  const { sessions, rateLimits } = app.centre;
  const hub = app.centreInternals.hub;

  // Sockets open per kiosk token or console login: a stolen or looping token cannot open thousands.
  const open = new Map<string, number>();
  const holderOf = (request: FastifyRequest) => {
    const caller = request.caller;
    return caller.kind === 'kiosk' ? `kiosk:${caller.kioskId}` : caller.kind === 'public' ? 'public' : `login:${caller.tokenHash}`;
  };
  const refuseIfFull = async (request: FastifyRequest) => {
    if ((open.get(holderOf(request)) ?? 0) >= rateLimits.liveSocketsPerToken) {
      throw new HttpError(429, 'tooManySockets', `Trop de connexions en direct pour ce jeton (${rateLimits.liveSocketsPerToken} au plus) : fermez un onglet ou une fenêtre.`);
    }
  };
  /** Counts the socket while it is open; false (and the socket closed, 1008) when two upgrades raced past the check. */
  const hold = (socket: WebSocket, request: FastifyRequest): boolean => {
    const holder = holderOf(request);
    const count = (open.get(holder) ?? 0) + 1;
    if (count > rateLimits.liveSocketsPerToken) {
      socket.close(1008, 'trop de connexions');
      return false;
    }
    open.set(holder, count);
    socket.once('close', () => {
      const left = (open.get(holder) ?? 1) - 1;
      if (left <= 0) open.delete(holder);
      else open.set(holder, left);
    });
    return true;
  };

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
    preValidation: async (request) => { watchedSession(request); await refuseIfFull(request); },
  }, (socket, request) => {
    if (!hold(socket, request)) return;
    const caller = consoleCaller(request);
    hub.addConsole(socket, { sessionId: watchedSession(request), tokenHash: caller.tokenHash, expiresAt: caller.expiresAt });
  });

  app.get(LIVE_ROUTES.kioskLive.path, { websocket: true, config: { auth: LIVE_ROUTES.kioskLive.caller }, preValidation: refuseIfFull }, (socket, request) => {
    if (!hold(socket, request)) return;
    hub.addKiosk(socket, kioskCaller(request).kioskId);
  });
}
