import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ELAPSED_MS } from '../../../shared/formats/kiosk-api';
import { answerElapsedMs, elapsedMs, newTimer, pauseTimer, remainingMs, startTimer, timedOut } from './challenge-timer';
import { openKioskDatabase } from './kiosk-database';
import { createTimerStore, keepCheckpointing } from './timer-store';
import { settle } from './testing/fake-station';

describe('the per-challenge timer (R-VAL-4, R-VAL-5)', () => {
  it('counts only the running time, over any sequence of starts and pauses', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 100_000 })), { maxLength: 30 }), (moves) => {
      let timer = newTimer();
      let now = 0;
      let running = false;
      let expected = 0;
      let last = 0;
      for (const [start, wait] of moves) {
        if (running) expected += wait;
        now += wait;
        timer = start ? startTimer(timer, now) : pauseTimer(timer, now);
        running = start;
        const seen = elapsedMs(timer, now);
        expect(seen).toBe(expected);
        expect(seen).toBeGreaterThanOrEqual(last); // never goes back
        last = seen;
      }
    }));
  });

  it('ignores a clock that would go back, caps the answer’s elapsedMs, and gives what is left of a timed challenge', () => {
    const t = startTimer(newTimer(2_000), 10_000);
    expect(elapsedMs(t, 9_000)).toBe(2_000);
    expect(answerElapsedMs(startTimer(newTimer(), 0), 0.6)).toBe(1);
    expect(answerElapsedMs(newTimer(MAX_ELAPSED_MS + 5), 0)).toBe(MAX_ELAPSED_MS);
    // 60 s with 30 % extra time is 78 s (R-VAL-6: the duration comes already prolonged).
    expect(remainingMs(t, 30_000, 78)).toBe(56_000);
    expect(timedOut(t, 30_000, 78)).toBe(false);
    expect(remainingMs(t, 100_000, 78)).toBe(0);
    expect(timedOut(t, 86_000, 78)).toBe(true);
  });

  it('survives a reload: the new page goes on from the time persisted, on its own monotonic origin', async () => {
    const name = 'timer-test-1';
    const owner = { sessionKey: 's1', testKey: 's1:marie' };
    let mono = 5_000;
    const first = createTimerStore(await openKioskDatabase(name), owner, () => mono);
    await first.open('ch_2');
    mono += 12_000;
    expect(first.elapsedMs()).toBe(12_000);
    await first.checkpoint();
    mono += 400; // lost: the page dies before the next checkpoint
    // Reload: a new page, performance.now() starts again near 0.
    let mono2 = 30;
    const second = createTimerStore(await openKioskDatabase(name), owner, () => mono2);
    await second.open('ch_2');
    expect(second.elapsedMs()).toBe(12_000);
    mono2 += 3_000;
    await second.pause(); // suspended: the time stops
    mono2 += 60_000;
    expect(second.elapsedMs()).toBe(15_000);
    second.resume();
    mono2 += 1_000;
    expect(await second.finish()).toBe(16_000);
    mono2 += 5_000;
    expect(second.elapsedMs()).toBe(16_000);
    // Another challenge starts at zero; the first one's time stays persisted.
    await second.open('ch_3');
    expect(second.elapsedMs()).toBe(0);
    const third = createTimerStore(await openKioskDatabase(name), owner, () => 0);
    await third.open('ch_2');
    expect(third.elapsedMs()).toBe(16_000);
  });
});

describe('checkpoints while the page lives', () => {
  it('writes every interval and when the page is hidden or goes away, until stopped', async () => {
    const owner = { sessionKey: 's1', testKey: 's1:hugo' };
    const db = await openKioskDatabase('timer-test-2');
    let mono = 0;
    const timers = createTimerStore(db, owner, () => mono);
    await timers.open('ch_1');
    const page = { window: new EventTarget(), document: new EventTarget() };
    const stop = keepCheckpointing(timers, page, 20);
    const saved = async () => (await db.get('timers', [owner.testKey, 'ch_1']))?.accumulatedMs;
    mono = 700;
    page.document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(await saved()).toBe(700);
    mono = 900;
    page.window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(await saved()).toBe(900);
    mono = 1500;
    await new Promise((r) => setTimeout(r, 60)); // the interval
    expect(await saved()).toBe(1500);
    stop();
    mono = 4000;
    page.window.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 60));
    expect(await saved()).toBe(1500);
  });

  it('writes a finished timer once: opening the next challenge does not write it again (one IndexedDB round trip less per answer)', async () => {
    const db = await openKioskDatabase('timer-test-writes');
    const owner = { sessionKey: 's1', testKey: 's1:leo' };
    const writes: string[] = [];
    const transaction = db.transaction.bind(db);
    db.transaction = ((stores: never, mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
      if (mode === 'readwrite') writes.push(String(stores));
      return transaction(stores, mode, options);
    }) as typeof db.transaction;
    let mono = 0;
    const timers = createTimerStore(db, owner, () => mono);
    await timers.open('ch_1');
    mono += 7_000;
    expect(await timers.finish()).toBe(7_000);
    expect(writes).toEqual(['timers']);
    await timers.checkpoint(); // paused and on disk: nothing new to write
    await timers.open('ch_2');
    expect(writes).toEqual(['timers']);
    mono += 2_000;
    await timers.checkpoint(); // running again: written
    expect(writes).toEqual(['timers', 'timers']);
    const again = createTimerStore(await openKioskDatabase('timer-test-writes'), owner, () => 0);
    await again.open('ch_1');
    expect(again.elapsedMs()).toBe(7_000);
    await again.open('ch_2');
    expect(again.elapsedMs()).toBe(2_000);
  });
});
