import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_INPUT, TEST_MANAGER_PASSWORD, startTestServer, type TestServer } from '../testing/test-server';
import { createFailureLimiter } from './failure-limiter';
import { tempDatabase } from '../storage/temp-database';

let t: TestServer;
let manager: string;
let sessionId: number;
let invigilatorPassword: string;
let invigilator: string;
let kiosk: string;
let kioskId: number;

async function pair(token: string, name: string) {
  const code = await t.call('POST', '/api/console/pairing-codes', { token });
  expect(code.status).toBe(201);
  const paired = await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name } });
  expect(paired.status).toBe(201);
  return paired.json as { kioskId: number; deviceToken: string; certificateFingerprint: string };
}

beforeAll(async () => {
  t = await startTestServer({ rateLimits: { publicRequestsPerMinute: 1000 } });
  manager = await t.loginManager();
  const created = await t.call('POST', '/api/manager/sessions', { body: SESSION_INPUT, token: manager });
  sessionId = created.json.session.id;
  invigilatorPassword = created.json.invigilatorPassword;
  invigilator = (await t.call('POST', '/api/console/login', { body: { sessionNumber: 1, password: invigilatorPassword } })).json.token;
  const paired = await pair(invigilator, 'Poste 1');
  kiosk = paired.deviceToken;
  kioskId = paired.kioskId;
});
afterAll(async () => { await t.close(); });

/** A valid URL for a route pattern: numeric parameters filled with existing ids. */
const concrete = (url: string) => url.replace(':sessionId', String(sessionId)).replace(':candidateId', '1').replace(':kioskId', String(kioskId));

