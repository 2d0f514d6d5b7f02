import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AnswerAck, KioskAnswer } from '../../../shared/formats/kiosk-api';
import { createAnswerStore } from './answer-store';
import { openKioskDatabase, type KioskDb } from './kiosk-database';

let dbCount = 0;
const freshName = () => `answers-test-${++dbCount}`;
const owner = { sessionKey: 's1', testKey: 's1:marie' };
const body = (n: number, extra: Partial<KioskAnswer> = {}): KioskAnswer => ({
  challengeId: `ch_${n}`, answer: { choice: '2' }, clientAnswerId: `a-${n}`, elapsedMs: 1000 * n, timedOut: false, focusLost: false, ...extra,
});
const ackOf = (b: KioskAnswer): AnswerAck => ({ saved: true, challengeId: b.challengeId, clientAnswerId: b.clientAnswerId, savedAt: '2026-03-14T08:01:00.000Z', testCompleted: false });

/** Records every transaction's mode and durability (what the browser is asked for). */
function spied(db: KioskDb): { db: KioskDb; seen: { mode: string; durability: string }[] } {
  const seen: { mode: string; durability: string }[] = [];
  const original = db.transaction.bind(db) as (...args: unknown[]) => ReturnType<KioskDb['transaction']>;
  (db as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const tx = original(...args);
    seen.push({ mode: tx.mode, durability: (tx as unknown as { durability: string }).durability });
    return tx;
  };
  return { db, seen };
}

describe('the answer store (R-VAL-4)', () => {
  it('keeps an answer with a strict transaction, and it is there after a reload', async () => {
    const name = freshName();
    const { db, seen } = spied(await openKioskDatabase(name));
    const store = createAnswerStore(db);
    const kept = await store.keep(owner, body(1), 1_700_000_000_000);
    expect(kept.ok && kept.value.already).toBe(false);
    expect(seen).toEqual([{ mode: 'readwrite', durability: 'strict' }]);
    db.close();
    // A reload: a new connection to the same database.
    const again = createAnswerStore(await openKioskDatabase(name));
    const [answer] = await again.pending(owner.testKey);
    expect(answer).toMatchObject({ sessionKey: 's1', testKey: 's1:marie', challengeId: 'ch_1', clientAnswerId: 'a-1', body: body(1), keptAt: 1_700_000_000_000, state: { kind: 'pending' } });
  });

  it('gives the pending answers oldest first, per test', async () => {
    const store = createAnswerStore(await openKioskDatabase(freshName()));
    for (const n of [5, 2, 9, 1]) await store.keep(owner, body(n));
    await store.keep({ sessionKey: 's1', testKey: 's1:hugo' }, body(3, { clientAnswerId: 'h-3' }));
    expect((await store.pending(owner.testKey)).map((a) => a.challengeId)).toEqual(['ch_5', 'ch_2', 'ch_9', 'ch_1']);
    expect((await store.pending('s1:hugo')).map((a) => a.clientAnswerId)).toEqual(['h-3']);
  });

  it('keeps one answer per challenge: a second one keeps the first, as the station does', async () => {
    const store = createAnswerStore(await openKioskDatabase(freshName()));
    await store.keep(owner, body(1));
    const second = await store.keep(owner, body(1, { clientAnswerId: 'a-1-bis', answer: { choice: '3' } }));
    expect(second.ok && second.value).toMatchObject({ already: true, answer: { clientAnswerId: 'a-1', body: { answer: { choice: '2' } } } });
    expect(await store.answersOf(owner.testKey)).toHaveLength(1);
  });

  it('refuses an invalid body in French, naming the field, and writes nothing', async () => {
    const store = createAnswerStore(await openKioskDatabase(freshName()));
    const kept = await store.keep(owner, { ...body(1), elapsedMs: -4 });
    expect(kept.ok).toBe(false);
    expect(!kept.ok && kept.error.kind === 'invalid' && kept.error.message).toMatch(/« elapsedMs »/);
    expect(await store.answersOf(owner.testKey)).toEqual([]);
  });

  it('marks sent only with an acknowledgement of the same challenge; a second one changes nothing', async () => {
    const store = createAnswerStore(await openKioskDatabase(freshName()));
    await store.keep(owner, body(1));
    const wrong = await store.markSent('a-1', { ...ackOf(body(1)), challengeId: 'ch_7' });
    expect(!wrong.ok && wrong.error.kind).toBe('mismatch');
    expect((await store.pending(owner.testKey))).toHaveLength(1);
    expect(!(await store.markSent('a-404', ackOf(body(1)))).ok).toBe(true);
    const sent = await store.markSent('a-1', ackOf(body(1)), 42);
    expect(sent.ok && sent.value).toEqual({ changed: true, answer: expect.objectContaining({ state: { kind: 'sent', ack: ackOf(body(1)), ackedAt: 42 } }) });
    const twice = await store.markSent('a-1', { ...ackOf(body(1)), savedAt: '2030-01-01T00:00:00.000Z' }, 99);
    expect(twice.ok && twice.value).toEqual({ changed: false, answer: expect.objectContaining({ state: { kind: 'sent', ack: ackOf(body(1)), ackedAt: 42 } }) });
    expect(await store.pending(owner.testKey)).toEqual([]);
  });

  it('sets aside a refused answer (kept, out of the queue), never a sent one', async () => {
    const store = createAnswerStore(await openKioskDatabase(freshName()));
    await store.keep(owner, body(1));
    await store.keep(owner, body(2));
    await store.markSent('a-2', ackOf(body(2)));
    await store.setAside('a-1', { status: 404, code: 'challengeNotInTest' }, 7);
    await store.setAside('a-2', { status: 409, code: 'testEnded' }, 8);
    expect((await store.answersOf(owner.testKey)).map((a) => a.state.kind)).toEqual(['setAside', 'sent']);
    expect(await store.pending(owner.testKey)).toEqual([]);
  });

  it('clears a session’s answers and timers only when told it is finalised, strictly', async () => {
    const { db, seen } = spied(await openKioskDatabase(freshName()));
    const store = createAnswerStore(db);
    await store.keep(owner, body(1));
    await store.keep({ sessionKey: 's2', testKey: 's2:leo' }, body(1, { clientAnswerId: 'l-1' }));
    await db.put('timers', { sessionKey: 's1', testKey: owner.testKey, challengeId: 'ch_2', accumulatedMs: 5, savedAt: 0 });
    expect(await store.clearSession('s1')).toBe(1);
    expect(seen.at(-1)).toEqual({ mode: 'readwrite', durability: 'strict' });
    expect(await store.answersOf(owner.testKey)).toEqual([]);
    expect(await db.getAll('timers')).toEqual([]);
    expect((await store.answersOf('s2:leo')).map((a) => a.clientAnswerId)).toEqual(['l-1']);
  });
});
