import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { KioskAnswer } from '../../../shared/formats/kiosk-api';
import { ClientId } from '../../../shared/formats/kiosk-api';
import { createAnswerStore, newClientAnswerId } from './answer-store';
import { openKioskDatabase } from './kiosk-database';
import { createOutbox, outboxBanner, type OutboxOptions } from './outbox';
import { decideRefusal } from './refusal-policy';
import { FakeHttp, FakeLive, FakeStation, FakeTimers, settle } from './testing/fake-station';

let dbCount = 0;
const owner = { sessionKey: 's1', testKey: 's1:marie' };
const body = (n: number): KioskAnswer => ({ challengeId: `ch_${n}`, answer: { value: `r${n}` }, clientAnswerId: `a-${n}`, elapsedMs: n, timedOut: false, focusLost: false });

async function world(extra: Partial<OutboxOptions> = {}) {
  const db = await openKioskDatabase(`outbox-test-${++dbCount}`);
  const store = createAnswerStore(db);
  const station = new FakeStation();
  const live = new FakeLive(station);
  const http = new FakeHttp(station);
  const timers = new FakeTimers();
  let entry: string | null = 'pe_test';
  const setAside: string[] = [];
  const outbox = createOutbox({
    store, owner, entryToken: () => entry, live, http: http.link, timers, now: () => timers.now, random: () => 0.5,
    onSetAside: (a, r) => setAside.push(`${a.clientAnswerId}:${r.code}`), ...extra,
  });
  live.deliverTo = (m) => outbox.receive(m);
  return { db, store, station, live, http, timers, outbox, setAside, setEntry: (e: string | null) => { entry = e; } };
}

describe('refusal policy (docs/delivery-api.md)', () => {
  it('decides by code, then by status, never deleting an answer', () => {
    expect(decideRefusal({ status: 429, code: 'tooManyRequests', retryAfterSeconds: 3 })).toEqual({ kind: 'retryAfter', ms: 3000 });
    expect(decideRefusal({ status: 429, code: 'tooManyRequests' })).toEqual({ kind: 'retryAfter', ms: 1000 });
    expect(decideRefusal({ status: 500, code: 'notSaved' })).toEqual({ kind: 'retry' });
    expect(decideRefusal({ status: 503, code: 'whatever' })).toEqual({ kind: 'retry' });
    for (const code of ['entryMissing', 'entryUnknown']) expect(decideRefusal({ status: 401, code })).toEqual({ kind: 'waitForEntry' });
    for (const code of ['entryNotStarted', 'entryReplaced', 'testNotStarted']) expect(decideRefusal({ status: 409, code })).toEqual({ kind: 'waitForEntry' });
    expect(decideRefusal({ status: 403, code: 'attestationMissing' })).toEqual({ kind: 'waitForEntry' });
    expect(decideRefusal({ status: 400, code: 'invalidBody' })).toEqual({ kind: 'setAside' });
    expect(decideRefusal({ status: 404, code: 'challengeNotInTest' })).toEqual({ kind: 'setAside' });
    expect(decideRefusal({ status: 409, code: 'testEnded' })).toEqual({ kind: 'setAside' });
    expect(decideRefusal({ status: 413, code: 'bodyTooLarge' })).toEqual({ kind: 'setAside' });
  });
});

