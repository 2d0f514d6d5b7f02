import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-error';

/** Who may call a route, declared on every route as `config: { auth }`. */
export type ConsoleRole = 'manager' | 'invigilator';
export type RouteAuth = 'public' | 'kiosk' | ConsoleRole | readonly ConsoleRole[];

/** Who is calling, set on `request.caller` by the auth hook before anything else runs. */
export type Caller =
  | { kind: 'public' }
  | { kind: 'manager'; tokenHash: string; expiresAt: string }
  | { kind: 'invigilator'; sessionId: number; tokenHash: string; expiresAt: string }
  | { kind: 'kiosk'; kioskId: number; kioskName: string };

export type KioskCaller = Extract<Caller, { kind: 'kiosk' }>;
export type ConsoleCaller = Extract<Caller, { kind: 'manager' | 'invigilator' }>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: a route without it refuses to register. */
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    caller: Caller;
  }
}

/** The kiosk calling a route declared `auth: 'kiosk'`. */
export function kioskCaller(request: FastifyRequest): KioskCaller {
  const caller = request.caller;
  if (caller.kind !== 'kiosk') throw new Error(`kioskCaller() sur une route ${caller.kind}`);
  return caller;
}

/** The manager or invigilator calling a console route. */
export function consoleCaller(request: FastifyRequest): ConsoleCaller {
  const caller = request.caller;
  if (caller.kind !== 'manager' && caller.kind !== 'invigilator') throw new Error(`consoleCaller() sur une route ${caller.kind}`);
  return caller;
}

/**
 * Refuses (403) an invigilator acting on another session than theirs; the manager may act on any.
 * The auth hook already applies it to a `:sessionId` route parameter; call it for a session reached
 * another way (a candidate's, a test's).
 */
export function assertSessionAccess(request: FastifyRequest, sessionId: number): void {
  const caller = request.caller;
  if (caller.kind === 'manager') return;
  if (caller.kind === 'invigilator' && caller.sessionId === sessionId) return;
  throw new HttpError(403, 'otherSession', caller.kind === 'invigilator'
    ? 'Cette connexion ne donne accès qu’à la session du surveillant connecté.'
    : 'Cette action est réservée à la console.');
}

/** How the audit log and the pairing records name a console caller: `manager` or `invigilator:<session id>`. */
export function callerLabel(caller: Caller): string {
  switch (caller.kind) {
    case 'manager': return 'manager';
    case 'invigilator': return `invigilator:${caller.sessionId}`;
    case 'kiosk': return `kiosk:${caller.kioskId}`;
    default: return 'public';
  }
}
