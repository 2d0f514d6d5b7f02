import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_CLOSE, type ServerToConsole } from '../../../shared/formats/live-messages';
import { SESSION_INPUT, closed, nextMessage, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let manager: string;
const sessions: { id: number; password: string }[] = [];
let kiosk: { kioskId: number; deviceToken: string };

const invigilatorLogin = async (number: number) =>
  (await t.call('POST', '/api/console/login', { body: { sessionNumber: number, password: sessions[number - 1]!.password } })).json.token as string;

async function pair(name: string) {
  const code = await t.call('POST', '/api/console/pairing-codes', { token: manager });
  return (await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name } })).json as { kioskId: number; deviceToken: string };
}

const refusal = (promise: Promise<WebSocket>) => promise.then(
  (ws) => { ws.close(); return { status: 101, body: '' }; },
  (error: { status: number; body: string }) => ({ status: error.status, body: error.body }),
);

beforeAll(async () => {
  t = await startTestServer({ heartbeatMs: 100 });
  manager = await t.loginManager();
  for (const room of ['B12', 'C3']) {
    const created = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room }, token: manager });
    sessions.push({ id: created.json.session.id, password: created.json.invigilatorPassword });
  }
  kiosk = await pair('Poste 1');
});
afterAll(async () => { await t.close(); });

describe('live WebSockets: authentication at the upgrade', () => {
  it('no token → 401 JSON and no socket; wrong kind of token → 403 both ways', async () => {
    const none = await refusal(t.socket('/api/console/live'));
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('unauthenticated');
    expect((await refusal(t.socket('/api/kiosk/live'))).status).toBe(401);
    const kioskOnConsole = await refusal(t.socket(`/api/console/live?sessionId=${sessions[0]!.id}`, kiosk.deviceToken));
    expect(kioskOnConsole.status).toBe(403);
    expect(JSON.parse(kioskOnConsole.body).error.code).toBe('kioskForbidden');
    const invigilator = await invigilatorLogin(1);
    for (const token of [manager, invigilator]) {
      const consoleOnKiosk = await refusal(t.socket('/api/kiosk/live', token));
      expect(consoleOnKiosk.status).toBe(403);
      expect(JSON.parse(consoleOnKiosk.body).error.code).toBe('consoleForbidden');
    }
  });

  it('the manager must name an existing session; an invigilator only their own', async () => {
    expect((await refusal(t.socket('/api/console/live', manager))).status).toBe(400);
    expect((await refusal(t.socket('/api/console/live?sessionId=999', manager))).status).toBe(404);
    const invigilator = await invigilatorLogin(1);
    expect((await refusal(t.socket(`/api/console/live?sessionId=${sessions[1]!.id}`, invigilator))).status).toBe(403);
    expect((await refusal(t.socket(`/api/console/live?sessionId=${sessions[0]!.id}`, invigilator))).status).toBe(101);
  });
});

