import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nextMessage } from '../testing/test-server';
import { startHarness, type Harness } from '../testing/test-harness';
import { CHECK_IN_FAILURES } from './check-in';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.close());

describe('R-SESS-4 — many wrong check-ins over a session’s kiosks alert the console, they never lock the session', () => {
  test('60 failures spread over 20 kiosks: correct check-ins (and re-entries) still pass; the console gets an alert it can lift', async () => {
    const threshold = CHECK_IN_FAILURES.perSession.maxFailures;
    const kiosks: string[] = [];
    for (let i = 0; i < threshold / 3; i++) kiosks.push(await h.pairKiosk(`Poste ${i + 1}`));
    const socket = await h.t.socket('/api/console/live', h.invigilatorToken);
    expect((await nextMessage(socket)).type).toBe('hello');
    expect((await nextMessage(socket)).checkInAlert).toBeNull();

    for (const kiosk of kiosks) {
      for (let i = 0; i < 3; i++) expect((await h.checkIn(kiosk, 'Garnier', { accessCode: 'ZZZZ00' })).status).toBe(401);
    }
    const honest = await h.pairKiosk('Poste honnête');
    const first = await h.checkIn(honest, 'Garnier');
    expect(first.status).toBe(200);
    const again = await h.checkIn(await h.pairKiosk('Poste de reprise'), 'Garnier');
    expect(again.status).toBe(200);
    expect((await h.checkIn(honest, 'Dupont')).status).toBe(200);

    const live = await h.console('GET', '/live');
    expect(live.json.checkInAlert).toEqual({ code: 'checkInFailures', failures: threshold, since: expect.any(String) });
    let pushed = await nextMessage(socket);
    while (pushed.type !== 'candidates') pushed = await nextMessage(socket);
    expect(pushed.checkInAlert).toMatchObject({ code: 'checkInFailures', failures: threshold });
    const events = await h.console('GET', '/events');
    expect(events.json.events.filter((e: { kind: string }) => e.kind === 'checkInAlert')).toHaveLength(1);

    const cleared = await h.console('POST', '/check-in-alert/clear');
    expect(cleared.status).toBe(200);
    expect(cleared.json).toEqual({ checkInAlert: null });
    expect((await h.console('GET', '/live')).json.checkInAlert).toBeNull();
    const after = await h.console('GET', '/events');
    expect(after.json.events[0]).toMatchObject({ kind: 'checkInAlertCleared', payload: { by: `invigilator:${h.sessionId}` } });
    socket.close();
  });

  test('the per-kiosk limit stays, with growing delays', async () => {
    const kiosk = await h.pairKiosk('Poste lent');
    const waits: number[] = [];
    for (let i = 0; i < CHECK_IN_FAILURES.perKiosk.maxFailures; i++) {
      let answer = await h.checkIn(kiosk, 'Roux', { accessCode: 'ZZZZ00' });
      if (answer.status === 429) {
        expect(answer.json.error.code).toBe('checkInLimited');
        waits.push(Number(answer.headers['retry-after']));
        h.t.advance(Number(answer.headers['retry-after']) * 1000);
        answer = await h.checkIn(kiosk, 'Roux', { accessCode: 'ZZZZ00' });
      }
      expect(answer.status).toBe(401);
    }
    expect(waits.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
    const blocked = await h.checkIn(kiosk, 'Roux');
    expect(blocked.status).toBe(429);
  });
});
