import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIVE_CLOSE, type ServerToConsole, type ServerToKiosk } from '../../shared/formats/live-messages';
import { SESSION_INPUT, startTestServer, type TestServer } from '../../electron/centre/testing/test-server';
import type { LiveConnection, LiveSocketConstructor } from './live-connection';
import { openConsoleLive } from './console-live';
import { liveUrl, openKioskLive, worthRetrying } from './station-live';

// Against a real centre server (HTTPS, SQLite, real WebSocket upgrade): Node 20 has no browser WebSocket, so the
// `ws` client stands in, with the station's certificate and the token a browser would send as its cookie.
let t: TestServer;
let origin: { protocol: string; host: string };
const opened: LiveConnection<unknown>[] = [];

const socketWith = (token: string): LiveSocketConstructor => {
  const ca = t.tls.certPem;
  return class extends WebSocket {
    constructor(url: string) { super(url, { ca, headers: { authorization: `Bearer ${token}` } }); }
  } as unknown as LiveSocketConstructor;
};
const until = async (check: () => boolean, what: string, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`attendu en ${ms} ms : ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  t = await startTestServer();
  const url = new URL(t.server.url);
  origin = { protocol: url.protocol, host: url.host };
});
afterAll(async () => {
  for (const c of opened) c.stop();
  await t.close();
});

describe('the station’s live endpoints, typed by their unions', () => {
  it('builds wss:// URLs for a page served over HTTPS, with the query', () => {
    expect(liveUrl({ protocol: 'https:', host: '192.168.1.10:8443' }, '/api/console/live', { sessionId: '3' }))
      .toBe('wss://192.168.1.10:8443/api/console/live?sessionId=3');
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:9' }, '/api/kiosk/live')).toBe('ws://127.0.0.1:9/api/kiosk/live');
    expect([LIVE_CLOSE.expired, LIVE_CLOSE.revoked].map(worthRetrying)).toEqual([false, false]);
    expect([1006, LIVE_CLOSE.shuttingDown, LIVE_CLOSE.tooSlow].map(worthRetrying)).toEqual([true, true, true]);
  });

  it('a kiosk hears hello, and stops for good when it is revoked (4403)', async () => {
    const manager = await t.loginManager();
    const code = await t.call('POST', '/api/console/pairing-codes', { token: manager });
    const pairing = (await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: 'Poste 7' } })).json;
    const received: ServerToKiosk[] = [];
    const live = openKioskLive(origin, (m) => received.push(m), { WebSocket: socketWith(pairing.deviceToken) });
    opened.push(live);
    await until(() => received.length > 0, 'hello');
    expect(received[0]).toEqual({ type: 'hello', role: 'kiosk', kioskId: pairing.kioskId });
    expect(live.send({ type: 'ping' })).toEqual({ ok: true, value: undefined });
    await until(() => received.some((m) => m.type === 'pong'), 'pong');
    await t.call('POST', `/api/console/kiosks/${pairing.kioskId}/revoke`, { token: manager });
    await until(() => live.state.getState().status.kind === 'stopped', 'arrêt');
    expect(live.state.getState().status).toEqual({ kind: 'stopped', closeCode: LIVE_CLOSE.revoked });
    expect(live.state.getState().droppedMessages).toBe(0);
  });

  it('a console hears hello then its session’s candidates, parsed by the union', async () => {
    const manager = await t.loginManager();
    const created = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'D4' }, token: manager });
    const sessionId = created.json.session.id as number;
    const received: ServerToConsole[] = [];
    const live = openConsoleLive(origin, sessionId, (m) => received.push(m), { WebSocket: socketWith(manager) });
    opened.push(live);
    await until(() => received.length >= 2, 'hello et candidats');
    expect(received[0]).toEqual({ type: 'hello', role: 'console', sessionId });
    expect(received[1]).toMatchObject({ type: 'candidates', sessionId, candidates: [] });
    // The union types what the console may send: only a ping.
    // @ts-expect-error -- a console sends no answers
    expect(live.send({ type: 'answer' }).ok).toBe(false);
  });
});