describe('manager login (8 h token, cookie and bearer)', () => {
  it('wrong password → 401 naming the field; right one → token and HttpOnly SameSite=Strict Secure cookie', async () => {
    const wrong = await t.call('POST', '/api/manager/login', { body: { password: 'pas le bon' }, headers: { 'x-forwarded-for': '1.2.3.4' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toEqual({ code: 'wrongPassword', message: 'Mot de passe du responsable incorrect.', field: 'password' });
    const ok = await t.call('POST', '/api/manager/login', { body: { password: TEST_MANAGER_PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.json.token).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(ok.json.expiresAt) - t.now()).toBe(8 * 3600_000);
    expect(ok.headers['set-cookie']).toEqual([`passation_manager=${ok.json.token}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=28800; Secure`]);
    const byCookie = await t.call('GET', '/api/manager/sessions', { headers: { cookie: `other=1; passation_manager=${ok.json.token}` } });
    expect(byCookie.status).toBe(200);
  });

  it('no token → 401; unknown token → 401; logout ends the token', async () => {
    expect((await t.call('GET', '/api/manager/sessions')).json.error.code).toBe('unauthenticated');
    expect((await t.call('GET', '/api/manager/sessions', { token: 'pm_forged' })).status).toBe(401);
    expect((await t.call('GET', '/api/manager/sessions', { token: 'garbage' })).status).toBe(401);
    const token = await t.loginManager();
    const out = await t.call('POST', '/api/manager/logout', { token });
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']?.[0]).toContain('passation_manager=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0');
    expect((await t.call('GET', '/api/manager/sessions', { token })).status).toBe(401);
  });

  it('expired token → 401 sessionExpired after 8 h', async () => {
    const token = await t.loginManager();
    t.advance(8 * 3600_000 - 1000);
    expect((await t.call('GET', '/api/manager/sessions', { token })).status).toBe(200);
    t.advance(1000);
    const expired = await t.call('GET', '/api/manager/sessions', { token });
    expect(expired.status).toBe(401);
    expect(expired.json.error).toMatchObject({ code: 'sessionExpired', message: 'Votre connexion a expiré : reconnectez-vous.' });
    manager = await t.loginManager();
  });

  it('password change: current password checked, other manager logins revoked, new token returned', async () => {
    const other = await t.loginManager();
    const wrong = await t.call('POST', '/api/manager/password', { token: manager, body: { currentPassword: 'faux', newPassword: 'nouveau-mot-de-passe' } });
    expect(wrong.json.error).toMatchObject({ code: 'wrongPassword', field: 'currentPassword' });
    const short = await t.call('POST', '/api/manager/password', { token: manager, body: { currentPassword: TEST_MANAGER_PASSWORD, newPassword: 'court' } });
    expect(short.json.error).toMatchObject({ code: 'invalidBody', field: 'newPassword' });
    const changed = await t.call('POST', '/api/manager/password', { token: manager, body: { currentPassword: TEST_MANAGER_PASSWORD, newPassword: 'nouveau-mot-de-passe' } });
    expect(changed.status).toBe(200);
    expect((await t.call('GET', '/api/manager/sessions', { token: other })).status).toBe(401);
    expect((await t.call('GET', '/api/manager/sessions', { token: manager })).status).toBe(401);
    const back = await t.call('POST', '/api/manager/password', { token: changed.json.token, body: { currentPassword: 'nouveau-mot-de-passe', newPassword: TEST_MANAGER_PASSWORD } });
    manager = back.json.token;
    expect((await t.call('GET', '/api/manager/sessions', { token: manager })).status).toBe(200);
  });
});

describe('invigilator login (R-SESS-1: session number + the session’s password, 12 h, one session)', () => {
  it('wrong password and unknown session get the same 401; the password is typed case-insensitively', async () => {
    const wrong = await t.call('POST', '/api/console/login', { body: { sessionNumber: 1, password: 'ZZZZZZZZ' } });
    const unknown = await t.call('POST', '/api/console/login', { body: { sessionNumber: 99, password: invigilatorPassword } });
    expect(wrong.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(wrong.json.error.message).toBe('Numéro de session ou mot de passe du surveillant incorrect.');
    const ok = await t.call('POST', '/api/console/login', { body: { sessionNumber: 1, password: invigilatorPassword.toLowerCase() } });
    expect(ok.status).toBe(200);
    expect(ok.json.token).toMatch(/^pi_/);
    expect(ok.json.session.number).toBe(1);
    expect(ok.headers['set-cookie']?.[0]).toContain('passation_console=');
    const me = await t.call('GET', '/api/console/session', { token: ok.json.token });
    expect(me.json.session.id).toBe(sessionId);
  });

  it('missing session number → 400 naming sessionNumber', async () => {
    const answer = await t.call('POST', '/api/console/login', { body: { password: 'X' } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.field).toBe('sessionNumber');
  });

  it('scoped to its session: another session’s id → 403', async () => {
    const other = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'C3' }, token: manager });
    expect(other.status).toBe(201);
    const ws = await t.socket(`/api/console/live?sessionId=${other.json.session.id}`, invigilator).catch((e: { status: number }) => e.status);
    expect(ws).toBe(403);
  });

  it('expires after 12 h; logout ends it; a password reset ends every login of the session', async () => {
    const login = async () => (await t.call('POST', '/api/console/login', { body: { sessionNumber: 1, password: invigilatorPassword } })).json.token as string;
    const first = await login();
    t.advance(12 * 3600_000 - 1000);
    expect((await t.call('GET', '/api/console/session', { token: first })).status).toBe(200);
    t.advance(1000);
    expect((await t.call('GET', '/api/console/session', { token: first })).json.error.code).toBe('sessionExpired');
    manager = await t.loginManager();
    const second = await login();
    expect((await t.call('POST', '/api/console/logout', { token: second })).status).toBe(204);
    expect((await t.call('GET', '/api/console/session', { token: second })).status).toBe(401);
    const third = await login();
    const reset = await t.call('POST', `/api/manager/sessions/${sessionId}/invigilator-password`, { token: manager });
    expect(reset.json.invigilatorPassword).toMatch(/^[2346789BCDFGHJKMPQRTVWXY]{8}$/);
    expect((await t.call('GET', '/api/console/session', { token: third })).status).toBe(401);
    invigilatorPassword = reset.json.invigilatorPassword;
    invigilator = await login();
  });
});

describe('kiosk pairing (6 digits, 10 minutes, single use)', () => {
  it('a code is 6 digits; pairing answers the device token and the pinned fingerprint; the token works on kiosk routes', async () => {
    const code = await t.call('POST', '/api/console/pairing-codes', { token: manager });
    expect(code.json.code).toMatch(/^\d{6}$/);
    expect(Date.parse(code.json.expiresAt) - t.now()).toBe(10 * 60_000);
    const paired = await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: '  Poste 2 ' } });
    expect(paired.status).toBe(201);
    expect(paired.json.deviceToken).toMatch(/^pk_/);
    expect(paired.json.certificateFingerprint).toBe(t.tls.fingerprint);
    const me = await t.call('GET', '/api/kiosk/me', { token: paired.json.deviceToken });
    expect(me.json).toEqual({ kioskId: paired.json.kioskId, name: 'Poste 2' });
    const byCookie = await t.call('GET', '/api/kiosk/me', { headers: { cookie: `passation_kiosk=${paired.json.deviceToken}` } });
    expect(byCookie.status).toBe(200);
    const again = await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: 'Poste 3' } });
    expect(again.status).toBe(401);
    expect(again.json.error).toMatchObject({ code: 'pairingRefused', field: 'code', message: 'Ce code d’appairage a déjà servi : demandez-en un nouveau sur la console.' });
  });

  it('an expired code and an unknown code are refused; a malformed one is a 400 naming the field', async () => {
    const code = await t.call('POST', '/api/console/pairing-codes', { token: invigilator });
    t.advance(10 * 60_000);
    const late = await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: 'Poste 4' } });
    expect(late.json.error.message).toBe('Ce code d’appairage a expiré : demandez-en un nouveau sur la console.');
    const fresh = await t.call('POST', '/api/console/pairing-codes', { token: invigilator });
    const unknown = String((Number(fresh.json.code) + 1) % 1_000_000).padStart(6, '0');
    expect((await t.call('POST', '/api/kiosk/pair', { body: { code: unknown, name: 'Poste 4' } })).json.error.message).toMatch(/^Code d’appairage inconnu/);
    const malformed = await t.call('POST', '/api/kiosk/pair', { body: { code: '12a456', name: 'Poste 4' } });
    expect(malformed.json.error).toMatchObject({ code: 'invalidBody', field: 'code' });
  });

  it('the console lists kiosks and revokes one: its token stops working at once', async () => {
    const victim = await pair(manager, 'Poste à révoquer');
    // The manager sees every kiosk and is the one who revokes (an invigilator sees their session's: kiosk-scope.test.ts).
    const list = await t.call('GET', '/api/console/kiosks', { token: manager });
    expect(list.json.kiosks.map((k: { name: string }) => k.name)).toContain('Poste à révoquer');
    expect(list.json.kiosks[0]).toMatchObject({ pairedBy: expect.stringMatching(/^(manager|invigilator:\d+)$/), revokedAt: null });
    expect((await t.call('POST', `/api/console/kiosks/${victim.kioskId}/revoke`, { token: invigilator })).status).toBe(403);
    expect((await t.call('POST', `/api/console/kiosks/${victim.kioskId}/revoke`, { token: manager })).status).toBe(204);
    const refused = await t.call('GET', '/api/kiosk/me', { token: victim.deviceToken });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('kioskRevoked');
    expect((await t.call('POST', '/api/console/kiosks/9999/revoke', { token: manager })).status).toBe(404);
    expect((await t.call('POST', '/api/console/kiosks/abc/revoke', { token: manager })).status).toBe(404);
  });

  it('the list gives the build of the shell a kiosk paired with, null for one paired without (a browser)', async () => {
    const buildHash = 'b'.repeat(64);
    const code = await t.call('POST', '/api/console/pairing-codes', { token: manager });
    const shell = await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: 'Poste verrouillé', shell: { buildHash, configHash: 'c'.repeat(64) } } });
    expect(shell.status).toBe(201);
    const browser = await pair(manager, 'Poste navigateur');
    const kiosks = (await t.call('GET', '/api/console/kiosks', { token: manager })).json.kiosks as { id: number; buildHash: string | null }[];
    expect(kiosks.find((k) => k.id === shell.json.kioskId)?.buildHash).toBe(buildHash);
    expect(kiosks.find((k) => k.id === browser.kioskId)?.buildHash).toBeNull();
  });
});

