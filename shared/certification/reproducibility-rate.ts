import type { ScoringChallenge } from '../formats/scoring';

/** What the rate needs to know about a challenge. */
export type RateChallenge = Pick<ScoringChallenge, 'neutralized' | 'autoSkipped' | 'status'>;

/**
 * `round(100 × part / whole)` with halves rounded up, in integer arithmetic (99/200 = 49.5 % gives 50, no
 * floating-point error); 0 when `whole` is 0. `part` and `whole` are non-negative integers.
 */
export function roundedPercent(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.floor((200 * part + whole) / (2 * whole));
}

/**
 * R-SCORE-3 — reproducibility rate of the given challenges, which must be those of the tested competences
 * only (R-SCORE-1: the caller filters). Counted = not neutralised, and answered (status not null) or
 * auto-skipped; correct = counted and answered `ok`, with no QROCM-dep weighting. A neutralised challenge
 * leaves both numerator and denominator whatever its status (R-INC-2); an auto-skipped challenge counts as
 * answered wrong whatever its status (R-FIN-2). `scoreCertification` tallies the same way in its single pass.
 */
export function reproducibilityRate(challenges: readonly RateChallenge[]): number {
  let counted = 0;
  let correct = 0;
  for (let i = 0; i < challenges.length; i++) {
    const c = challenges[i]!;
    if (c.neutralized) continue;
    if (c.autoSkipped) {
      counted++;
    } else if (c.status !== null) {
      counted++;
      if (c.status === 'ok') correct++;
    }
  }
  return roundedPercent(correct, counted);
}
