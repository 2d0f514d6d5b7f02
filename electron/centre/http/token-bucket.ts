/**
 * Token buckets per key (a kiosk): `burst` requests at once, then `perSecond` more each second. Pure: the time
 * comes from `now` (ms, monotonic). Kept apart from the live hub's own bucket (a helper extracts that one);
 * the two can merge into one module.
 */
export interface TokenBucketRate { burst: number; perSecond: number }

export interface TokenBuckets {
  /** Takes one token for the key: 0 when there was one, else the seconds (≥ 1) until there is one again. */
  take(key: string | number): number;
}

/** Keys kept at most; the oldest are dropped first (a dropped key starts again with a full bucket). */
const MAX_KEYS = 10_000;

export function createTokenBuckets(rate: TokenBucketRate, now: () => number): TokenBuckets {
  const buckets = new Map<string | number, { tokens: number; at: number }>();
  return {
    take(key) {
      const at = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? Math.min(rate.burst, bucket.tokens + ((at - bucket.at) / 1000) * rate.perSecond) : rate.burst;
      if (!bucket && buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value!);
      if (tokens < 1) {
        buckets.set(key, { tokens, at });
        return Math.max(1, Math.ceil((1 - tokens) / rate.perSecond));
      }
      buckets.set(key, { tokens: tokens - 1, at });
      return 0;
    },
  };
}
