/**
 * Token buckets: the live sockets' per-message budget (live/) and the kiosk HTTP routes' per-request budget
 * (auth-hooks.ts), one rule for both. A token bucket, pure: the state is a value and time is given (ms, any monotonic clock). A bucket holds at most
 * `burst` tokens, refills at `perSecond`, and each accepted message takes one. So over any span of `t` seconds at
 * most `burst + perSecond × t` messages are accepted.
 */
export interface TokenBucketRate { burst: number; perSecond: number }
export interface TokenBucket {
  /** Tokens left (fractional between refills). */
  tokens: number;
  /** When `tokens` was computed (ms). */
  at: number;
}

/** A full bucket at `now`. */
export function fullBucket(rate: TokenBucketRate, now: number): TokenBucket {
  return { tokens: rate.burst, at: now };
}

/**
 * Takes one token at `now`: the new bucket, and 0 when the message is accepted, else the whole seconds to wait
 * before one token is back (at least 1). A clock going backwards refills nothing.
 */
export function takeToken(bucket: TokenBucket, rate: TokenBucketRate, now: number): { bucket: TokenBucket; waitSeconds: number } {
  const elapsed = Math.max(0, now - bucket.at);
  const tokens = Math.min(rate.burst, bucket.tokens + (elapsed / 1000) * rate.perSecond);
  const at = Math.max(now, bucket.at);
  if (tokens < 1) return { bucket: { tokens, at }, waitSeconds: Math.max(1, Math.ceil((1 - tokens) / rate.perSecond)) };
  return { bucket: { tokens: tokens - 1, at }, waitSeconds: 0 };
}

/** Token buckets per key (a kiosk), over `takeToken`. */
export interface TokenBuckets {
  /** Takes one token for the key: 0 when there was one, else the seconds (≥ 1) until there is one again. */
  take(key: string | number): number;
}

/** Keys kept at most; the oldest are dropped first (a dropped key starts again with a full bucket). */
const MAX_KEYS = 10_000;

export function createTokenBuckets(rate: TokenBucketRate, now: () => number): TokenBuckets {
  const buckets = new Map<string | number, TokenBucket>();
  return {
    take(key) {
      const at = now();
      const bucket = buckets.get(key);
      if (!bucket && buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value!);
      const taken = takeToken(bucket ?? fullBucket(rate, at), rate, at);
      buckets.set(key, taken.bucket);
      return taken.waitSeconds;
    },
  };
}
