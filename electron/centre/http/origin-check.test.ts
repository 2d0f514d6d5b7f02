import https from 'node:https';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_INPUT, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let invigilatorCookie: string;
let ownOrigin: string;
beforeAll(async () => {
  t = await startTestServer();
  const manager = await t.loginManager();
  const created = await t.call('POST', '/api/manager/sessions', { token: manager, body: SESSION_INPUT });
  const login = await t.call('POST', '/api/console/login', { body: { sessionNumber: created.json.session.number, password: created.json.invigilatorPassword } });
  invigilatorCookie = `passation_console=${login.json.token}`;
  ownOrigin = t.server.url;
});
afterAll(() => t.close());

/** The console socket opened with the cookie only, as a page of another site would try: status of the upgrade. */
function upgrade(origin: string | undefined): Promise<{ status: number; code?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${t.server.url.replace(/^https/, 'wss')}/api/console/live`, {
      ca: t.tls.certPem, headers: { cookie: invigilatorCookie }, ...(origin === undefined ? {} : { origin }),
    });
    ws.once('open', () => { ws.close(); resolve({ status: 101 }); });
    ws.once('unexpected-response', (request, response) => {
      let body = '';
      response.on('data', (c: Buffer) => { body += String(c); });
      response.on('end', () => { request.destroy(); resolve({ status: response.statusCode ?? 0, code: JSON.parse(body).error.code }); });
    });
    ws.once('error', () => {});
  });
}

/** A raw request with any Host header (the test client's URL stays 127.0.0.1). */
function withHost(host: string): Promise<{ status: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${t.server.url}/api/health`, { ca: t.tls.certPem, headers: { host }, servername: '' }, (response) => {
      let body = '';
      response.on('data', (c: Buffer) => { body += String(c); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, code: JSON.parse(body).error?.code }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('Origin and Host: only the station’s own', () => {
  test('the console socket opened with the cookie: a foreign or null Origin is refused (403 foreignOrigin); none or the station’s own opens', async () => {
    expect(await upgrade('https://evil.example')).toEqual({ status: 403, code: 'foreignOrigin' });
    expect(await upgrade('null')).toEqual({ status: 403, code: 'foreignOrigin' });
    expect(await upgrade(ownOrigin.replace(/:\d+$/, ':1'))).toEqual({ status: 403, code: 'foreignOrigin' });
    expect(await upgrade(undefined)).toEqual({ status: 101 });
    expect(await upgrade(ownOrigin)).toEqual({ status: 101 });
  });

  test('a cookie-only POST from a foreign Origin is refused with a French message; from the station’s own it passes', async () => {
    const foreign = await t.call('POST', '/api/console/pairing-codes', { headers: { cookie: invigilatorCookie, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('foreignOrigin');
    expect(foreign.json.error.message).toMatch(/^Requête refusée : elle vient d’une autre page/);
    const own = await t.call('POST', '/api/console/pairing-codes', { headers: { cookie: invigilatorCookie, origin: ownOrigin } });
    expect(own.status).toBe(201);
    expect((await t.call('GET', '/api/health', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });

  test('DNS rebinding: a Host that is not one of the station’s names or addresses is refused (403 unknownHost)', async () => {
    expect(await withHost('evil.example')).toEqual({ status: 403, code: 'unknownHost' });
    expect(await withHost('evil.example:443')).toEqual({ status: 403, code: 'unknownHost' });
    expect((await withHost(new URL(t.server.url).host)).status).toBe(200);
    expect((await withHost(`localhost:${new URL(t.server.url).port}`)).status).toBe(200);
  });
});
