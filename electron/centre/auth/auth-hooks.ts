import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ATTESTATION_HEADER } from '../../../shared/formats/kiosk-attestation';
import { HttpError } from '../http/http-error';
import { createTokenBuckets, type TokenBucketRate } from '../http/token-bucket';
import type { Db } from '../storage/database';
import type { Caller, ConsoleRole, RouteAuth } from './caller';
import { findConsoleToken } from './console-tokens';
import { findKiosk } from './kiosk-registry';
import { tokenKind, type TokenKind } from './secret-token';

/** Cookies holding each kind of token (HttpOnly, SameSite=Strict, Path=/api). */
export const AUTH_COOKIES: Record<TokenKind, string> = {
  manager: 'passation_manager',
  invigilator: 'passation_console',
  kiosk: 'passation_kiosk',
};

/**
 * Kiosk-lockdown §2 attestation: every kiosk request of the paired shell carries this header (HMAC of method,
 * target and time under the device key, with the shell's build hash and config hash). The check (built by the
 * composition root from the station's policy: auth/kiosk-attestation.ts) runs on every kiosk route, WebSocket
 * upgrade included, once the device token is valid; absent in demo mode.
 */
export type KioskAttestationCheck = (input: {
  request: FastifyRequest;
  kiosk: { id: number; name: string };
  /** The header's value, if any. */
  attestation: string | undefined;
  /** The device token the request authenticated with (the attestation key is derived from it). */
  deviceToken: string;
}) => { ok: true } | { ok: false; error: HttpError };

export interface AuthOptions {
  db: Db;
  clock: () => Date;
  attestation?: KioskAttestationCheck | undefined;
  /** Requests per kiosk on its HTTP routes (token bucket); unlimited when absent. */
  kioskRate?: TokenBucketRate;
}

/** A registered route and who may call it (for the route list, its documentation and its tests). */
export interface RouteEntry { method: string; url: string; auth: RouteAuth; websocket: boolean }

const CONSOLE_ROLES: readonly ConsoleRole[] = ['manager', 'invigilator'];

/** True for a well-formed `config.auth`. */
export function isRouteAuth(value: unknown): value is RouteAuth {
  if (value === 'public' || value === 'kiosk' || value === 'manager' || value === 'invigilator') return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => CONSOLE_ROLES.includes(v as ConsoleRole));
}

/**
 * Why a route may not be registered as declared, or null: every route declares `config.auth`, and the URL
 * says who it is for (`/api/kiosk/…` kiosk or public only, kiosk routes only there, `/api/manager/…` manager
 * or public only), so that a kiosk route can never be mistaken for a console route.
 */
export function routeAuthProblem(url: string, auth: unknown): string | null {
  if (!isRouteAuth(auth)) return `config.auth manquant ou invalide (attendu : 'public', 'kiosk', 'manager', 'invigilator' ou une liste de rôles de console)`;
  const roles = typeof auth === 'string' ? [auth] : auth;
  const underKiosk = url.startsWith('/api/kiosk/');
  if (auth === 'kiosk' && !underKiosk) return 'une route des postes candidats doit être sous /api/kiosk/';
  if (underKiosk && auth !== 'kiosk' && auth !== 'public') return 'une route sous /api/kiosk/ ne peut être que kiosk ou public';
  if (url.startsWith('/api/manager/') && !roles.every((r) => r === 'manager' || r === 'public')) return 'une route sous /api/manager/ ne peut être que manager ou public';
  return null;
}

/**
 * Installs the auth layer on the root instance, before any route: refuses to register a route without
 * a valid `config.auth`, then authenticates every request in `onRequest` (so before the body is even read,
 * and before a WebSocket upgrade) and sets `request.caller`.
 */
export function registerAuth(app: FastifyInstance, options: AuthOptions): RouteEntry[] {
  const routes: RouteEntry[] = [];
  // Real (monotonic) time, as the live socket's bucket: a flood is measured in milliseconds, not on the test clock.
  const kioskBuckets = options.kioskRate ? createTokenBuckets(options.kioskRate, () => performance.now()) : null;
  app.decorateRequest('caller', null, []);
  app.addHook('onRoute', (route: RouteOptions) => {
    const auth = route.config?.auth;
    const problem = routeAuthProblem(route.url, auth);
    if (problem) throw new Error(`Route ${String(route.method)} ${route.url} refusée : ${problem}.`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, auth: auth as RouteAuth, websocket: route.websocket === true });
    }
  });
  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (auth === undefined) {
      // Only the not-found handler has no declared auth (onRoute refuses any other route without one).
      request.caller = { kind: 'public' };
      return;
    }
    const authenticated = authenticate(request, auth, options);
    request.caller = authenticated.caller;
    if (request.caller.kind === 'invigilator') {
      const param = (request.params as Record<string, string | undefined> | undefined)?.sessionId;
      if (param !== undefined && String(request.caller.sessionId) !== param) {
        throw new HttpError(403, 'otherSession', 'Cette connexion ne donne accès qu’à la session du surveillant connecté.');
      }
    }
    if (request.caller.kind === 'kiosk' && kioskBuckets) {
      const wait = kioskBuckets.take(request.caller.kioskId);
      if (wait > 0) {
        throw new HttpError(429, 'tooManyRequests', `Trop de requêtes de ce poste : réessayez dans ${wait} s.`, {
          field: '(racine)', retryAfterSeconds: wait, headers: { 'retry-after': String(wait) },
        });
      }
    }
    if (request.caller.kind === 'kiosk' && options.attestation) {
      const header = request.headers[ATTESTATION_HEADER];
      const verdict = options.attestation({
        request,
        kiosk: { id: request.caller.kioskId, name: request.caller.kioskName },
        attestation: Array.isArray(header) ? header[0] : header,
        // Always set for a kiosk caller; '' would only fail the MAC (the check never opens on a missing token).
        deviceToken: authenticated.token ?? '',
      });
      if (!verdict.ok) throw verdict.error;
    }
  });
  return routes;
}

