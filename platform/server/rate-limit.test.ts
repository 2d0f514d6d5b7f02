import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedWindowLimiter } from './rate-limit';

// R-PUB-1 — the look-ups' limiter: never more than `limit` allowed per client in one window, whatever the timing.
describe('fixedWindowLimiter', () => {
  it('allows `limit` requests per window and client, then says how long to wait', () => {
    const limiter = fixedWindowLimiter(3, 60_000);
    expect([0, 1, 2].map((t) => limiter.take('a', t))).toEqual([null, null, null]);
    expect(limiter.take('a', 10_000)).toBe(50);
    expect(limiter.take('b', 10_000)).toBeNull();
    expect(limiter.take('a', 60_000)).toBeNull();
  });

  it('in any window of the given length starting at a reset, a client gets at most `limit` answers', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 200 }), (limit, gaps) => {
      const limiter = fixedWindowLimiter(limit, 1_000);
      let now = 0;
      const allowed: number[] = [];
      for (const gap of gaps) {
        now += gap;
        if (limiter.take('client', now) === null) allowed.push(now);
      }
      // Fixed windows start at the first request after the previous one ended: count per window start.
      let start = -Infinity;
      let count = 0;
      for (const t of allowed) {
        if (t - start >= 1_000) { start = t; count = 0; }
        count += 1;
        expect(count).toBeLessThanOrEqual(limit);
      }
    }));
  });
});
