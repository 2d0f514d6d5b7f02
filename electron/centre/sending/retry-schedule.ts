/**
 * When to try a failed upload again (issue 9 §2): exponential backoff with "equal jitter" — after the n-th failed
 * attempt, a delay drawn in [d/2, d] where d = min(cap, base × 2^(n−1)). Pure: `random` is a number in [0, 1).
 */
export interface RetrySchedule {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { baseMs: 5_000, capMs: 30 * 60_000 };

/** The delay before the next try after `failedAttempts` (≥ 1) failed attempts. */
export function retryDelayMs(failedAttempts: number, random: number, schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  // 2^(n−1) overflows to Infinity for large n; min() keeps the cap.
  const ceiling = Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.min(n - 1, 60));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
