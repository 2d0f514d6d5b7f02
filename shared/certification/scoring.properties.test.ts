import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerStatus, ChallengeType } from '../formats/challenge';
import { COMPETENCE_CODES } from '../formats/common';
import { ScoringResult, type ScoringChallenge, type ScoringInput } from '../formats/scoring';
import { COMPETENCE_COUNT, PIX_PER_LEVEL } from './constants';
import { reproducibilityRate } from './reproducibility-rate';
import { scoreCertification } from './scoring';
import { SCORING_TABLE } from './scoring-table';

// Valid inputs: 5–16 competences, 1–3 challenges each, random types, statuses and neutralisation,
// levels 1–8 with pixScore in [8 × level, 8 × level + 7]; an unanswered challenge is neutralised or
// auto-skipped (so that R-SCORE-9 does not hide every other rule).
const challengeShape = fc.record({
  type: fc.constantFrom(...ChallengeType.options),
  // `ok` about two times in three, so that rates spread around 50, 70 and 80.
  status: fc.oneof(
    { arbitrary: fc.constant<AnswerStatus | null>('ok'), weight: 12 },
    { arbitrary: fc.constantFrom<AnswerStatus | null>(...AnswerStatus.options, null), weight: 7 },
  ),
  neutralized: fc.integer({ min: 0, max: 5 }).map((n) => n === 0), // one in six
  autoSkip: fc.boolean(),
});

const competenceShape = fc.record({
  level: fc.integer({ min: 1, max: 8 }),
  extraPix: fc.integer({ min: 0, max: PIX_PER_LEVEL - 1 }),
  challenges: fc.array(challengeShape, { minLength: 1, maxLength: 3 }),
});

const validInput: fc.Arbitrary<ScoringInput> = fc.record({
  maxLevel: fc.integer({ min: 1, max: 8 }),
  codes: fc.shuffledSubarray([...COMPETENCE_CODES], { minLength: 5, maxLength: 16 }),
  shapes: fc.array(competenceShape, { minLength: 16, maxLength: 16 }),
  abortReason: fc.constantFrom('candidate', 'technical', null),
  fraud: fc.boolean(),
}).map(({ maxLevel, codes, shapes, abortReason, fraud }) => {
  const challenges: ScoringChallenge[] = [];
  const competences = codes.map((code, i) => {
    const shape = shapes[i]!;
    shape.challenges.forEach((c, j) => {
      const unanswered = c.status === null;
      challenges.push({
        id: `${code}-${j + 1}`,
        competence: code,
        type: c.type,
        status: c.status,
        neutralized: c.neutralized || (unanswered && !c.autoSkip),
        autoSkipped: unanswered && c.autoSkip,
      });
    });
    return { code, estimatedLevel: shape.level, pixScore: PIX_PER_LEVEL * shape.level + shape.extraPix };
  });
  return { maxLevel, competences, challenges, abortReason, fraud };
});

const RUNS = { numRuns: 300 };

describe('scoreCertification properties', () => {
  it('R-SCORE-7 total ≤ 16 × 8 × maxLevel, every mark within the cap, marks in code order, output schema-valid', () => {
    fc.assert(fc.property(validInput, (input) => {
      const result = scoreCertification(input);
      expect(ScoringResult.safeParse(result).success).toBe(true);
      expect(result.pix).toBeLessThanOrEqual(COMPETENCE_COUNT * PIX_PER_LEVEL * input.maxLevel);
      for (const m of result.competences) {
        expect(m.level).toBeLessThanOrEqual(input.maxLevel);
        expect(m.pix).toBeLessThanOrEqual(PIX_PER_LEVEL * input.maxLevel);
      }
      const codes = result.competences.map((m) => m.code);
      expect(codes).toEqual(COMPETENCE_CODES.filter((code) => codes.includes(code)));
      // Valid inputs (every challenge answered, neutralised or auto-skipped) leave the table only with two
      // QROCM-dep in a competence of 2 (4 weighted challenges, R-SCORE-2) — then the whole result is `error`.
      const twoDeps = input.competences.some((c) => {
        const own = input.challenges.filter((ch) => ch.competence === c.code);
        return own.length === 2 && own.every((ch) => ch.type === 'QROCM-dep');
      });
      expect(result.status === 'error').toBe(twoDeps);
      expect(result.competences.length).toBe(twoDeps ? 0 : input.competences.length);
    }), RUNS);
  });

  it('R-SCORE-5 turning one answer from ko to ok never lowers any mark nor the total', () => {
    fc.assert(fc.property(validInput, fc.nat(), (input, pick) => {
      const candidates = input.challenges.filter((c) => c.status === 'ko' && !c.neutralized);
      fc.pre(candidates.length > 0);
      const turned = candidates[pick % candidates.length]!;
      const better: ScoringInput = { ...input, challenges: input.challenges.map((c) => (c === turned ? { ...c, status: 'ok' } : c)) };
      const before = scoreCertification(input);
      const after = scoreCertification(better);
      fc.pre(before.status !== 'error' && after.status !== 'error');
      expect(after.pix).toBeGreaterThanOrEqual(before.pix);
      expect(after.reproducibilityRate).toBeGreaterThanOrEqual(before.reproducibilityRate);
      before.competences.forEach((m, i) => {
        expect(after.competences[i]!.level).toBeGreaterThanOrEqual(m.level);
        expect(after.competences[i]!.pix).toBeGreaterThanOrEqual(m.pix);
      });
    }), RUNS);
  });

  it('R-SCORE-1 R-SCORE-3 the result rate is the rate of the tested competences\' challenges, whatever is added outside them', () => {
    fc.assert(fc.property(validInput, fc.array(challengeShape, { maxLength: 6 }), (input, extras) => {
      const tested = new Set(input.competences.map((c) => c.code));
      const untested = COMPETENCE_CODES.find((code) => !tested.has(code));
      const noise: ScoringChallenge[] = untested === undefined ? [] : extras.map((c, i) => ({
        id: `noise-${i}`, competence: untested, type: c.type, status: c.status, neutralized: c.neutralized, autoSkipped: false,
      }));
      const result = scoreCertification({ ...input, challenges: [...noise, ...input.challenges] });
      fc.pre(result.status !== 'error');
      expect(result.reproducibilityRate).toBe(reproducibilityRate(input.challenges));
      expect(result).toEqual(scoreCertification(input));
    }), RUNS);
  });
});