const REQUIRED_MESSAGE: Record<string, string> = {
  kiosk: 'Poste non appairé : faites l’appairage avec le code affiché sur la console.',
  console: 'Connexion requise : identifiez-vous sur la console.',
};

function unauthenticated(forKiosk: boolean, code = 'unauthenticated', message?: string): HttpError {
  return new HttpError(401, code, message ?? REQUIRED_MESSAGE[forKiosk ? 'kiosk' : 'console']!, { headers: { 'www-authenticate': 'Bearer' } });
}

function authenticate(request: FastifyRequest, auth: RouteAuth, options: AuthOptions): { caller: Caller; token: string | null } {
  if (auth === 'public') return { caller: { kind: 'public' }, token: null };
  const allowed: readonly TokenKind[] = auth === 'kiosk' ? ['kiosk'] : typeof auth === 'string' ? [auth] : auth;
  const forKiosk = auth === 'kiosk';
  const token = bearerToken(request) ?? allowed.map((kind) => readCookie(request, AUTH_COOKIES[kind])).find((t) => t !== null) ?? null;
  if (token === null) throw unauthenticated(forKiosk);
  const kind = tokenKind(token);
  if (kind === null) throw unauthenticated(forKiosk, 'unauthenticated', 'Jeton d’accès inconnu.');
  const now = options.clock();
  let caller: Caller;
  if (kind === 'kiosk') {
    const found = findKiosk(options.db, token, now);
    if (!found.ok) {
      throw found.reason === 'revoked'
        ? unauthenticated(true, 'kioskRevoked', 'Ce poste a été révoqué depuis la console : refaites l’appairage.')
        : found.reason === 'expired'
          ? unauthenticated(true, 'kioskExpired', 'Ce poste n’a pas servi depuis 30 jours : son appairage a expiré, refaites-le.')
          : unauthenticated(true, 'unauthenticated', 'Jeton de poste inconnu : refaites l’appairage.');
    }
    caller = { kind: 'kiosk', kioskId: found.kiosk.id, kioskName: found.kiosk.name };
  } else {
    const found = findConsoleToken(options.db, token, now);
    if (!found.ok) {
      throw found.reason === 'expired'
        ? unauthenticated(false, 'sessionExpired', 'Votre connexion a expiré : reconnectez-vous.')
        : unauthenticated(false, 'unauthenticated', 'Connexion inconnue ou terminée : reconnectez-vous.');
    }
    if (found.owner.kind !== kind) throw unauthenticated(false, 'unauthenticated', 'Jeton d’accès inconnu.');
    caller = found.owner;
  }
  if (!allowed.includes(caller.kind as TokenKind)) throw wrongCaller(caller.kind, allowed);
  return { caller, token };
}

function wrongCaller(kind: Caller['kind'], allowed: readonly TokenKind[]): HttpError {
  if (kind === 'kiosk') return new HttpError(403, 'kioskForbidden', 'Un poste candidat ne peut pas appeler une route de la console.');
  if (allowed.includes('kiosk')) return new HttpError(403, 'consoleForbidden', 'Une connexion de la console ne peut pas appeler une route des postes candidats.');
  return allowed.includes('manager')
    ? new HttpError(403, 'managerOnly', 'Cette action est réservée au responsable du centre.')
    : new HttpError(403, 'invigilatorOnly', 'Cette action est réservée au surveillant de la session.');
}

/** `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

/** One cookie's value from the `Cookie` header, or null. */
export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return '';
      }
    }
  }
  return null;
}

/** `Set-Cookie` for a token: HttpOnly, SameSite=Strict, Secure over HTTPS, for the API only. */
export function tokenCookie(name: string, token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${name}=${encodeURIComponent(token)}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` that removes the cookie (logout). */
export function clearedCookie(name: string, secure: boolean): string {
  return tokenCookie(name, '', 0, secure);
}