describe('live WebSockets: the hub', () => {
  it('publish(sessionId) reaches that session’s consoles (invigilator and manager), not another session’s, not kiosks', async () => {
    const hub = t.server.app.centre.hub;
    const mine = await t.socket('/api/console/live', await invigilatorLogin(1));
    expect(await nextMessage(mine)).toEqual({ type: 'hello', role: 'console', sessionId: sessions[0]!.id });
    // The station's own first snapshot (supervision/live-pushes.ts) follows every console's hello.
    expect((await nextMessage(mine)).type).toBe('candidates');
    const watching = await t.socket(`/api/console/live?sessionId=${sessions[0]!.id}`, manager);
    await nextMessage(watching);
    await nextMessage(watching);
    const other = await t.socket('/api/console/live', await invigilatorLogin(2));
    await nextMessage(other);
    await nextMessage(other);
    const device = await t.socket('/api/kiosk/live', kiosk.deviceToken);
    expect(await nextMessage(device)).toEqual({ type: 'hello', role: 'kiosk', kioskId: kiosk.kioskId });
    const strays: unknown[] = [];
    other.on('message', (d) => strays.push(String(d)));
    device.on('message', (d) => strays.push(String(d)));
    const received = Promise.all([nextMessage(mine), nextMessage(watching)]);
    const pushed: ServerToConsole = { type: 'candidates', sessionId: sessions[0]!.id, sessionStatus: 'finalised', checkInAlert: null, candidates: [] };
    expect(hub.publish(sessions[0]!.id, pushed)).toBe(2);
    expect(await received).toEqual([pushed, pushed]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(strays).toEqual([]);
    expect(hub.connectionCounts()).toEqual({ consoles: 3, kiosks: 1 });
    for (const ws of [mine, watching, other, device]) ws.close();
  });

  it('sendToKiosk and publishToKiosks (kiosks attached to a session) reach only those kiosks', async () => {
    const hub = t.server.app.centre.hub;
    const second = await pair('Poste 2');
    const a = await t.socket('/api/kiosk/live', kiosk.deviceToken);
    const b = await t.socket('/api/kiosk/live', second.deviceToken);
    await Promise.all([nextMessage(a), nextMessage(b)]);
    const toA = nextMessage(a);
    expect(hub.sendToKiosk(kiosk.kioskId, { type: 'stateChanged' })).toBe(1);
    expect(await toA).toEqual({ type: 'stateChanged' });
    hub.attachKiosk(second.kioskId, sessions[1]!.id);
    const toB = nextMessage(b);
    expect(hub.publishToKiosks(sessions[1]!.id, { type: 'stateChanged' })).toBe(1);
    expect(await toB).toEqual({ type: 'stateChanged' });
    a.close();
    b.close();
  });

  it('a connect listener sends a first snapshot; ping → pong; anything else → an error message', async () => {
    const hub = t.server.app.centre.hub;
    const stop = hub.onConsoleConnect((client) => client.send({ type: 'candidates', sessionId: client.sessionId, sessionStatus: 'sent', checkInAlert: null, candidates: [] }));
    const ws = await t.socket('/api/console/live', await invigilatorLogin(1));
    const first = [await nextMessage(ws), await nextMessage(ws), await nextMessage(ws)];
    expect(first).toEqual([
      { type: 'hello', role: 'console', sessionId: sessions[0]!.id },
      { type: 'candidates', sessionId: sessions[0]!.id, sessionStatus: 'created', checkInAlert: null, candidates: [] },
      { type: 'candidates', sessionId: sessions[0]!.id, sessionStatus: 'sent', checkInAlert: null, candidates: [] },
    ]);
    stop();
    ws.send(JSON.stringify({ type: 'ping' }));
    expect(await nextMessage(ws)).toEqual({ type: 'pong', at: new Date(t.now()).toISOString() });
    ws.send('{"type":"answer"}');
    expect((await nextMessage(ws)).error).toMatchObject({ code: 'unsupportedMessage' });
    const tooBig = closed(ws);
    ws.send('x'.repeat(5000));
    // 1009 "message too big"; under load the client may see the connection cut first (1006).
    expect([1009, 1006]).toContain(await tooBig);
  });
});

describe('live WebSockets: heartbeats and ended logins', () => {
  it('a client that stops answering pings is cut; one that answers stays', async () => {
    const token = kiosk.deviceToken;
    const silent = new WebSocket(`${t.server.url.replace('https', 'wss')}/api/kiosk/live`, { ca: t.tls.certPem, headers: { authorization: `Bearer ${token}` }, autoPong: false });
    const alive = await t.socket('/api/kiosk/live', token);
    const code = await closed(silent);
    expect(code).toBe(1006);
    expect(alive.readyState).toBe(WebSocket.OPEN);
    alive.close();
  });

  it('closes a console socket when its login expires (4401), on logout and password reset (4403)', async () => {
    const expiring = await t.socket('/api/console/live', await invigilatorLogin(1));
    const expiryClose = closed(expiring);
    t.advance(12 * 3600_000);
    expect(await expiryClose).toBe(LIVE_CLOSE.expired);
    manager = await t.loginManager();

    const token = await invigilatorLogin(1);
    const loggedOut = await t.socket('/api/console/live', token);
    const logoutClose = closed(loggedOut);
    await t.call('POST', '/api/console/logout', { token });
    expect(await logoutClose).toBe(LIVE_CLOSE.revoked);

    const reset = await t.socket('/api/console/live', await invigilatorLogin(2));
    const resetClose = closed(reset);
    await t.call('POST', `/api/manager/sessions/${sessions[1]!.id}/invigilator-password`, { token: manager });
    expect(await resetClose).toBe(LIVE_CLOSE.revoked);
  });

  it('closes a kiosk socket when the kiosk is revoked (4403); it cannot reconnect', async () => {
    const ws = await t.socket('/api/kiosk/live', kiosk.deviceToken);
    const revokedClose = closed(ws);
    await t.call('POST', `/api/console/kiosks/${kiosk.kioskId}/revoke`, { token: manager });
    expect(await revokedClose).toBe(LIVE_CLOSE.revoked);
    expect((await refusal(t.socket('/api/kiosk/live', kiosk.deviceToken))).status).toBe(401);
  });
});
