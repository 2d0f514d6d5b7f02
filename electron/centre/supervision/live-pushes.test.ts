import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { LiveHub } from '../live/live-hub';
import { createDeliveryContext } from '../records/delivery-context';
import { startHarness, type Harness } from '../testing/test-harness';
import { createLivePushes, LIVE_COALESCE_MS, LIVE_PROGRESS_MS } from './live-pushes';

/**
 * When the consoles hear of a candidate (live-pushes.ts), on the station's real SQLite file, with the timers faked:
 * progress within LIVE_COALESCE_MS unless that candidate was pushed less than LIVE_PROGRESS_MS ago.
 */

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
afterEach(() => { vi.useRealTimers(); });

function pushesOnRealDb() {
  const published: { sessionId: number; candidateId: number }[] = [];
  const toKiosks: number[] = [];
  const hub = {
    publish(sessionId: number, message: { type: string; candidate?: { candidateId: number } }) {
      if (message.candidate) published.push({ sessionId, candidateId: message.candidate.candidateId });
      return 1;
    },
    sendToKiosk(kioskId: number) { toKiosks.push(kioskId); return 1; },
    onConsoleConnect: () => () => {},
  } as unknown as LiveHub;
  const { db, sessions, packages, clock } = h.t.server.app.centre;
  const pushes = createLivePushes(db, hub);
  pushes.attach(createDeliveryContext({
    db, sessions, packages, now: clock,
    // Not used by the pushes (supervision/ does not import delivery/'s limits): any limits do.
    checkInFailures: {
      perKiosk: h.t.server.app.centre.failureLimiter('checkInKiosk', { maxFailures: 10, windowMs: 600_000 }),
      perSession: h.t.server.app.centre.failureLimiter('checkInSession', { maxFailures: 60, windowMs: 600_000 }),
    },
    candidateChanged: (sessionId, candidateId, toKiosk) => pushes.candidateChanged(sessionId, candidateId, toKiosk),
    sessionAlertChanged: () => {},
  }));
  return { pushes, published, toKiosks };
}

describe('live pushes: when the console hears of a candidate', () => {
  test('after a quiet spell at once; then at most one push every LIVE_COALESCE_MS, the changes in between gathered', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { pushes, published } = pushesOnRealDb();
    const [a, b, c] = [...h.candidates.values()].map((x) => x.id);
    pushes.candidateChanged(h.sessionId, a!, true);
    expect(published).toEqual([]); // not inside the committing call…
    vi.advanceTimersByTime(0);
    expect(published).toEqual([{ sessionId: h.sessionId, candidateId: a }]); // …but right after it
    const part = Math.floor(LIVE_COALESCE_MS / 3);
    vi.advanceTimersByTime(part);
    pushes.candidateChanged(h.sessionId, b!, true);
    pushes.candidateChanged(h.sessionId, c!, true);
    pushes.candidateChanged(h.sessionId, b!, true);
    vi.advanceTimersByTime(LIVE_COALESCE_MS - part - 1);
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(published.slice(1)).toEqual([{ sessionId: h.sessionId, candidateId: b }, { sessionId: h.sessionId, candidateId: c }]);
    pushes.close();
  });

  test('progress: a candidate not pushed lately goes with the next push; one pushed less than LIVE_PROGRESS_MS ago waits for the 1 s gathering', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { pushes, published } = pushesOnRealDb();
    const [a, b] = [...h.candidates.values()].map((c) => c.id);
    pushes.candidateChanged(h.sessionId, a!, false);
    vi.advanceTimersByTime(0);
    expect(published).toEqual([{ sessionId: h.sessionId, candidateId: a }]);

    // Three more answers of `a` within the second: one push, at the 1 s gathering; `b`, not pushed lately, at once.
    vi.advanceTimersByTime(200);
    pushes.candidateChanged(h.sessionId, a!, false);
    pushes.candidateChanged(h.sessionId, a!, false);
    pushes.candidateChanged(h.sessionId, b!, false);
    vi.advanceTimersByTime(0);
    expect(published.slice(1)).toEqual([{ sessionId: h.sessionId, candidateId: b }]);
    pushes.candidateChanged(h.sessionId, a!, false);
    vi.advanceTimersByTime(LIVE_PROGRESS_MS - 1);
    expect(published).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(published.slice(2)).toEqual([{ sessionId: h.sessionId, candidateId: a }]);

    // A second later (a pupil's pace): at once again.
    vi.advanceTimersByTime(LIVE_PROGRESS_MS);
    pushes.candidateChanged(h.sessionId, a!, false);
    vi.advanceTimersByTime(0);
    expect(published.slice(3)).toEqual([{ sessionId: h.sessionId, candidateId: a }]);
    pushes.close();
  });

  test('a change the kiosk hears of too (not an answer) is never held back by the progress gathering, and is told to the kiosk', async () => {
    const kiosk = await h.pairKiosk('Poste 1');
    expect((await h.checkIn(kiosk, 'Dupont')).status).toBe(200);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { pushes, published, toKiosks } = pushesOnRealDb();
    const a = h.candidates.get('Dupont')!.id;
    pushes.candidateChanged(h.sessionId, a, false);
    vi.advanceTimersByTime(0);
    expect(toKiosks).toEqual([]); // progress: the kiosk has its acknowledgement
    vi.advanceTimersByTime(LIVE_COALESCE_MS);
    pushes.candidateChanged(h.sessionId, a, false); // held for the 1 s gathering…
    pushes.candidateChanged(h.sessionId, a, true); // …until a suspension, a check-in: with the next push
    vi.advanceTimersByTime(0);
    expect(published).toHaveLength(2);
    expect(toKiosks).toHaveLength(1);
    vi.advanceTimersByTime(LIVE_PROGRESS_MS);
    expect(published).toHaveLength(2); // and not pushed a third time
    pushes.close();
  });
});
