import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_INPUT, startTestServer, type TestServer } from '../testing/test-server';
import { KIOSK_TOKEN_IDLE_TTL_MS } from './kiosk-registry';

let t: TestServer;
let manager: string;
const invigilators: string[] = [];
const sessionIds: number[] = [];
beforeAll(async () => {
  t = await startTestServer();
  manager = await t.loginManager();
  for (const room of ['B12', 'C3']) {
    const created = await t.call('POST', '/api/manager/sessions', { token: manager, body: { ...SESSION_INPUT, room } });
    sessionIds.push(created.json.session.id);
    invigilators.push((await t.call('POST', '/api/console/login', { body: { sessionNumber: created.json.session.number, password: created.json.invigilatorPassword } })).json.token);
  }
});
afterAll(() => t.close());

async function pair(token: string, name: string): Promise<{ kioskId: number; deviceToken: string }> {
  const code = await t.call('POST', '/api/console/pairing-codes', { token });
  return (await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name } })).json;
}
const names = (answer: { json: { kiosks: { name: string }[] } }) => answer.json.kiosks.map((k) => k.name).sort();

describe('kiosks are scoped to the invigilator’s session; revoking is the manager’s', () => {
  test('an invigilator lists the kiosks of their own session only; the manager lists them all', async () => {
    const mine = await pair(invigilators[0]!, 'Poste A');
    await pair(invigilators[1]!, 'Poste B');
    await pair(manager, 'Poste du responsable');
    expect(names(await t.call('GET', '/api/console/kiosks', { token: invigilators[0] }))).toEqual(['Poste A']);
    expect(names(await t.call('GET', `/api/console/sessions/${sessionIds[0]}/kiosks`, { token: invigilators[0] }))).toEqual(['Poste A']);
    expect(names(await t.call('GET', '/api/console/kiosks', { token: invigilators[1] }))).toEqual(['Poste B']);
    expect(names(await t.call('GET', '/api/console/kiosks', { token: manager }))).toEqual(['Poste A', 'Poste B', 'Poste du responsable']);
    expect(mine.kioskId).toBeGreaterThan(0);
  });

  test('an invigilator cannot revoke a kiosk, not even one of their session (403 managerOnly); the manager can', async () => {
    const other = await pair(invigilators[1]!, 'Poste B2');
    const own = await pair(invigilators[0]!, 'Poste A2');
    for (const kiosk of [other, own]) {
      const refused = await t.call('POST', `/api/console/kiosks/${kiosk.kioskId}/revoke`, { token: invigilators[0] });
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('managerOnly');
      expect((await t.call('GET', '/api/kiosk/me', { token: kiosk.deviceToken })).status).toBe(200);
    }
    expect((await t.call('POST', `/api/console/kiosks/${other.kioskId}/revoke`, { token: manager })).status).toBe(204);
  });
});

describe('device tokens expire when unused, and are renewed while in use', () => {
  test('a kiosk unused for 30 days must pair again (401 kioskExpired); one in use keeps working', async () => {
    expect(KIOSK_TOKEN_IDLE_TTL_MS).toBe(30 * 24 * 60 * 60 * 1000);
    const idle = await pair(manager, 'Poste oublié');
    const busy = await pair(manager, 'Poste utilisé');
    const day = 24 * 60 * 60 * 1000;
    for (let d = 0; d < 45; d += 10) {
      expect((await t.call('GET', '/api/kiosk/me', { token: busy.deviceToken })).status).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      t.advance(10 * day);
    }
    const expired = await t.call('GET', '/api/kiosk/me', { token: idle.deviceToken });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('kioskExpired');
    expect((await t.call('GET', '/api/kiosk/me', { token: busy.deviceToken })).status).toBe(200);
  });
});
