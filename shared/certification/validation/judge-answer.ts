import type { AnswerStatus, ValidationStatus } from '../../formats/challenge';

/** What is known about one answer once it is validated. */
export interface JudgementFacts {
  validation: ValidationStatus;
  /** The answer was given after the (extended) timer ran out (R-VAL-5). */
  timedOut: boolean;
  /** The window lost focus during the challenge (R-VAL-5). */
  focusLost: boolean;
  /** The challenge is a focused one (R-CHAL-1). */
  focusedChallenge: boolean;
  /** The candidate has an accessibility adjustment (R-SESS-3). */
  accessibilityAdjustment: boolean;
}

// R-VAL-4 — order of judgement: skip → aband; else the validation, where a late `ok` is `timedout` and an
// `ok` on a focused challenge that lost focus is `focusedOut` (kept `ok` with an accessibility adjustment).
export function judgeAnswer(facts: JudgementFacts): AnswerStatus {
  const { validation } = facts;
  if (validation !== 'ok') return validation;
  if (facts.timedOut) return 'timedout';
  if (facts.focusedChallenge && facts.focusLost && !facts.accessibilityAdjustment) return 'focusedOut';
  return 'ok';
}

const PERCENT = 100;
/** Extra time is computed in hundredths of a percent, so that the arithmetic stays on integers. */
const HUNDREDTHS = 100;

// R-VAL-6 — the timer extended by the candidate's extra time, rounded up to whole seconds.
export function extendedTimer(seconds: number, extraTimePercent: number): number {
  const scale = PERCENT * HUNDREDTHS;
  const extraHundredths = Math.round(extraTimePercent * HUNDREDTHS);
  return Math.ceil((seconds * (scale + extraHundredths)) / scale);
}
