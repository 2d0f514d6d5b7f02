import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
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

  app.get('/api/console/live', {
    websocket: true,
    config: { auth: ['manager', 'invigilator'] },
    preValidation: async (request) => { watchedSession(request); await refuseIfFull(request); },
  }, (socket, request) => {
    if (!hold(socket, request)) return;
    const caller = consoleCaller(request);
    hub.addConsole(socket, { sessionId: watchedSession(request), tokenHash: caller.tokenHash, expiresAt: caller.expiresAt });
  });

  app.get('/api/kiosk/live', { websocket: true, config: { auth: 'kiosk' }, preValidation: refuseIfFull }, (socket, request) => {
    if (!hold(socket, request)) return;
    hub.addKiosk(socket, kioskCaller(request).kioskId);
  });
}
