import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerStatus } from '../formats/challenge';
import { applyFinalisationRules, type FinalisationChallenge, type FinalisationInput } from './finalisation';
import { INCIDENT_CATEGORY_CODES } from './incidents';
import { scoreCertification } from './scoring';

const challenge = fc.record({
  status: fc.constantFrom<AnswerStatus | null>(...AnswerStatus.options, null),
  minute: fc.integer({ min: 0, max: 59 }),
  hasIllustration: fc.boolean(),
  hasEmbed: fc.boolean(),
  hasAttachment: fc.boolean(),
  timed: fc.boolean(),
  focused: fc.boolean(),
  dep: fc.boolean(),
});

const finalisationInput: fc.Arbitrary<FinalisationInput> = fc.record({
  challenges: fc.array(challenge, { minLength: 1, maxLength: 15 }),
  abortReason: fc.constantFrom('candidate', 'technical', null),
  incidents: fc.array(fc.record({
    category: fc.constantFrom(...INCIDENT_CATEGORY_CODES),
    questionNumber: fc.option(fc.integer({ min: 0, max: 16 }), { nil: undefined }),
  }), { maxLength: 12 }),
}).map(({ challenges, abortReason, incidents }) => ({
  abortReason,
  incidents,
  challenges: challenges.map((c, i): FinalisationChallenge => ({
    id: `q${i}`,
    competence: (['1.1', '1.2', '1.3', '2.1', '2.2'] as const)[i % 5]!,
    type: c.dep ? 'QROCM-dep' : 'QCU',
    status: c.status,
    answeredAt: c.status === null ? null : `2024-05-02T10:${String(c.minute).padStart(2, '0')}:00Z`,
    hasIllustration: c.hasIllustration, hasEmbed: c.hasEmbed, hasAttachment: c.hasAttachment, timed: c.timed, focused: c.focused,
  })),
}));

const RUNS = { numRuns: 300 };

describe('applyFinalisationRules properties', () => {
  it('R-INC-2 an incident never turns an ok answer into something else', () => {
    fc.assert(fc.property(finalisationInput, (input) => {
      const { challenges } = applyFinalisationRules(input);
      input.challenges.forEach((c, i) => {
        if (c.status === 'ok') expect(challenges[i]).toMatchObject({ status: 'ok', neutralized: false, autoSkipped: false });
      });
    }), RUNS);
  });

  it('R-INC-2 R-FIN-2 statuses only change focusedOut → ok, and only ko, aband or unanswered challenges are neutralised', () => {
    fc.assert(fc.property(finalisationInput, (input) => {
      const { challenges, effects } = applyFinalisationRules(input);
      expect(challenges.map((c) => c.id)).toEqual(input.challenges.map((c) => c.id));
      input.challenges.forEach((c, i) => {
        const after = challenges[i]!;
        if (after.status !== c.status) expect([c.status, after.status]).toEqual(['focusedOut', 'ok']);
        if (after.neutralized) expect(['ko', 'aband', null]).toContain(c.status);
        if (after.autoSkipped) expect([c.status, input.abortReason]).toEqual([null, 'candidate']);
      });
      expect(effects.filter((e) => e.effect === 'neutralized').length).toBe(challenges.filter((c) => c.neutralized).length);
    }), RUNS);
  });

  it('R-FIN-2 R-SCORE-9 once an abort reason is given, the finalised test can always be scored (no unanswered challenge left)', () => {
    fc.assert(fc.property(finalisationInput.filter((i) => i.abortReason !== null), (input) => {
      const { challenges } = applyFinalisationRules(input);
      expect(challenges.some((c) => c.status === null && !c.neutralized && !c.autoSkipped)).toBe(false);
      const result = scoreCertification({
        maxLevel: 5, challenges, abortReason: input.abortReason, fraud: false,
        competences: ['1.1', '1.2', '1.3', '2.1', '2.2'].map((code) => ({ code: code as '1.1', estimatedLevel: 2, pixScore: 20 })),
      });
      expect(result.reason ?? '').not.toMatch(/R-SCORE-9/);
    }), RUNS);
  });
});
