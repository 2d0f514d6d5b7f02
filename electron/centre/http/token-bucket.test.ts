import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { createTokenBuckets, fullBucket, takeToken, type TokenBucket } from './token-bucket';

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

// The pure bucket both budgets use (the live sockets and the kiosk HTTP routes).
const rate = { burst: 3, perSecond: 2 };

/** Offers a message at each time; which were accepted. */
function acceptance(times: readonly number[], r = rate): boolean[] {
  let bucket: TokenBucket = fullBucket(r, times[0] ?? 0);
  return times.map((now) => {
    const taken = takeToken(bucket, r, now);
    bucket = taken.bucket;
    return taken.waitSeconds === 0;
  });
}
const acceptedAt = (times: readonly number[], r = rate) => acceptance(times, r).filter(Boolean).length;

describe('token bucket (kiosk socket messages)', () => {
  test('a burst of `burst` is accepted at once, the next waits for a token (whole seconds, at least 1)', () => {
    let bucket = fullBucket(rate, 0);
    for (let i = 0; i < 3; i++) {
      const taken = takeToken(bucket, rate, 0);
      expect(taken.waitSeconds).toBe(0);
      bucket = taken.bucket;
    }
    const refused = takeToken(bucket, rate, 0);
    expect(refused.waitSeconds).toBe(1);
    // Half a second later one token (2 a second) is back.
    expect(takeToken(refused.bucket, rate, 500).waitSeconds).toBe(0);
  });

  test('a slow rate gives a longer wait; a refused message takes nothing', () => {
    const slow = { burst: 1, perSecond: 0.25 };
    const empty = takeToken(fullBucket(slow, 0), slow, 0).bucket;
    const refused = takeToken(empty, slow, 0);
    expect(refused.waitSeconds).toBe(4);
    expect(refused.bucket.tokens).toBe(0);
    expect(takeToken(refused.bucket, slow, 4000).waitSeconds).toBe(0);
  });

  test('the bucket never holds more than `burst`, however long the pause', () => {
    const after = takeToken(fullBucket(rate, 0), rate, 3_600_000);
    expect(after.bucket.tokens).toBe(rate.burst - 1);
  });

  test('a clock going backwards refills nothing', () => {
    const empty = { tokens: 0, at: 10_000 };
    expect(takeToken(empty, rate, 0).waitSeconds).toBe(1);
  });

  test('property: over any span, never more than burst + perSecond × elapsed seconds accepted', () => {
    fc.assert(fc.property(
      fc.record({ burst: fc.integer({ min: 1, max: 40 }), perSecond: fc.double({ min: 0.1, max: 100, noNaN: true }) }),
      // Pauses (up to 20 s: the bucket must not store more than `burst` during them), each followed by a flood of
      // messages a few ms apart.
      fc.array(fc.record({ pause: fc.integer({ min: 0, max: 20_000 }), count: fc.integer({ min: 1, max: 60 }), gap: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 6 }),
      (r, floods) => {
        let now = 0;
        const times = floods.flatMap(({ pause, count, gap }) => Array.from({ length: count }, (_, i) => (now += i === 0 ? pause : gap)));
        const accepted = acceptance(times, r);
        // Every window [i, j] of the sequence, not only the whole of it.
        for (let i = 0; i < times.length; i++) {
          let count = 0;
          for (let j = i; j < times.length; j++) {
            if (accepted[j]) count++;
            if (count > r.burst + r.perSecond * ((times[j]! - times[i]!) / 1000) + 1e-9) return false;
          }
        }
        return true;
      },
    ));
  });

  test('property: messages spaced by at least one token\'s time are all accepted', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 300 }),
      (burst, perSecond, count) => {
        const step = Math.ceil(1000 / perSecond);
        const times = Array.from({ length: count }, (_, i) => i * step);
        expect(acceptedAt(times, { burst, perSecond })).toBe(count);
      },
    ));
  });
});
