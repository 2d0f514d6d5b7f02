import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let manager: string;
let sessionId: number;
beforeAll(async () => {
  t = await startTestServer({ rateLimits: { liveSocketsPerToken: 2 } });
  manager = await t.loginManager();
  sessionId = (await t.call('POST', '/api/manager/sessions', { token: manager, body: {
    centre: 'Lycée', siteAddress: '1 rue', room: 'B12', date: '2026-03-14', startTime: '09:00', invigilatorName: 'M. Martin' } })).json.session.id;
});
afterAll(() => t.close());

const refused = (promise: Promise<WebSocket>) => promise.then(
  (ws) => { ws.close(); return { status: 101, code: null }; },
  (error: { status: number; body: string }) => ({ status: error.status, code: JSON.parse(error.body).error.code as string }),
);
const closedSocket = (ws: WebSocket) => new Promise<void>((resolve) => { ws.once('close', () => resolve()); ws.close(); });

describe('live sockets per token are capped', () => {
  it('a kiosk token and a console login each open at most N sockets; closing one frees a place', async () => {
    const code = await t.call('POST', '/api/console/pairing-codes', { token: manager });
    const kiosk = (await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: 'Poste 1' } })).json.deviceToken as string;
    for (const [url, token] of [['/api/kiosk/live', kiosk], [`/api/console/live?sessionId=${sessionId}`, manager]] as const) {
      const open = [await t.socket(url, token), await t.socket(url, token)];
      expect(await refused(t.socket(url, token))).toEqual({ status: 429, code: 'tooManySockets' });
      await closedSocket(open[0]!);
      await new Promise((r) => setTimeout(r, 50));
      const again = await t.socket(url, token);
      await closedSocket(again);
      await closedSocket(open[1]!);
    }
  });
});
