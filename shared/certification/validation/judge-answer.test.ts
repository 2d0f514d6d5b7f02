import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidationStatus } from '../../formats/challenge';
import { extendedTimer, judgeAnswer } from './judge-answer';

const calm = { timedOut: false, focusLost: false, focusedChallenge: false, accessibilityAdjustment: false };

describe('judgeAnswer', () => {
  it.each<ValidationStatus>(['ok', 'ko', 'partially', 'aband'])('R-VAL-4 %s stays %s when nothing happened', (validation) => {
    expect(judgeAnswer({ ...calm, validation })).toBe(validation);
  });
  it('R-VAL-4 a skip is aband, even late and unfocused', () => {
    expect(judgeAnswer({ validation: 'aband', timedOut: true, focusLost: true, focusedChallenge: true, accessibilityAdjustment: false })).toBe('aband');
  });
  it('R-VAL-4 an ok after the timer ran out is timedout', () => {
    expect(judgeAnswer({ ...calm, validation: 'ok', timedOut: true })).toBe('timedout');
  });
  it('R-VAL-4 a late ko or partially stays as it is', () => {
    expect(judgeAnswer({ ...calm, validation: 'ko', timedOut: true })).toBe('ko');
    expect(judgeAnswer({ ...calm, validation: 'partially', timedOut: true })).toBe('partially');
  });
  it('R-VAL-4 an ok on a focused challenge that lost focus is focusedOut', () => {
    expect(judgeAnswer({ ...calm, validation: 'ok', focusedChallenge: true, focusLost: true })).toBe('focusedOut');
  });
  it('R-VAL-4 an accessibility adjustment keeps ok after a focus loss', () => {
    expect(judgeAnswer({ ...calm, validation: 'ok', focusedChallenge: true, focusLost: true, accessibilityAdjustment: true })).toBe('ok');
  });
  it('R-VAL-4 a focus loss on a challenge that is not focused changes nothing', () => {
    expect(judgeAnswer({ ...calm, validation: 'ok', focusLost: true })).toBe('ok');
  });
  it('R-VAL-4 a wrong answer that lost focus stays ko', () => {
    expect(judgeAnswer({ ...calm, validation: 'ko', focusedChallenge: true, focusLost: true })).toBe('ko');
  });
  it('R-VAL-4 timedout is judged before focusedOut', () => {
    expect(judgeAnswer({ validation: 'ok', timedOut: true, focusLost: true, focusedChallenge: true, accessibilityAdjustment: false })).toBe('timedout');
  });
  it('R-VAL-4 an accessibility adjustment does not excuse lateness', () => {
    expect(judgeAnswer({ ...calm, validation: 'ok', timedOut: true, accessibilityAdjustment: true })).toBe('timedout');
  });
});

describe('late answers', () => {
  it('R-VAL-5: when time has run out the candidate may still answer: the answer is judged, and marked late only if right', () => {
    const late = (validation: ValidationStatus) => judgeAnswer({ validation, timedOut: true, focusLost: false, focusedChallenge: false, accessibilityAdjustment: false });
    expect(late('ok')).toBe('timedout');
    expect(late('ko')).toBe('ko');
    expect(late('partially')).toBe('partially');
    expect(late('aband')).toBe('aband');
  });
});

describe('extendedTimer', () => {
  it('R-VAL-6 30 % on 60 s gives 78 s', () => {
    expect(extendedTimer(60, 30)).toBe(78);
  });
  it('R-VAL-6 no extra time keeps the timer', () => {
    expect(extendedTimer(45, 0)).toBe(45);
  });
  it('R-VAL-6 rounds up to whole seconds', () => {
    expect(extendedTimer(45, 10)).toBe(50); // 49.5
    expect(extendedTimer(10, 33.3)).toBe(14); // 13.33
    expect(extendedTimer(7, 1)).toBe(8); // 7.07
  });
  it('R-VAL-6 exact products are not pushed up by floating-point error', () => {
    expect(extendedTimer(50, 10)).toBe(55); // 50 × 1.1 is 55.00000000000001 in floating point
    expect(extendedTimer(25, 12)).toBe(28); // 25 × 1.12 is 28.000000000000004
    expect(extendedTimer(100, 33.33)).toBe(134); // 133.33
    expect(extendedTimer(300, 999)).toBe(3297);
  });
  it('R-VAL-6 never shorter than the timer and never a second more than needed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 3600 }), fc.integer({ min: 0, max: 999 }), (seconds, percent) => {
        const extended = extendedTimer(seconds, percent);
        return Number.isInteger(extended) && extended * 100 >= seconds * (100 + percent) && (extended - 1) * 100 < seconds * (100 + percent);
      }),
      { numRuns: 300 },
    );
  });
});
