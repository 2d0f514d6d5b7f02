import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KioskAnswer } from '../../../shared/formats/kiosk-api';
import { createAnswerStore, type AnswerStore } from './answer-store';
import { openKioskDatabase } from './kiosk-database';
import { createOutbox } from './outbox';
import { FakeHttp, FakeLive, FakeStation, FakeTimers, settle, type HttpDelivery, type LiveDelivery } from './testing/fake-station';

// R-VAL-4 — over random interleavings of answers kept, links opening and closing, deliveries dropped, duplicated,
// delayed (left in transit while other things happen), refused, and timers firing: no answer is ever marked sent
// without the station's acknowledgement, never two copies of one answer are on their way at once, and in the end
// every kept answer is acknowledged, exactly once, and stored once by the station.

type Step =
  | { kind: 'keep' }
  | { kind: 'open' }
  | { kind: 'close'; stored: boolean[] }
  | { kind: 'live'; how: LiveDelivery }
  | { kind: 'http'; how: HttpDelivery }
  | { kind: 'timer' }
  | { kind: 'replayOldAck' };

const liveDeliveries: LiveDelivery[] = ['ack', 'ack', 'duplicateAck', 'ackLost', 'dropped', 'tooMany', 'notSaved'];
const httpDeliveries: HttpDelivery[] = ['ok', 'ok', 'responseLost', 'down', 'timeout', 'notSaved', 'tooMany'];
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant<Step>({ kind: 'keep' }), weight: 3 },
  { arbitrary: fc.constant<Step>({ kind: 'open' }), weight: 1 },
  { arbitrary: fc.array(fc.boolean(), { maxLength: 3 }).map((stored): Step => ({ kind: 'close', stored })), weight: 1 },
  { arbitrary: fc.constantFrom(...liveDeliveries).map((how): Step => ({ kind: 'live', how })), weight: 3 },
  { arbitrary: fc.constantFrom(...httpDeliveries).map((how): Step => ({ kind: 'http', how })), weight: 3 },
  { arbitrary: fc.constant<Step>({ kind: 'timer' }), weight: 2 },
  { arbitrary: fc.constant<Step>({ kind: 'replayOldAck' }), weight: 1 },
);

let dbCount = 0;
const owner = { sessionKey: 's1', testKey: 's1:marie' };
const body = (n: number): KioskAnswer => ({ challengeId: `ch_${n}`, answer: { choices: [String(n)] }, clientAnswerId: `a-${n}`, elapsedMs: n, timedOut: false, focusLost: false });

/** Counts the real `pending → sent` transitions per answer. */
function countingSent(store: AnswerStore, transitions: Map<string, number>): AnswerStore {
  return {
    ...store,
    async markSent(id, ack, now) {
      const result = await store.markSent(id, ack, now);
      if (result.ok && result.value.changed) transitions.set(id, (transitions.get(id) ?? 0) + 1);
      return result;
    },
  };
}

describe('the outbox over random interleavings (fast-check)', () => {
  it('every kept answer is eventually acknowledged once, and never marked sent without its acknowledgement', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
      const db = await openKioskDatabase(`interleavings-${++dbCount}`);
      const transitions = new Map<string, number>();
      const store = countingSent(createAnswerStore(db), transitions);
      const station = new FakeStation();
      const live = new FakeLive(station);
      const http = new FakeHttp(station);
      const timers = new FakeTimers();
      // The acknowledgement's time limit (a copy given up) fires only when no copy is in transit, i.e. after the
      // station dropped it: it gives up a copy, and one still on its way would be a second copy (the station
      // stores it once all the same; outbox.test.ts tests a late acknowledgement). Other timers fire when the steps say.
      const ACK_TIMEOUT = 1e12;
      const outbox = createOutbox({ store, owner, entryToken: () => 'pe_x', live, http: http.link, timers, now: () => timers.now, ackTimeoutMs: ACK_TIMEOUT });
      const fireTimer = () => timers.fireNext(live.inTransit.length === 0 ? Number.POSITIVE_INFINITY : timers.now + ACK_TIMEOUT / 2);
      live.deliverTo = (m) => outbox.receive(m);
      let kept = 0;

      const check = async () => {
        // Never two copies of one answer on their way; one answer at a time, not counting a copy still travelling
        // of an answer the station already acknowledged (its acknowledgement came another way: a replay, a reply
        // to an earlier copy), which the station stores once all the same.
        const answers = await store.answersOf(owner.testKey);
        const acknowledged = new Set(answers.filter((a) => a.state.kind === 'sent').map((a) => a.clientAnswerId));
        const onTheirWay = [...live.inTransit.map((m) => m.body.clientAnswerId), ...http.inFlight.map((r) => r.body.clientAnswerId)];
        expect(new Set(onTheirWay).size).toBe(onTheirWay.length);
        expect(onTheirWay.filter((id) => !acknowledged.has(id)).length).toBeLessThanOrEqual(1);
        // Sent only with the station's acknowledgement, the first one it gave.
        for (const answer of answers) {
          if (answer.state.kind === 'sent') expect(answer.state.ack).toEqual(station.stored.get(answer.challengeId));
          expect(answer.state.kind).not.toBe('setAside');
        }
      };

      for (const s of steps) {
        switch (s.kind) {
          case 'keep': { kept += 1; const k = await outbox.keep(body(kept)); expect(k.ok).toBe(true); break; }
          case 'open': live.setOpen(true); break;
          case 'close': live.setOpen(false, (i) => s.stored[i] ?? false); break;
          case 'live': live.deliver(s.how); break;
          case 'http': http.answer(s.how); break;
          case 'timer': fireTimer(); break;
          case 'replayOldAck': {
            const first = [...station.stored.values()][0];
            if (first) outbox.receive({ type: 'answerSaved', clientAnswerId: first.clientAnswerId, ack: first });
            break;
          }
        }
        await settle();
        await check();
      }

      // Then the station is up for good: answers arrive, acknowledgements come back, timers fire.
      for (let round = 0; round < 200; round++) {
        if (live.inTransit.length > 0) live.deliver('ack');
        else if (http.inFlight.length > 0) http.answer('ok');
        else if (!fireTimer()) {
          if ((await store.pending(owner.testKey)).length === 0) break;
          outbox.flush();
        }
        await settle();
        await check();
      }
      const answers = await store.answersOf(owner.testKey);
      expect(answers).toHaveLength(kept);
      expect(answers.every((a) => a.state.kind === 'sent')).toBe(true);
      expect(station.stored.size).toBe(kept);
      for (const a of answers) expect(transitions.get(a.clientAnswerId)).toBe(1);
      expect(outbox.state.getState()).toMatchObject({ pending: 0, setAside: 0 });
      outbox.stop();
      db.close();
    }), { numRuns: 150 });
  });
});
