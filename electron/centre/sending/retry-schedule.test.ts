import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE, retryDelayMs } from './retry-schedule';

describe('retryDelayMs: exponential backoff with equal jitter (issue 9 §2)', () => {
  test('the first delays, jitter at both ends', () => {
    const s = { baseMs: 1000, capMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 0, s))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 0.999999, s))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(50, 0.5, s)).toBe(45_000);
  });

  test('always within [d/2, d] with d = min(cap, base·2^(n−1)), for any attempt count and draw', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000 }), (n, r, base, cap) => {
        const d = Math.min(cap, base * 2 ** Math.min(n - 1, 60));
        const delay = retryDelayMs(n, r, { baseMs: base, capMs: cap });
        expect(delay).toBeGreaterThanOrEqual(Math.floor(d / 2));
        expect(delay).toBeLessThanOrEqual(Math.ceil(d));
      }));
  });

  test('for the same draw the delay never shrinks as failures add up (the growing delay the outbox shows)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
      expect(retryDelayMs(n + 1, r)).toBeGreaterThanOrEqual(retryDelayMs(n, r));
    }));
    expect(retryDelayMs(1000, 0.99)).toBeLessThanOrEqual(DEFAULT_RETRY_SCHEDULE.capMs);
  });
});