// R-SCORE-2 computed again from the rules' words, as an oracle: n < 3 → QROCM-dep weighs 2 (ok 2 correct,
// partially 1); correct capped at 3, challenges and neutralised not.
function weightedCounts(own: readonly ScoringChallenge[]): [number, number, number] {
  const weighted = own.length < 3;
  let challenges = 0;
  let correct = 0;
  let neutralised = 0;
  for (const c of own) {
    const weight = weighted && c.type === 'QROCM-dep' ? 2 : 1;
    challenges += weight;
    if (c.neutralized) neutralised += weight;
    else if (!c.autoSkipped && c.status === 'ok') correct += weight;
    else if (!c.autoSkipped && weighted && c.type === 'QROCM-dep' && c.status === 'partially') correct += 1;
  }
  return [challenges, Math.min(correct, 3), neutralised];
}

/** R-SCORE-5 — is there a row of the table, as printed, for these counts? */
function inTable([challenges, correct, neutralised]: [number, number, number]): boolean {
  return SCORING_TABLE.some((row) => row.challenges === challenges && row.correct === correct
    && (row.neutralized === 'any' ? neutralised <= challenges : row.neutralized === neutralised));
}

// Competences of 1 to 4 challenges (4 is more than R-GEN-1 draws), QROCM-dep about one in two.
const wideInput: fc.Arbitrary<ScoringInput> = fc.record({
  codes: fc.shuffledSubarray([...COMPETENCE_CODES], { minLength: 1, maxLength: 16 }),
  shapes: fc.array(fc.array(fc.record({
    dep: fc.boolean(),
    status: fc.constantFrom<AnswerStatus>(...AnswerStatus.options),
    neutralized: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    autoSkipped: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  }), { minLength: 1, maxLength: 4 }), { minLength: 16, maxLength: 16 }),
}).map(({ codes, shapes }) => ({
  maxLevel: 5,
  competences: codes.map((code) => ({ code, estimatedLevel: 3, pixScore: 28 })),
  challenges: codes.flatMap((code, i) => shapes[i]!.map((c, j): ScoringChallenge => ({
    id: `${code}-${j + 1}`, competence: code, type: c.dep ? 'QROCM-dep' : 'QCU', status: c.status, neutralized: c.neutralized, autoSkipped: c.autoSkipped,
  }))),
  abortReason: null,
  fraud: false,
}));

describe('R-SCORE-5 no combination outside the table ever yields a level', () => {
  it('R-SCORE-5 error (naming the first such competence and its three counts) exactly when some competence is outside the table; otherwise every mark is a row', () => {
    fc.assert(fc.property(wideInput, (input) => {
      const result = scoreCertification(input);
      const outside = COMPETENCE_CODES
        .filter((code) => input.competences.some((c) => c.code === code))
        .map((code) => ({ code, counts: weightedCounts(input.challenges.filter((c) => c.competence === code)) }))
        .filter(({ counts }) => !inTable(counts));
      if (outside.length > 0) {
        const [{ code, counts: [challenges, correct, neutralised] }] = outside as [typeof outside[number]];
        expect(result.status).toBe('error');
        expect(result.competences).toEqual([]);
        expect(result.reason).toContain(`compétence ${code} : ${challenges} épreuves proposées, ${correct} réponses correctes et ${neutralised} épreuves neutralisées`);
      } else {
        expect(result.status).not.toBe('error');
        for (const m of result.competences) expect(inTable([m.challenges, m.correct, m.neutralized])).toBe(true);
      }
    }), { numRuns: 500 });
  });
});
