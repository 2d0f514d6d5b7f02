import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAuth, routeAuthProblem } from '../auth/auth-hooks';
import { openDatabase } from '../storage/database';
import { createCentreServer } from '../centre-server';
import { HttpError } from '../http/http-error';
import { PAGE_CSP } from '../http/security-headers';
import { readDoc, routeSection, tableRoutes } from '../testing/route-docs';
import { SESSION_INPUT, startTestServer, testTls, type TestServer } from '../testing/test-server';

let t: TestServer;
let manager: string;
const logged: unknown[] = [];

beforeAll(async () => {
  t = await startTestServer({
    logError: (error) => logged.push(error),
    plugins: [async (app) => {
      app.get('/api/manager/boom', { config: { auth: 'public' } }, async () => { throw new Error('secret internal detail'); });
      app.get('/console/', { config: { auth: 'public' } }, async (_request, reply) => reply.type('text/html').send('<!doctype html><title>Console</title>'));
    }],
  });
  manager = await t.loginManager();
});
afterAll(async () => { await t.close(); });

describe('centre server basics', () => {
  it('serves HTTPS with the station certificate and gives its URLs and fingerprint', async () => {
    expect(t.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(t.server.consoleUrl).toBe(`${t.server.url}/console/`);
    expect(t.server.kioskUrl).toBe(`${t.server.url}/kiosk/`);
    expect(t.server.certificateFingerprint).toBe(t.tls.fingerprint);
    const health = await t.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok', certificateFingerprint: t.tls.fingerprint });
  });

  it('API answers are no-store with security headers; pages get the strict CSP', async () => {
    const api = await t.call('GET', '/api/health');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const page = await t.call('GET', '/console/');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain('unsafe-inline');
  });

  it('unknown route → 404 in French, in the uniform error format', async () => {
    const answer = await t.call('GET', '/api/nowhere?x=1');
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: 'notFound', message: 'Route inconnue : GET /api/nowhere.' } });
  });

  it('malformed JSON → 400 "JSON invalide"; empty JSON body → 400', async () => {
    const bad = await t.call('POST', '/api/manager/sessions', { raw: '{"centre": ', token: manager });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalidJson');
    expect(bad.json.error.message).toMatch(/^JSON invalide/);
    const empty = await t.call('POST', '/api/manager/sessions', { raw: '', contentType: 'application/json', token: manager });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/^JSON invalide/);
    // Prototype poisoning: the key is deleted (nothing is polluted), then the schema names what is missing.
    const proto = await t.call('POST', '/api/manager/sessions', { raw: '{"__proto__": {"isAdmin": true}}', token: manager });
    expect(proto.status).toBe(400);
    expect(proto.json.error.field).toEqual(expect.any(String));
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });

  it('oversized body → 413 (64 KiB on JSON routes), before any handler runs', async () => {
    const answer = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, description: 'x'.repeat(65 * 1024) }, token: manager });
    expect(answer.status).toBe(413);
    expect(answer.json.error.code).toBe('bodyTooLarge');
    expect((await t.call('GET', '/api/manager/sessions', { token: manager })).json.sessions).toEqual([]);
  });

  it('JSON only: another content type → 415', async () => {
    const answer = await t.call('POST', '/api/manager/sessions', { raw: 'centre=x', contentType: 'application/x-www-form-urlencoded', token: manager });
    expect(answer.status).toBe(415);
    const text = await t.call('POST', '/api/manager/sessions', { raw: 'bonjour', contentType: 'text/plain', token: manager });
    expect(text.status).toBe(415);
    expect(text.json.error.message).toContain('application/json');
  });

  it('missing or wrong field → 400 naming it (zod path), every bad field listed', async () => {
    const { room: _room, ...withoutRoom } = SESSION_INPUT;
    const missing = await t.call('POST', '/api/manager/sessions', { body: { ...withoutRoom, startTime: '25:00' }, token: manager });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'invalidBody', field: 'room', message: 'Champ « room » invalide : champ obligatoire.' });
    expect(missing.json.error.errors).toEqual([
      { field: 'room', message: 'champ obligatoire' },
      { field: 'startTime', message: 'heure attendue au format HH:MM (de 00:00 à 23:59)' },
    ]);
    const notObject = await t.call('POST', '/api/manager/sessions', { body: [1, 2], token: manager });
    expect(notObject.status).toBe(400);
    expect(notObject.json.error.field).toBe('(racine)');
  });

  it('an unexpected error → 500 in French, no stack or internal detail, logged on the station', async () => {
    const answer = await t.call('GET', '/api/manager/boom');
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: { code: 'internal', message: 'Erreur interne du serveur : elle a été consignée dans le journal du poste surveillant.' } });
    expect(answer.text).not.toContain('secret internal detail');
    expect(answer.text).not.toContain('at ');
    expect(logged).toHaveLength(1);
  });
});

