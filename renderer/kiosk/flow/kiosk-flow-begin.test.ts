import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../electron/centre/testing/test-harness';
import { fetchTrusting } from '../../../electron/centre/testing/fetch-trusting';
import { openKioskDatabase, type KioskDb } from '../answers/kiosk-database';
import { createKioskFlowStore } from './kiosk-flow-store';

// R-VAL-5, R-SESS-5 — « Commencer » (a timed challenge's warning) clicked twice: the warning stays on screen while the
// countdown's length is kept (IndexedDB, strict), so a second click lands on it. Before this test the second click
// ran a second begin() that wrote back the test as it was when it was clicked: ending after the pupil had answered,
// it put the answered question back on screen (and its timer back on) — an answer shown as kept, asked again.
// The database here holds the second write of the kept test until the test lets it go, so the order is the worst one.

let h: Harness | null = null;
afterAll(async () => { await h?.close(); });

/** The kiosk's database, with the `tests` writes after the first `heldFrom` held until `release()`. */
function holdingTestWrites(db: KioskDb) {
  let writes = 0;
  let heldFrom = Infinity;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const wrapped = new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property !== 'transaction' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: Parameters<KioskDb['transaction']>) => {
        const tx = (value as KioskDb['transaction']).apply(target, args);
        if (args[0] !== 'tests' || args[1] !== 'readwrite') return tx;
        writes += 1;
        if (writes <= heldFrom) return tx;
        const done = gate.then(() => tx.done);
        return new Proxy(tx, {
          get(t, p) {
            if (p === 'done') return done;
            const v = Reflect.get(t, p, t) as unknown;
            return typeof v === 'function' ? v.bind(t) : v;
          },
        });
      };
    },
  });
  return { db: wrapped, holdAfter: (n: number) => { heldFrom = writes + n; }, release: () => release(), writes: () => writes };
}

describe('« Commencer » clicked twice (R-VAL-5, R-SESS-5)', () => {
  it('begins the countdown once; the question answered meanwhile is not shown again', async () => {
    h = await startHarness();
    const device = await h.pairKiosk('Poste 3');
    const held = holdingTestWrites(await openKioskDatabase('flow-begin-twice'));
    const flow = createKioskFlowStore({
      baseUrl: h.t.server.url, fetch: fetchTrusting(h.t.tls.certPem, { offline: false }), headers: () => ({ authorization: `Bearer ${device}` }),
      openDatabase: async () => held.db, pageEvents: null, retryBootMs: 50, timeoutMs: 2000,
      outbox: { backoff: { initialMs: 50, maxMs: 200, factor: 2 } }, assetUrls: { create: () => 'blob:test' },
    });
    const store = flow.store;
    await store.getState().boot();
    const checkedIn = await h.checkIn(device, 'Dupont');
    store.getState().checkedIn(checkedIn.json, h.sessionNumber);
    expect((await h.console('POST', `/candidates/${h.candidates.get('Dupont')!.id}/confirm-presence`)).status).toBe(200);
    await store.getState().refreshState();
    await store.getState().start();
    await store.getState().answer({ skipped: true });
    // Question 2 is timed: its warning, « Commencer » clicked twice, the second write of the kept test held.
    expect(store.getState().running).toMatchObject({ index: 1, phase: 'timedWarning' });
    held.holdAfter(1);
    const first = store.getState().begin();
    const second = store.getState().begin();
    await first;
    expect(store.getState().running).toMatchObject({ index: 1, phase: 'answering' });
    expect(store.getState().countdown()).toMatchObject({ totalSeconds: 60 });
    // The pupil answers question 2 (« Je passe »): kept, question 3 on screen.
    await store.getState().answer({ skipped: true });
    expect(store.getState().running).toMatchObject({ index: 2, phase: 'answering' });
    held.release();
    await second;
    await new Promise((r) => setTimeout(r, 50));
    // Still question 3: the second click changed nothing, and the countdown's length was kept once.
    expect(store.getState().running).toMatchObject({ index: 2, phase: 'answering' });
    expect(store.getState().currentChallengeId()).toBe(store.getState().running!.kept.test.challenges[2]!.challengeId);
    expect(store.getState().running!.answered.size).toBe(2);
    expect(held.writes()).toBe(1 + 1); // the test kept at the start, then question 2's countdown once
    flow.dispose();
  }, 30_000);
});