describe('a kiosk token never calls a console route, a console token never calls a kiosk route', () => {
  it('kiosk token on every console and manager route → 403 kioskForbidden', async () => {
    const routes = t.server.app.centreInternals.routes.filter((r) => r.auth !== 'public' && r.auth !== 'kiosk' && !r.websocket);
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const answer = await t.call(route.method, concrete(route.url), { token: kiosk, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      expect([route.url, answer.status, answer.json?.error?.code]).toEqual([route.url, 403, 'kioskForbidden']);
    }
  });

  it('manager and invigilator tokens on every kiosk route → 403 consoleForbidden', async () => {
    const routes = t.server.app.centreInternals.routes.filter((r) => r.auth === 'kiosk' && !r.websocket);
    expect(routes.length).toBeGreaterThan(0);
    for (const token of [manager, invigilator]) {
      for (const route of routes) {
        const answer = await t.call(route.method, concrete(route.url), { token });
        expect([route.url, answer.status, answer.json?.error?.code]).toEqual([route.url, 403, 'consoleForbidden']);
      }
    }
  });

  it('console cookies are ignored on kiosk routes; an invigilator token on a manager route → 403', async () => {
    const cookie = await t.call('GET', '/api/kiosk/me', { headers: { cookie: `passation_manager=${manager}; passation_console=${invigilator}` } });
    expect(cookie.status).toBe(401);
    const managerRoute = await t.call('GET', '/api/manager/sessions', { token: invigilator });
    expect(managerRoute.json.error).toEqual({ code: 'managerOnly', message: 'Cette action est réservée au responsable du centre.' });
    const invigilatorRoute = await t.call('GET', '/api/console/session', { token: manager });
    expect(invigilatorRoute.json.error.code).toBe('invigilatorOnly');
  });
});

describe('attestation (kiosk-lockdown §2)', () => {
  it('not checked when the station runs without a policy (demo): kiosk-attestation.test.ts covers the enforced station', async () => {
    expect((await t.call('GET', '/api/kiosk/me', { token: kiosk })).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('failure limiter: N failures in the window block the key, with the time to wait; a success resets it', () => {
    let now = 0;
    const temp = tempDatabase();
    const limiter = createFailureLimiter(temp.db, 'probe', { maxFailures: 3, windowMs: 60_000 }, () => new Date(now));
    for (let i = 0; i < 3; i++) {
      expect(limiter.blocked('ip')).toBeNull();
      limiter.fail('ip');
      now += 10_000;
    }
    expect(limiter.blocked('ip')).toEqual({ retryAfterSeconds: 30 });
    expect(limiter.blocked('other')).toBeNull();
    now += 30_000;
    expect(limiter.blocked('ip')).toBeNull();
    limiter.fail('ip');
    expect(limiter.blocked('ip')).toEqual({ retryAfterSeconds: 10 });
    limiter.reset('ip');
    expect(limiter.blocked('ip')).toBeNull();
    temp.remove();
  });

  it('login failures per IP → 429 with Retry-After, even with the right password; time lifts it', async () => {
    const s = await startTestServer({ rateLimits: { managerLoginFailures: { maxFailures: 3, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 3; i++) expect((await s.call('POST', '/api/manager/login', { body: { password: 'faux' } })).status).toBe(401);
      const blocked = await s.call('POST', '/api/manager/login', { body: { password: TEST_MANAGER_PASSWORD } });
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBe('60');
      expect(blocked.json.error).toEqual({ code: 'tooManyAttempts', message: 'Trop de tentatives échouées : réessayez dans 60 s.' });
      // The invigilator's logins count apart (auth/failure-limits.test.ts): a wrong manager password does not block them.
      expect((await s.call('POST', '/api/console/login', { body: { sessionNumber: 1, password: 'X' } })).status).toBe(401);
      s.advance(60_000);
      expect((await s.call('POST', '/api/manager/login', { body: { password: TEST_MANAGER_PASSWORD } })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('pairing failures per IP → 429', async () => {
    const s = await startTestServer({ rateLimits: { pairingFailures: { maxFailures: 2, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 2; i++) expect((await s.call('POST', '/api/kiosk/pair', { body: { code: '000000', name: 'P' } })).status).toBe(401);
      const blocked = await s.call('POST', '/api/kiosk/pair', { body: { code: '000000', name: 'P' } });
      expect(blocked.status).toBe(429);
      expect(blocked.json.error.code).toBe('tooManyAttempts');
    } finally {
      await s.close();
    }
  });

  it('requests per minute on a public route → 429 in the uniform format', async () => {
    const s = await startTestServer({ rateLimits: { publicRequestsPerMinute: 2 } });
    try {
      await s.call('POST', '/api/kiosk/pair', { body: {} });
      await s.call('POST', '/api/kiosk/pair', { body: {} });
      const third = await s.call('POST', '/api/kiosk/pair', { body: {} });
      expect(third.status).toBe(429);
      expect(third.json.error.code).toBe('tooManyRequests');
      expect(third.json.error.message).toMatch(/^Trop de requêtes : réessayez dans \d+ s\.$/);
    } finally {
      await s.close();
    }
  });
});
