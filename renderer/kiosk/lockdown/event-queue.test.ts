import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../shared/result';
import type { ClientError } from '../../ui/api-client';
import { createEventQueue, deliveryOf, type LockdownEventBody } from './event-queue';

const refused = (status: number, code: string, retryAfterSeconds?: number): Result<unknown, ClientError> =>
  err({ kind: 'refused', status, error: { code, message: code, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) } });
const NETWORK: Result<unknown, ClientError> = err({ kind: 'network', message: 'Failed to fetch' });

const event = (n: number): LockdownEventBody => ({ kind: 'focusLost', cause: 'fenêtre quittée', at: '2026-12-02T09:00:00.000Z', clientEventId: `e${n}` });

/** A station the test answers by hand, and timers the test runs by hand. */
function harness(currentEntry: () => string | null = () => 'entree-1') {
  const calls: { id: string; token: string; answer(result: Result<unknown, ClientError>): Promise<void> }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const timers: { run(): void; ms: number; cleared: boolean }[] = [];
  const queue = createEventQueue({
    send: (body, token) => new Promise((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push({ id: body.clientEventId, token, answer: async (result) => { inFlight--; resolve(result); await new Promise((r) => setTimeout(r, 0)); } });
    }),
    currentEntryToken: currentEntry,
    setTimer: (run, ms) => { const t = { run, ms, cleared: false }; timers.push(t); return t; },
    clearTimer: (t) => { (t as { cleared: boolean }).cleared = true; },
    random: () => 0.5,
  });
  const runTimers = async () => {
    for (const t of timers.splice(0)) if (!t.cleared) t.run();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { queue, calls, timers, runTimers, maxInFlight: () => maxInFlight };
}

describe('what an answer means for a lockdown event', () => {
  it('acknowledged, retried, or dropped for good', () => {
    expect(deliveryOf(ok({ recorded: true }))).toEqual({ kind: 'delivered' });
    expect(deliveryOf(NETWORK)).toEqual({ kind: 'retry', afterMs: null });
    expect(deliveryOf(err({ kind: 'timeout', afterMs: 10_000 }))).toEqual({ kind: 'retry', afterMs: null });
    expect(deliveryOf(refused(503, 'notSaved'))).toEqual({ kind: 'retry', afterMs: null });
    expect(deliveryOf(refused(429, 'tooManyRequests', 7))).toEqual({ kind: 'retry', afterMs: 7000 });
    expect(deliveryOf(refused(400, 'invalidBody'))).toEqual({ kind: 'dropped', code: 'invalidBody' });
    expect(deliveryOf(refused(404, 'challengeNotInTest'))).toEqual({ kind: 'dropped', code: 'challengeNotInTest' });
  });
});

describe('the lockdown event queue', () => {
  it('sends oldest first, one at a time, with the entry token of the moment', async () => {
    const h = harness();
    h.queue.push(event(1), 'entree-A');
    h.queue.push(event(2), null);
    expect(h.calls.map((c) => c.id)).toEqual(['e1']);
    expect(h.queue.store.getState().pending).toBe(2);
    await h.calls[0]!.answer(ok({}));
    expect(h.calls.map((c) => [c.id, c.token])).toEqual([['e1', 'entree-A'], ['e2', 'entree-1']]);
    await h.calls[1]!.answer(ok({}));
    expect(h.queue.store.getState()).toMatchObject({ pending: 0, waitingFor: null, dropped: [] });
  });

  it('while the station does not answer, waits with backoff; flush() cuts the wait short; nothing lost, nothing twice', async () => {
    const h = harness();
    const delivered: string[] = [];
    for (const n of [1, 2, 3]) h.queue.push(event(n), 'entree-1', () => delivered.push(`e${n}`));
    await h.calls[0]!.answer(NETWORK);
    expect(h.queue.store.getState().waitingFor).toBe('network');
    expect(h.timers.map((t) => t.ms)).toEqual([375]); // backoff of the first failure, equal jitter at 0.5
    await h.runTimers();
    await h.calls[1]!.answer(NETWORK);
    expect(h.timers.at(-1)!.ms).toBe(750);
    h.queue.flush();
    expect(h.calls.map((c) => c.id)).toEqual(['e1', 'e1', 'e1']);
    await h.calls[2]!.answer(ok({}));
    await h.calls[3]!.answer(ok({}));
    await h.calls[4]!.answer(ok({}));
    expect(delivered).toEqual(['e1', 'e2', 'e3']);
    expect(h.calls.map((c) => c.id)).toEqual(['e1', 'e1', 'e1', 'e2', 'e3']);
  });

  it('a 4xx drops the event (kept for diagnostics) and the next one goes; a 429 waits as told', async () => {
    const h = harness();
    h.queue.push(event(1), 'entree-1');
    h.queue.push(event(2), 'entree-1');
    await h.calls[0]!.answer(refused(400, 'invalidBody'));
    expect(h.queue.store.getState().dropped).toEqual([{ clientEventId: 'e1', code: 'invalidBody' }]);
    await h.calls[1]!.answer(refused(429, 'tooManyRequests', 3));
    expect(h.timers.at(-1)!.ms).toBe(3000);
  });

  it('an event noticed before anyone checked in waits for an entry token', async () => {
    let entry: string | null = null;
    const h = harness(() => entry);
    h.queue.push(event(1), null);
    expect(h.calls).toHaveLength(0);
    expect(h.queue.store.getState().waitingFor).toBe('noEntry');
    entry = 'entree-9';
    await h.runTimers();
    expect(h.calls.map((c) => [c.id, c.token])).toEqual([['e1', 'entree-9']]);
  });

  it('the same clientEventId is kept once; beyond maxKept the oldest waiting is dropped as queueFull', async () => {
    const calls: string[] = [];
    const queue = createEventQueue({ send: async (b) => { calls.push(b.clientEventId); return NETWORK; }, currentEntryToken: () => 't', setTimer: () => 1, clearTimer: () => {}, maxKept: 3 });
    queue.push(event(1), 't');
    queue.push(event(1), 't');
    for (const n of [2, 3, 4]) queue.push(event(n), 't');
    expect(queue.store.getState().pending).toBe(3);
    expect(queue.store.getState().dropped.map((d) => [d.clientEventId, d.code])).toEqual([['e2', 'queueFull']]);
  });

  it('property: whatever the station answers and whenever the link returns, every event is delivered once, in order, one at a time', async () => {
    const answer = fc.constantFrom<'ok' | 'network' | '503' | '429' | 'flush'>('ok', 'network', '503', '429', 'flush');
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.array(answer, { maxLength: 40 }), async (count, script) => {
      const h = harness();
      const delivered: string[] = [];
      for (let n = 1; n <= count; n++) h.queue.push(event(n), 'entree-1', () => delivered.push(`e${n}`));
      let answered = 0;
      const next = async (what: string) => {
        if (what === 'flush') { h.queue.flush(); return; }
        const call = h.calls[answered];
        if (!call) { await h.runTimers(); return; }
        answered++;
        await call.answer(what === 'ok' ? ok({}) : what === 'network' ? NETWORK : what === '503' ? refused(503, 'notSaved') : refused(429, 'slow', 1));
      };
      for (const what of script) await next(what);
      // Then the station answers everything.
      for (let i = 0; i < 100 && delivered.length < count; i++) await next('ok');
      expect(delivered).toEqual(Array.from({ length: count }, (_, i) => `e${i + 1}`));
      expect(h.maxInFlight()).toBe(1);
      expect(h.queue.store.getState().pending).toBe(0);
    }), { numRuns: 150 });
  });
});
