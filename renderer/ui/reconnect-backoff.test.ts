import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from './reconnect-backoff';

describe('reconnect backoff', () => {
  it('doubles from 500 ms and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffCeiling(a))).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('jitter spreads each wait between half the ceiling and the ceiling', () => {
    expect(backoffDelay(3, 0)).toBe(2000);
    expect(backoffDelay(3, 0.5)).toBe(3000);
    expect(backoffDelay(3, 0.999_999)).toBe(4000);
  });

  it('every wait is within [ceiling/2, ceiling], never above the cap, and the ceiling never shrinks', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
      const delay = backoffDelay(attempt, random);
      const ceiling = backoffCeiling(attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
      expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
      expect(backoffCeiling(attempt + 1)).toBeGreaterThanOrEqual(ceiling);
    }));
  });

  it('follows its policy', () => {
    expect([0, 1, 2, 3].map((a) => backoffCeiling(a, { initialMs: 100, maxMs: 250, factor: 3 }))).toEqual([100, 250, 250, 250]);
  });
});
