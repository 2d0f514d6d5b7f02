/**
 * Counts failed attempts per key (an IP, a kiosk, a session) in a sliding window and says when a key
 * must wait: login and pairing use it per IP; check-in will use it per kiosk and per session.
 * In memory: a restart forgets the counts, which only gives an attacker a few more tries.
 */
export interface FailureLimiter {
  /** Null when the key may try again, else how long it must wait. */
  blocked(key: string): { retryAfterSeconds: number } | null;
  /** Records a failure. */
  fail(key: string): void;
  /** Forgets a key's failures (after a success). */
  reset(key: string): void;
}

export interface FailureLimit {
  /** Failures allowed within the window; the next attempt is refused. */
  maxFailures: number;
  windowMs: number;
}

/** Keys kept at most; the oldest are forgotten first (a flood of spoofed keys cannot fill the memory). */
const MAX_KEYS = 10_000;

export function createFailureLimiter(limit: FailureLimit, now: () => Date = () => new Date()): FailureLimiter {
  const failures = new Map<string, number[]>();

  function recent(key: string): number[] {
    const since = now().getTime() - limit.windowMs;
    const times = (failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  }

  return {
    blocked(key) {
      const times = recent(key);
      if (times.length < limit.maxFailures) return null;
      const freeAt = times[times.length - limit.maxFailures]! + limit.windowMs;
      return { retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now().getTime()) / 1000)) };
    },
    fail(key) {
      const times = recent(key);
      times.push(now().getTime());
      failures.delete(key);
      failures.set(key, times.slice(-limit.maxFailures));
      if (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