describe('the outbox (R-VAL-4)', () => {
  it('sends on the socket when open, and marks sent only on answerSaved', async () => {
    const w = await world();
    w.live.setOpen(true);
    await w.outbox.keep(body(1));
    await settle();
    expect(w.live.inTransit.map((m) => m.body.clientAnswerId)).toEqual(['a-1']);
    expect(w.http.sent).toEqual([]);
    expect((await w.store.pending(owner.testKey)).length).toBe(1); // sent, not acknowledged: still pending
    expect(w.outbox.state.getState()).toMatchObject({ pending: 1, sending: true });
    w.live.deliver('ack');
    await settle();
    expect((await w.store.answersOf(owner.testKey))[0]!.state).toMatchObject({ kind: 'sent', ack: w.station.stored.get('ch_1') });
    expect(w.outbox.state.getState()).toMatchObject({ pending: 0, sending: false, station: 'reachable', lastError: null });
  });

  it('falls back to HTTP when the socket is closed, and backs off while the station is down', async () => {
    const w = await world();
    await w.outbox.keep(body(1));
    await settle();
    expect(w.http.sent.map((b) => b.clientAnswerId)).toEqual(['a-1']);
    w.http.answer('down');
    await settle();
    expect(w.outbox.state.getState()).toMatchObject({ pending: 1, station: 'unreachable', lastError: 'network', waiting: { kind: 'backoff', until: 375 } });
    expect(w.timers.fireNext()).toBe(true); // 375 ms: the first 500 ms ceiling, equal jitter with random 0.5
    await settle();
    expect(w.http.sent).toHaveLength(2);
    w.http.answer('down');
    await settle();
    const second = w.outbox.state.getState().waiting;
    expect(second?.kind === 'backoff' && second.until - w.timers.now).toBe(750); // 1000 ms ceiling, jitter 0.5
    expect(w.timers.fireNext()).toBe(true);
    await settle();
    w.http.answer('ok');
    await settle();
    expect(await w.store.pending(owner.testKey)).toEqual([]);
    expect(w.outbox.state.getState()).toMatchObject({ pending: 0, station: 'reachable', lastError: null, waiting: null });
  });

  it('drains exactly once, oldest first, one at a time, when the link returns', async () => {
    const w = await world();
    for (const n of [1, 2, 3, 4, 5]) await w.outbox.keep(body(n));
    await settle();
    w.http.answer('down');
    await settle();
    expect(w.outbox.state.getState()).toMatchObject({ pending: 5, waiting: { kind: 'backoff' } });
    // The link comes back while the backoff timer is due: one drain, not two.
    w.timers.now += 10_000;
    w.live.setOpen(true);
    w.timers.fireNext();
    w.outbox.flush();
    w.outbox.entryChanged();
    for (let i = 0; i < 5; i++) {
      await settle();
      expect(w.live.inTransit).toHaveLength(1); // never two answers on their way
      w.live.deliver('ack');
    }
    await settle();
    expect(w.live.sent.map((b) => b.clientAnswerId)).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5']);
    expect(w.http.sent).toHaveLength(1);
    expect(w.station.received).toHaveLength(5);
    expect(w.outbox.state.getState().pending).toBe(0);
  });

  it('sends again by HTTP what the socket lost when it closed; a replay gets the first acknowledgement', async () => {
    const w = await world();
    w.live.setOpen(true);
    await w.outbox.keep(body(1));
    await settle();
    w.live.setOpen(false, () => true); // stored by the station, acknowledgement lost with the connection
    await settle();
    expect(w.http.sent.map((b) => b.clientAnswerId)).toEqual(['a-1']);
    w.http.answer('ok');
    await settle();
    const [answer] = await w.store.answersOf(owner.testKey);
    expect(answer!.state).toMatchObject({ kind: 'sent', ack: w.station.stored.get('ch_1') });
    expect(w.station.received).toHaveLength(2);
  });

  it('waits retryAfterSeconds after a 429, and sends nothing meanwhile', async () => {
    const w = await world();
    w.live.setOpen(true);
    await w.outbox.keep(body(1));
    await settle();
    w.live.deliver('tooMany');
    await settle();
    expect(w.outbox.state.getState()).toMatchObject({ waiting: { kind: 'retryAfter', until: 2000 }, lastError: 'tooManyRequests', station: 'reachable' });
    // A link change does not shorten the station's wait.
    w.live.setOpen(false);
    w.live.setOpen(true);
    await settle();
    expect(w.live.sent).toHaveLength(1);
    expect(w.timers.fireNext()).toBe(true);
    expect(w.timers.now).toBe(2000);
    await settle();
    expect(w.live.sent).toHaveLength(2);
  });

  it('sets aside an answer that will never be stored, reports it, and goes on with the next', async () => {
    const w = await world();
    w.live.setOpen(true);
    await w.outbox.keep(body(1));
    await w.outbox.keep(body(2));
    await settle();
    w.live.deliver('notInTest');
    await settle();
    expect(w.setAside).toEqual(['a-1:challengeNotInTest']);
    expect(w.live.inTransit.map((m) => m.body.clientAnswerId)).toEqual(['a-2']);
    w.live.deliver('ack');
    await settle();
    expect((await w.store.answersOf(owner.testKey)).map((a) => a.state.kind)).toEqual(['setAside', 'sent']);
    expect(w.outbox.state.getState()).toMatchObject({ pending: 0, setAside: 1 });
  });

  it('waits for a started entry when the station refuses the entry, then goes on', async () => {
    const w = await world();
    w.setEntry(null);
    await w.outbox.keep(body(1));
    await settle();
    expect(w.outbox.state.getState().waiting).toEqual({ kind: 'entry' });
    expect(w.http.sent).toEqual([]);
    w.setEntry('pe_new');
    w.outbox.entryChanged();
    await settle();
    w.http.answer('entryNotStarted');
    await settle();
    expect(w.outbox.state.getState()).toMatchObject({ waiting: { kind: 'entry' }, lastError: 'entryNotStarted', pending: 1 });
    expect(w.timers.fireNext()).toBe(false); // no retry by itself: every answer would get the same refusal
    w.outbox.entryChanged(); // the resume was authorised and the entry started
    await settle();
    w.http.answer('ok');
    await settle();
    expect(w.outbox.state.getState().pending).toBe(0);
  });

  it('gives up waiting for an acknowledgement after the time limit, and a late one still counts', async () => {
    const w = await world({ ackTimeoutMs: 10_000 });
    w.live.setOpen(true);
    await w.outbox.keep(body(1));
    await settle();
    w.timers.fireNext(); // 10 s without answerSaved
    await settle();
    expect(w.outbox.state.getState()).toMatchObject({ lastError: 'ackTimeout', waiting: { kind: 'backoff' } });
    w.live.deliver('ack'); // the first copy's acknowledgement, late
    await settle();
    expect(await w.store.pending(owner.testKey)).toEqual([]);
    w.timers.fireNext();
    await settle();
    expect(w.live.sent).toHaveLength(1); // nothing left to send
  });

  it('after a reload, sends first what was kept before it, and never what was acknowledged', async () => {
    const name = `outbox-test-${++dbCount}`;
    const before = createAnswerStore(await openKioskDatabase(name));
    await before.keep(owner, body(1));
    await before.keep(owner, body(2));
    await before.markSent('a-1', { saved: true, challengeId: 'ch_1', clientAnswerId: 'a-1', savedAt: 'x', testCompleted: false });
    const store = createAnswerStore(await openKioskDatabase(name));
    const station = new FakeStation();
    const http = new FakeHttp(station);
    const outbox = createOutbox({ store, owner, entryToken: () => 'pe_after', http: http.link, timers: new FakeTimers() });
    outbox.flush();
    await settle();
    expect(http.sent.map((b) => b.clientAnswerId)).toEqual(['a-2']);
    expect(outbox.state.getState().pending).toBe(1);
  });
});

describe('what the screens show', () => {
  it('the banner: kept here while the station is unreachable, set-aside answers first', () => {
    expect(outboxBanner({ pending: 3, setAside: 0, station: 'reachable' })).toEqual({ kind: 'none' });
    expect(outboxBanner({ pending: 3, setAside: 0, station: 'unknown' })).toEqual({ kind: 'none' });
    expect(outboxBanner({ pending: 3, setAside: 0, station: 'unreachable' })).toEqual({ kind: 'keptHere', pending: 3 });
    expect(outboxBanner({ pending: 0, setAside: 1, station: 'unreachable' })).toEqual({ kind: 'setAside', count: 1 });
  });

  it('new client answer ids are accepted by the station and do not repeat', () => {
    const ids = Array.from({ length: 200 }, newClientAnswerId);
    for (const id of ids) expect(ClientId.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(200);
  });
});
