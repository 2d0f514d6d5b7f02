/**
 * How long the live connection waits before its next attempt: exponential, capped, with jitter so that thirty
 * kiosks cut off together do not all call back at the same instant ("equal jitter": half fixed, half random).
 */
export interface BackoffPolicy {
  /** The first wait, before jitter. */
  initialMs: number;
  /** No wait grows beyond this. */
  maxMs: number;
  /** Growth per failed attempt. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** The ceiling of the wait after `attempt` failures (0 = first retry): `initial × factor^attempt`, capped. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
}

/** The wait after `attempt` failures, given a random number in [0, 1): between half the ceiling and the ceiling. */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = backoffCeiling(attempt, policy);
  const unit = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * unit);
}
