/**
 * R-PUB-1 — the look-ups are rate-limited per client address (codes must not be guessed by brute force): a fixed
 * window of `windowMs`, at most `limit` requests in it. Pure apart from the map it keeps; the clock is given.
 */
export interface RateLimiter {
  /** Null when allowed; else the seconds until the window ends (Retry-After). */
  take(client: string, nowMs: number): number | null;
}

const MAX_CLIENTS = 100_000;

export function fixedWindowLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(client, nowMs) {
      let window = windows.get(client);
      if (window === undefined || nowMs - window.start >= windowMs) {
        // Forget ended windows before the map grows without bound.
        if (windows.size >= MAX_CLIENTS) for (const [key, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(key);
        window = { start: nowMs, count: 0 };
        windows.set(client, window);
      }
      if (window.count >= limit) return Math.max(1, Math.ceil((window.start + windowMs - nowMs) / 1000));
      window.count += 1;
      return null;
    },
  };
}