describe('every route declares who may call it', () => {
  it('a route without config.auth refuses to register, so the server does not start', async () => {
    const app = Fastify();
    registerAuth(app, { db: t.db, clock: () => new Date() });
    expect(() => app.get('/api/console/forgotten', async () => ({}))).toThrow(/config\.auth manquant/);
    await app.close();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-noauth-'));
    const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
    await expect(createCentreServer({
      db, dataDir, host: '127.0.0.1', port: 0, tls: testTls(),
      config: { managerPassword: 'un-mot-de-passe', plugins: [async (a) => { a.post('/api/console/oops', async () => ({})); }] },
    })).rejects.toThrow(/Route POST \/api\/console\/oops refusée : config\.auth manquant/);
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the URL must match who calls it: kiosk routes under /api/kiosk/, nothing else there', () => {
    expect(routeAuthProblem('/api/console/x', 'kiosk')).toMatch(/sous \/api\/kiosk\//);
    expect(routeAuthProblem('/api/kiosk/x', 'invigilator')).toMatch(/kiosk ou public/);
    expect(routeAuthProblem('/api/kiosk/x', ['manager', 'invigilator'])).toMatch(/kiosk ou public/);
    expect(routeAuthProblem('/api/manager/x', 'invigilator')).toMatch(/manager ou public/);
    expect(routeAuthProblem('/api/manager/x', ['kiosk'])).toMatch(/config\.auth/);
    expect(routeAuthProblem('/api/kiosk/x', 'kiosk')).toBeNull();
    expect(routeAuthProblem('/api/console/x', ['manager', 'invigilator'])).toBeNull();
  });

  it('the server registers exactly the routes of the table (shared/formats/routes.ts), and each is documented with an example', () => {
    const registered = t.server.app.centreInternals.routes
      .filter((r) => r.url.startsWith('/api/') && !r.url.includes('boom'))
      .map((r) => `${r.method} ${r.url}`);
    const table = tableRoutes();
    expect([...registered].sort()).toEqual(table.map((r) => r.key).sort());
    expect(new Set(registered).size).toBe(registered.length);
    const docs = [readDoc('centre-api.md'), readDoc('delivery-api.md')];
    const undocumented = table.filter(({ key, websocket }) => {
      const section = docs.map((doc) => routeSection(doc, key)).find((s) => s !== undefined);
      return section === undefined || !section.includes(websocket ? 'websocat ' : 'curl ');
    });
    expect(undocumented.map((r) => r.key)).toEqual([]);
  });
});

describe('TLS certificate and startup', () => {
  it('generates the station certificate once in dataDir and keeps it (the pinned fingerprint does not change)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-tls-'));
    const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
    const first = await createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, config: { managerPassword: 'un-mot-de-passe' } });
    await first.close();
    expect(fs.existsSync(path.join(dataDir, 'station-tls', 'cert.pem'))).toBe(true);
    expect((fs.statSync(path.join(dataDir, 'station-tls', 'key.pem')).mode & 0o077)).toBe(0);
    const second = await createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, config: {} });
    expect(second.certificateFingerprint).toBe(first.certificateFingerprint);
    expect(second.certificateFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await second.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('plain HTTP only on loopback; a first start without a password generates one, printed once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-http-'));
    const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
    await expect(createCentreServer({ db, dataDir, host: '0.0.0.0', port: 0, config: { plainHttp: true } }))
      .rejects.toThrow('HTTP sans chiffrement refusé sur 0.0.0.0');
    const saved = process.env.PASSATION_MANAGER_PASSWORD;
    delete process.env.PASSATION_MANAGER_PASSWORD;
    try {
      const server = await createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, config: { plainHttp: true } });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.certificateFingerprint).toBeNull();
      expect(server.initialManagerPassword).toMatch(/^[2346789BCDFGHJKMPQRTVWXY]{16}$/);
      const login = await server.app.inject({ method: 'POST', url: '/api/manager/login', payload: { password: server.initialManagerPassword } });
      expect(login.statusCode).toBe(200);
      expect(String(login.headers['set-cookie'])).not.toContain('Secure');
      await server.close();
      const again = await createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, config: { plainHttp: true } });
      expect(again.initialManagerPassword).toBeNull();
      await again.close();
    } finally {
      if (saved !== undefined) process.env.PASSATION_MANAGER_PASSWORD = saved;
    }
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('HttpError carries only code, message, field and errors', () => {
    expect(new HttpError(400, 'x', 'Message.', { field: 'a', headers: { 'retry-after': '3' } }).body).toEqual({ error: { code: 'x', message: 'Message.', field: 'a' } });
  });
});
