import type { LiveCandidate, LiveStatus } from '../../../shared/formats/console-api';

/**
 * The order of the cards and the counters (issue 10 §1 « Live board »): the pupils who need the invigilator come
 * first, then those in test, then those not yet there, then those done; by name within each group. Pure.
 */

/** A pupil's pending need, if any: what must never be hidden behind another tag. */
export type PendingNeed = 'confirmPresence' | 'authoriseResume' | 'liftSuspension' | 'resumeExpired' | null;

export function pendingNeed(candidate: LiveCandidate): PendingNeed {
  if (candidate.status === 'waitingForPresence') return 'confirmPresence';
  if (candidate.status === 'suspended') return 'liftSuspension';
  if (candidate.status === 'waitingForResume') return candidate.resumeExpired ? 'resumeExpired' : 'authoriseResume';
  // The station may flag a need of its own (a state it adds later): shown as one, never dropped.
  return candidate.needsAction ? 'authoriseResume' : null;
}

/** The group a card sorts in: 0 needs an action, 1 in test, 2 not there yet, 3 done. */
const GROUP: Record<LiveStatus, number> = {
  waitingForPresence: 0, suspended: 0, waitingForResume: 0,
  inTest: 1, readyToStart: 1, readyToResume: 1,
  notCheckedIn: 2,
  completed: 3, endedByInvigilator: 3, endedDueToFinalisation: 3,
};

export function groupOf(candidate: LiveCandidate): number {
  return pendingNeed(candidate) !== null ? 0 : GROUP[candidate.status];
}

const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The cards in board order (a new array; the input is not changed). Ties: last name, first name, then id. */
export function orderBoard(candidates: readonly LiveCandidate[]): LiveCandidate[] {
  return [...candidates].sort((a, b) => groupOf(a) - groupOf(b)
    || byName.compare(a.lastName, b.lastName)
    || byName.compare(a.firstName, b.firstName)
    || a.candidateId - b.candidateId);
}

export interface BoardCounters { present: number; inTest: number; finished: number; total: number }

const PRESENT: ReadonlySet<LiveStatus> = new Set(['waitingForPresence', 'readyToStart', 'inTest', 'waitingForResume', 'readyToResume', 'suspended', 'completed', 'endedByInvigilator', 'endedDueToFinalisation']);
const IN_TEST: ReadonlySet<LiveStatus> = new Set(['inTest', 'suspended', 'waitingForResume', 'readyToResume']);
const FINISHED: ReadonlySet<LiveStatus> = new Set(['completed', 'endedByInvigilator', 'endedDueToFinalisation']);

/**
 * Present: checked in at a kiosk (whatever came next); in test: started and not finished (a suspension or a
 * re-entry is still in test); finished: completed or ended; total: the roster.
 */
export function countBoard(candidates: readonly LiveCandidate[]): BoardCounters {
  let present = 0, inTest = 0, finished = 0;
  for (const c of candidates) {
    if (PRESENT.has(c.status)) present += 1;
    if (IN_TEST.has(c.status)) inTest += 1;
    if (FINISHED.has(c.status)) finished += 1;
  }
  return { present, inTest, finished, total: candidates.length };
}

/** The ids of the pupils needing an action now and not before: the board chimes when there is one (can be muted). */
export function newNeeds(previous: readonly LiveCandidate[], current: readonly LiveCandidate[]): number[] {
  const before = new Set(previous.filter((c) => pendingNeed(c) !== null).map((c) => c.candidateId));
  return current.filter((c) => pendingNeed(c) !== null && !before.has(c.candidateId)).map((c) => c.candidateId);
}
