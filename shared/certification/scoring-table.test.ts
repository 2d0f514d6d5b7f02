import { describe, expect, it } from 'vitest';
import { actionFor, lookUpAction, SCORING_TABLE, type ScoringAction } from './scoring-table';

// The R-SCORE-5 table copied by hand from the rules: [challenges, correct, neutralised, ≥80, 70–79, <70].
const RULES_TABLE: readonly [number, number, number | 'any', ScoringAction, ScoringAction, ScoringAction][] = [
  [3, 3, 0, 'V', 'V', 'V'],
  [3, 2, 0, 'V', 'D', 'D'],
  [3, 2, 1, 'V', 'V', 'V'],
  [3, 1, 0, 'I', 'I', 'I'],
  [3, 1, 1, 'V', 'D', 'I'],
  [3, 1, 2, 'V', 'V', 'D'],
  [3, 0, 'any', 'I', 'I', 'I'],
  [2, 2, 0, 'V', 'V', 'V'],
  [2, 1, 0, 'V', 'D', 'I'],
  [2, 1, 1, 'V', 'V', 'D'],
  [2, 0, 'any', 'I', 'I', 'I'],
  [1, 1, 0, 'V', 'V', 'D'],
  [1, 0, 'any', 'I', 'I', 'I'],
];

describe('R-SCORE-5 scoring table', () => {
  it('R-SCORE-5 the data holds the 13 rows of the rules, in order', () => {
    expect(SCORING_TABLE.map((r) => [r.challenges, r.correct, r.neutralized, ...r.actions])).toEqual(RULES_TABLE);
  });

  for (const [challenges, correct, neutralized, high, medium, low] of RULES_TABLE) {
    const neutralisedValues = neutralized === 'any' ? Array.from({ length: challenges + 1 }, (_, i) => i) : [neutralized];
    for (const n of neutralisedValues) {
      it(`R-SCORE-5 row ${challenges}/${correct}/${neutralized} (neutralised ${n}) at rates 80, 79, 70, 69 gives ${high} ${medium} ${medium} ${low}`, () => {
        const counts = { challenges, correct, neutralized: n };
        expect(lookUpAction(counts, 80)).toBe(high);
        expect(lookUpAction(counts, 79)).toBe(medium);
        expect(lookUpAction(counts, 70)).toBe(medium);
        expect(lookUpAction(counts, 69)).toBe(low);
        expect(lookUpAction(counts, 100)).toBe(high);
        expect(lookUpAction(counts, 50)).toBe(low);
        expect(actionFor(challenges, correct, n, 79)).toBe(medium);
      });
    }
  }

  it.each([
    [3, 2, 2], [3, 3, 1], [3, 1, 3], [2, 2, 1], [2, 1, 2], [1, 1, 1], [3, 0, 4], [2, 0, 3], [1, 0, 2],
    [0, 0, 0], [4, 3, 0], [3, 4, 0], [-1, 0, 0], [2.5, 1, 0],
  ])('R-SCORE-5 %i/%i/%i is outside the table → null', (challenges, correct, neutralized) => {
    expect(lookUpAction({ challenges, correct, neutralized }, 90)).toBeNull();
    expect(lookUpAction({ challenges, correct, neutralized }, 60)).toBeNull();
  });
});
