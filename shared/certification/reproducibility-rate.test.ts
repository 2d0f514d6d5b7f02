import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerStatus } from '../formats/challenge';
import { reproducibilityRate, roundedPercent, type RateChallenge } from './reproducibility-rate';

function answered(status: AnswerStatus | null, flags: Partial<RateChallenge> = {}): RateChallenge {
  return { status, neutralized: false, autoSkipped: false, ...flags };
}

function many(count: number, status: AnswerStatus): RateChallenge[] {
  return Array.from({ length: count }, () => answered(status));
}

describe('R-SCORE-3 reproducibility rate', () => {
  it('R-SCORE-3 49.5 rounds up to 50 (99 ok of 200)', () => {
    expect(reproducibilityRate([...many(99, 'ok'), ...many(101, 'ko')])).toBe(50);
  });

  it('R-SCORE-3 2/3 gives 67 and 1/3 gives 33', () => {
    expect(reproducibilityRate([answered('ok'), answered('ok'), answered('ko')])).toBe(67);
    expect(reproducibilityRate([answered('ok'), answered('ko'), answered('aband')])).toBe(33);
  });

  it('R-SCORE-3 halves round up in integer arithmetic: 1/8 = 12.5 → 13, 1/200 = 0.5 → 1, 7/8 = 87.5 → 88', () => {
    expect(roundedPercent(1, 8)).toBe(13);
    expect(roundedPercent(1, 200)).toBe(1);
    expect(roundedPercent(7, 8)).toBe(88);
    expect(roundedPercent(29, 40)).toBe(73); // 72.5
  });

  it('R-SCORE-3 0 when nothing is counted', () => {
    expect(reproducibilityRate([])).toBe(0);
    expect(reproducibilityRate([answered(null), answered('ok', { neutralized: true })])).toBe(0);
  });

  it('R-SCORE-3 a neutralised challenge leaves numerator and denominator whatever its status', () => {
    // counted: ok, ko → 1/2 = 50 ; the neutralised ok and ko change nothing.
    expect(reproducibilityRate([
      answered('ok'), answered('ko'), answered('ok', { neutralized: true }), answered('ko', { neutralized: true }),
    ])).toBe(50);
  });

  it('R-SCORE-3 an auto-skipped challenge is counted wrong, an unanswered one is not counted', () => {
    // ok, ok, auto-skipped → 2/3 = 67; the unanswered one is outside.
    expect(reproducibilityRate([answered('ok'), answered('ok'), answered(null, { autoSkipped: true }), answered(null)])).toBe(67);
  });

  it('R-SCORE-3 partially, timedout, focusedOut, aband are counted but not correct (no weighting)', () => {
    // 1 ok of 5 counted = 20.
    expect(reproducibilityRate([answered('ok'), answered('partially'), answered('timedout'), answered('focusedOut'), answered('aband')])).toBe(20);
  });

  it('R-SCORE-3 roundedPercent r satisfies r − ½ ≤ 100·part/whole < r + ½ (checked in integers)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (whole, seed) => {
      const part = seed % (whole + 1);
      const r = roundedPercent(part, whole);
      expect(200 * part).toBeGreaterThanOrEqual((2 * r - 1) * whole);
      expect(200 * part).toBeLessThan((2 * r + 1) * whole);
    }), { numRuns: 300 });
  });
});
