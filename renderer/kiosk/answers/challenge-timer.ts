import { MAX_ELAPSED_MS } from '../../../shared/formats/kiosk-api';

/**
 * The time a pupil spends on one challenge (R-VAL-4, R-VAL-5), measured with a monotonic clock
 * (`performance.now()`: never moved by the system clock) and carried across a reload by its accumulated part:
 * a reload starts a new monotonic origin, so only `accumulatedMs` is persisted, and the timer goes on from it.
 * The time the page was dead (reload, crash) is not counted: nothing on the page could measure it.
 */
export interface ChallengeTimer {
  /** Time counted before the current run (and from earlier pages of the same test). */
  accumulatedMs: number;
  /** The monotonic instant the current run began on this page; null while paused. */
  runningSince: number | null;
}

export const newTimer = (accumulatedMs = 0): ChallengeTimer => ({ accumulatedMs: Math.max(0, accumulatedMs), runningSince: null });

export function startTimer(timer: ChallengeTimer, now: number): ChallengeTimer {
  return timer.runningSince === null ? { ...timer, runningSince: now } : timer;
}

export function pauseTimer(timer: ChallengeTimer, now: number): ChallengeTimer {
  return timer.runningSince === null ? timer : { accumulatedMs: elapsedMs(timer, now), runningSince: null };
}

/** Time spent so far; a monotonic clock never goes back, but a negative step is still counted as zero. */
export function elapsedMs(timer: ChallengeTimer, now: number): number {
  return timer.accumulatedMs + (timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince));
}

/** The answer's `elapsedMs`: whole milliseconds, within what the station records. */
export function answerElapsedMs(timer: ChallengeTimer, now: number): number {
  return Math.min(MAX_ELAPSED_MS, Math.round(elapsedMs(timer, now)));
}

/** R-VAL-5, R-VAL-6 — what is left of a timed challenge (its duration with the extra time already applied). */
export function remainingMs(timer: ChallengeTimer, now: number, durationSeconds: number): number {
  return Math.max(0, durationSeconds * 1000 - elapsedMs(timer, now));
}

/** R-VAL-5 — the time ran out (the pupil may still answer; the answer says `timedOut`). */
export function timedOut(timer: ChallengeTimer, now: number, durationSeconds: number): boolean {
  return elapsedMs(timer, now) >= durationSeconds * 1000;
}
