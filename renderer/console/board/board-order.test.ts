import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIVE_STATUSES, type LiveCandidate } from '../../../shared/formats/console-api';
import { liveCandidate } from '../testing/live-candidate';
import { countBoard, groupOf, newNeeds, orderBoard, pendingNeed } from './board-order';

// Issue 10 §1 — those who need the invigilator first; counters present / in test / finished / total.

const candidateArb = (id: number) => fc.record({
  status: fc.constantFrom(...LIVE_STATUSES),
  lastName: fc.constantFrom('Martin', 'martin', 'Émile', 'Dupont', 'Lefèvre', 'Bernard', 'Zoé'),
  firstName: fc.constantFrom('Léa', 'Hugo', 'Adam', 'Éloïse'),
  resumeExpired: fc.boolean(),
}).map((r) => liveCandidate({ candidateId: id, ...r, needsAction: ['waitingForPresence', 'waitingForResume', 'suspended'].includes(r.status) }));
const boardArb = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(i + 1))) as fc.Arbitrary<LiveCandidate[]>);

describe('orderBoard', () => {
  it('puts the three needs first (presence, resume, suspension), then in test, then absent, then done, by name', () => {
    const list = [
      liveCandidate({ candidateId: 1, lastName: 'Roux', status: 'completed' }),
      liveCandidate({ candidateId: 2, lastName: 'Petit', status: 'notCheckedIn' }),
      liveCandidate({ candidateId: 3, lastName: 'Martin', status: 'inTest' }),
      liveCandidate({ candidateId: 4, lastName: 'Lefèvre', status: 'suspended', needsAction: true }),
      liveCandidate({ candidateId: 5, lastName: 'Bernard', status: 'waitingForPresence', needsAction: true }),
      liveCandidate({ candidateId: 6, lastName: 'Dupont', status: 'waitingForResume', needsAction: true }),
    ];
    expect(orderBoard(list).map((c) => c.candidateId)).toEqual([5, 6, 4, 3, 2, 1]);
    expect(list[0]!.candidateId).toBe(1); // not sorted in place
  });
  it('property: a permutation of its input, in non-decreasing group order, every need before every other card', () => {
    fc.assert(fc.property(boardArb, (board) => {
      const ordered = orderBoard(board);
      expect([...ordered].map((c) => c.candidateId).sort((a, b) => a - b)).toEqual(board.map((c) => c.candidateId).sort((a, b) => a - b));
      for (let i = 1; i < ordered.length; i++) expect(groupOf(ordered[i - 1]!)).toBeLessThanOrEqual(groupOf(ordered[i]!));
      const lastNeed = ordered.map((c) => pendingNeed(c) !== null).lastIndexOf(true);
      const firstOther = ordered.findIndex((c) => pendingNeed(c) === null);
      if (lastNeed >= 0 && firstOther >= 0) expect(lastNeed).toBeLessThan(firstOther);
    }));
  });
  it('property: the order does not depend on the order the station sent them in', () => {
    fc.assert(fc.property(boardArb.chain((b) => fc.tuple(fc.constant(b), fc.shuffledSubarray(b, { minLength: b.length, maxLength: b.length }))), ([board, shuffled]) => {
      expect(orderBoard(shuffled).map((c) => c.candidateId)).toEqual(orderBoard(board).map((c) => c.candidateId));
    }));
  });
  it('a flag the station sets on another state is still a need (never dropped)', () => {
    expect(pendingNeed(liveCandidate({ candidateId: 1, status: 'inTest', needsAction: true }))).not.toBeNull();
    expect(pendingNeed(liveCandidate({ candidateId: 1, status: 'waitingForResume', needsAction: true, resumeExpired: true }))).toBe('resumeExpired');
  });
});

describe('countBoard', () => {
  it('counts present, in test, finished and total', () => {
    const statuses = ['notCheckedIn', 'waitingForPresence', 'readyToStart', 'inTest', 'suspended', 'waitingForResume', 'completed', 'endedByInvigilator'] as const;
    const counters = countBoard(statuses.map((status, i) => liveCandidate({ candidateId: i + 1, status })));
    expect(counters).toEqual({ present: 7, inTest: 3, finished: 2, total: 8 });
  });
  it('property: finished and in test are disjoint parts of present, present a part of total', () => {
    fc.assert(fc.property(boardArb, (board) => {
      const c = countBoard(board);
      expect(c.total).toBe(board.length);
      expect(c.inTest + c.finished).toBeLessThanOrEqual(c.present);
      expect(c.present).toBe(board.filter((x) => x.status !== 'notCheckedIn').length);
    }));
  });
});

describe('newNeeds (the audible cue)', () => {
  it('names the pupils who need the invigilator now and did not before', () => {
    const before = [liveCandidate({ candidateId: 1, status: 'inTest' }), liveCandidate({ candidateId: 2, status: 'suspended', needsAction: true })];
    const after = [liveCandidate({ candidateId: 1, status: 'suspended', needsAction: true }), liveCandidate({ candidateId: 2, status: 'suspended', needsAction: true }),
      liveCandidate({ candidateId: 3, status: 'waitingForPresence', needsAction: true })];
    expect(newNeeds(before, after)).toEqual([1, 3]);
    expect(newNeeds(after, after)).toEqual([]);
  });
});
