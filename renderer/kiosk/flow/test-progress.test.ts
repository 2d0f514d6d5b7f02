import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answeredAfterTime, answeredSet, challengeMode, countdownSeconds, firstOpenIndex, openingPhase, phaseAfter } from './test-progress';

const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ challengeId: `ch_${i + 1}` }));

describe('the next challenge (R-SESS-5, R-GEN-5)', () => {
  it('examples: none answered → the first; some → the first gap in delivery order; all → null', () => {
    expect(firstOpenIndex(ids(5), new Set())).toBe(0);
    expect(firstOpenIndex(ids(5), new Set(['ch_1', 'ch_2', 'ch_4']))).toBe(2);
    expect(firstOpenIndex(ids(3), new Set(['ch_1', 'ch_2', 'ch_3']))).toBeNull();
    expect(firstOpenIndex([], new Set())).toBeNull();
  });

  it('property: over any answered sets (station ∪ kiosk), the resume is at an unanswered challenge and every one before it is answered', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(
      fc.constant(n), fc.subarray(ids(n).map((c) => c.challengeId)), fc.subarray(ids(n).map((c) => c.challengeId)),
    )), ([n, station, kiosk]) => {
      const challenges = ids(n);
      const answered = answeredSet(station, kiosk);
      const index = firstOpenIndex(challenges, answered);
      // Never asked again: nothing answered on either side is the resume point.
      if (index === null) {
        expect(challenges.every((c) => answered.has(c.challengeId))).toBe(true);
        return;
      }
      expect(station).not.toContain(challenges[index]!.challengeId);
      expect(kiosk).not.toContain(challenges[index]!.challengeId);
      expect(challenges.slice(0, index).every((c) => answered.has(c.challengeId))).toBe(true);
    }));
  });

  it('property: answering the challenge on screen, one after another, visits every unanswered challenge once, in order', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.subarray(ids(n).map((c) => c.challengeId)))), ([n, already]) => {
      const challenges = ids(n);
      const answered = new Set(already);
      const visited: string[] = [];
      for (let index = firstOpenIndex(challenges, answered); index !== null; index = firstOpenIndex(challenges, answered)) {
        const id = challenges[index]!.challengeId;
        visited.push(id);
        answered.add(id);
      }
      expect(visited).toEqual(challenges.map((c) => c.challengeId).filter((id) => !already.includes(id)));
    }));
  });
});

describe('a challenge’s screens (R-VAL-5)', () => {
  const timer = { seconds: 78, baseSeconds: 60 };
  it('timed → its warning, focused → « Je suis prêt », else straight to the challenge; a countdown begun before a reload → the challenge', () => {
    expect(openingPhase({ timer, focused: false }, false)).toBe('timedWarning');
    expect(openingPhase({ focused: true }, false)).toBe('focusedWarning');
    expect(openingPhase({ focused: false }, false)).toBe('answering');
    expect(openingPhase({ timer, focused: false }, true)).toBe('answering');
    expect(phaseAfter({ focused: false }, 'timedWarning')).toBe('answering');
    expect(phaseAfter({ focused: true }, 'timedWarning')).toBe('focusedWarning');
    expect(phaseAfter({ focused: true }, 'focusedWarning')).toBe('answering');
  });

  it('R-VAL-6 — a countdown keeps the length it began with; before that the station’s current timer wins over the delivered one', () => {
    const c = { challengeId: 'ch_2', timer };
    expect(countdownSeconds(c, {}, {})).toBe(78);
    expect(countdownSeconds(c, {}, { ch_2: 90 })).toBe(90);
    expect(countdownSeconds(c, { ch_2: 78 }, { ch_2: 90 })).toBe(78);
    expect(countdownSeconds({ challengeId: 'ch_1' }, { ch_1: 5 }, { ch_1: 5 })).toBeNull();
  });

  it('R-VAL-5 — timed out from the very millisecond the time is up; never for a challenge without a timer', () => {
    expect(answeredAfterTime(77_999, 78)).toBe(false);
    expect(answeredAfterTime(78_000, 78)).toBe(true);
    expect(answeredAfterTime(10_000_000, null)).toBe(false);
    fc.assert(fc.property(fc.nat(10_000_000), fc.integer({ min: 1, max: 10_000 }), (elapsed, seconds) => {
      expect(answeredAfterTime(elapsed, seconds)).toBe(elapsed / 1000 >= seconds);
    }));
  });

  it('the title’s mode', () => {
    expect(challengeMode({ timer, focused: false })).toBe('timed');
    expect(challengeMode({ focused: true })).toBe('focused');
    expect(challengeMode({ focused: false })).toBe('plain');
  });
});
