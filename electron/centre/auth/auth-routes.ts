import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES } from '../../../shared/formats/routes';
import { HttpError } from '../http/http-error';
import { registerRoute } from '../http/register-route';
import { AUTH_COOKIES, clearedCookie, tokenCookie } from './auth-hooks';
import { callerLabel, consoleCaller, kioskCaller } from './caller';
import { INVIGILATOR_TOKEN_TTL_MS, MANAGER_TOKEN_TTL_MS, issueConsoleToken, revokeConsoleToken, revokeManagerTokens } from './console-tokens';
import type { FailureLimiter } from './failure-limiter';
import { createPairingCode, listKiosks, pairKiosk, revokeKiosk } from './kiosk-registry';
import { setManagerPassword, verifyManagerPassword } from './manager-account';

/** A device token's cookie lives as long as browsers allow (400 days); the kiosk is revoked from the console. */
const KIOSK_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

/** 429 when this IP has failed too often; the `Retry-After` header says for how long. */
function refuseIfBlocked(limiter: FailureLimiter, key: string): void {
  const blocked = limiter.blocked(key);
  if (blocked) {
    throw new HttpError(429, 'tooManyAttempts', `Trop de tentatives échouées : réessayez dans ${blocked.retryAfterSeconds} s.`, {
      headers: { 'retry-after': String(blocked.retryAfterSeconds) },
    });
  }
}

/**
 * Logins (manager, invigilator), logout, pairing codes, kiosk pairing, kiosk list and revocation.
 * Route list and examples: docs/centre-api.md.
 */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, sessions, rateLimits } = app.centre;
  const hub = app.centreInternals.hub;
  const managerFailures = app.centre.failureLimiter('managerLogin', rateLimits.managerLoginFailures);
  const invigilatorFailures = app.centre.failureLimiter('invigilatorLogin', rateLimits.invigilatorLoginFailures);
  const pairingFailures = app.centre.failureLimiter('pairing', rateLimits.pairingFailures);
  const publicRoute = { rateLimit: { max: rateLimits.publicRequestsPerMinute, timeWindow: 60_000 } };
  const secure = app.centre.secure;

  function logIn(reply: FastifyReply, login: { kind: 'manager' } | { kind: 'invigilator'; sessionId: number }) {
    const issued = issueConsoleToken(db, login, clock());
    const ttl = login.kind === 'manager' ? MANAGER_TOKEN_TTL_MS : INVIGILATOR_TOKEN_TTL_MS;
    reply.header('set-cookie', tokenCookie(AUTH_COOKIES[login.kind], issued.token, ttl / 1000, secure));
    return { token: issued.token, expiresAt: issued.expiresAt };
  }

  function logOut({ request, reply }: { request: FastifyRequest; reply: FastifyReply }): void {
    const caller = consoleCaller(request);
    revokeConsoleToken(db, caller.tokenHash, clock());
    hub.disconnectLogins([caller.tokenHash]);
    reply.header('set-cookie', clearedCookie(AUTH_COOKIES[caller.kind], secure));
  }

  registerRoute(app, ROUTES.managerLogin, publicRoute).handle(({ request, reply, body }) => {
    refuseIfBlocked(managerFailures, request.ip);
    if (!verifyManagerPassword(db, body.password)) {
      managerFailures.fail(request.ip);
      throw new HttpError(401, 'wrongPassword', 'Mot de passe du responsable incorrect.', { field: 'password' });
    }
    managerFailures.reset(request.ip);
    return logIn(reply, { kind: 'manager' });
  });

  registerRoute(app, ROUTES.managerLogout).handle(logOut);

  registerRoute(app, ROUTES.managerPassword).handle(({ request, reply, body }) => {
    refuseIfBlocked(managerFailures, request.ip);
    if (!verifyManagerPassword(db, body.currentPassword)) {
      managerFailures.fail(request.ip);
      throw new HttpError(401, 'wrongPassword', 'Mot de passe actuel incorrect.', { field: 'currentPassword' });
    }
    const problem = setManagerPassword(db, body.newPassword, clock());
    if (problem) throw new HttpError(400, 'invalidBody', `Champ « newPassword » invalide : ${problem}.`, { field: 'newPassword' });
    hub.disconnectLogins(revokeManagerTokens(db, clock()));
    return logIn(reply, { kind: 'manager' });
  });

  // R-SESS-1 — the invigilator logs in with the session number and the session's password.
  registerRoute(app, ROUTES.invigilatorLogin, publicRoute).handle(({ request, reply, body }) => {
    refuseIfBlocked(invigilatorFailures, request.ip);
    const session = sessions.getSessionByNumber(body.sessionNumber);
    // An unknown session costs the same time and gets the same answer as a wrong password.
    if (!sessions.verifyInvigilatorPassword(session?.id ?? 0, body.password) || !session) {
      invigilatorFailures.fail(request.ip);
      throw new HttpError(401, 'wrongPassword', 'Numéro de session ou mot de passe du surveillant incorrect.', { field: 'password' });
    }
    invigilatorFailures.reset(request.ip);
    return { ...logIn(reply, { kind: 'invigilator', sessionId: session.id }), session };
  });

  registerRoute(app, ROUTES.invigilatorLogout).handle(logOut);

  registerRoute(app, ROUTES.invigilatorSession).handle(({ request }) => {
    const caller = consoleCaller(request);
    const session = caller.kind === 'invigilator' ? sessions.getSession(caller.sessionId) : null;
    if (!session) throw new HttpError(404, 'notFound', 'Session introuvable.');
    return { session };
  });

  registerRoute(app, ROUTES.pairingCode).handle(({ request }) => createPairingCode(db, callerLabel(request.caller), clock()));

  // An invigilator sees their session's kiosks only; the manager sees every kiosk of the centre.
  registerRoute(app, ROUTES.kiosks).handle(({ request }) => {
    const caller = consoleCaller(request);
    return { kiosks: listKiosks(db, caller.kind === 'invigilator' ? caller.sessionId : undefined) };
  });

  // Revoking a kiosk ends it for every session: the manager's decision, not one session's invigilator.
  registerRoute(app, ROUTES.kioskRevoke).handle(({ params: { kioskId } }) => {
    if (!revokeKiosk(db, kioskId, clock())) throw new HttpError(404, 'notFound', `Poste introuvable (id ${kioskId}).`);
    hub.disconnectKiosk(kioskId);
  });

  registerRoute(app, ROUTES.kioskPair, publicRoute).handle(({ request, reply, body }) => {
    refuseIfBlocked(pairingFailures, request.ip);
    const result = pairKiosk(db, body, clock());
    if (!result.ok) {
      pairingFailures.fail(request.ip);
      throw new HttpError(401, 'pairingRefused', result.reason, { field: 'code' });
    }
    pairingFailures.reset(request.ip);
    reply.header('set-cookie', tokenCookie(AUTH_COOKIES.kiosk, result.deviceToken, KIOSK_COOKIE_MAX_AGE_S, secure));
    return { kioskId: result.kioskId, deviceToken: result.deviceToken, certificateFingerprint: app.centre.certificateFingerprint };
  });

  registerRoute(app, ROUTES.kioskMe).handle(({ request }) => {
    const kiosk = kioskCaller(request);
    return { kioskId: kiosk.kioskId, name: kiosk.kioskName };
  });
}
