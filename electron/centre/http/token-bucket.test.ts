import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenBuckets } from './token-bucket';

describe('token buckets', () => {
  it('a burst, then the refill rate; keys apart; the wait is what it takes to refill one', () => {
    let now = 0;
    const buckets = createTokenBuckets({ burst: 3, perSecond: 2 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0);
    now += 500;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
  });

  it('over any schedule, no more than burst + rate × elapsed requests pass', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 300 }), (gaps) => {
      let now = 0;
      const rate = { burst: 10, perSecond: 5 };
      const buckets = createTokenBuckets(rate, () => now);
      let passed = 0;
      for (const gap of gaps) {
        now += gap;
        if (buckets.take(1) === 0) passed++;
      }
      expect(passed).toBeLessThanOrEqual(rate.burst + Math.floor((now / 1000) * rate.perSecond));
    }));
  });
});
