/**
 * A token bucket, pure: the state is a value and time is given (ms, any monotonic clock). A bucket holds at most
 * `burst` tokens, refills at `perSecond`, and each accepted message takes one. So over any span of `t` seconds at
 * most `burst + perSecond × t` messages are accepted.
 */
export interface BucketRate { burst: number; perSecond: number }
export interface TokenBucket {
  /** Tokens left (fractional between refills). */
  tokens: number;
  /** When `tokens` was computed (ms). */
  at: number;
}

/** A full bucket at `now`. */
export function fullBucket(rate: BucketRate, now: number): TokenBucket {
  return { tokens: rate.burst, at: now };
}

/**
 * Takes one token at `now`: the new bucket, and 0 when the message is accepted, else the whole seconds to wait
 * before one token is back (at least 1). A clock going backwards refills nothing.
 */
export function takeToken(bucket: TokenBucket, rate: BucketRate, now: number): { bucket: TokenBucket; waitSeconds: number } {
  const elapsed = Math.max(0, now - bucket.at);
  const tokens = Math.min(rate.burst, bucket.tokens + (elapsed / 1000) * rate.perSecond);
  const at = Math.max(now, bucket.at);
  if (tokens < 1) return { bucket: { tokens, at }, waitSeconds: Math.max(1, Math.ceil((1 - tokens) / rate.perSecond)) };
  return { bucket: { tokens: tokens - 1, at }, waitSeconds: 0 };
}
