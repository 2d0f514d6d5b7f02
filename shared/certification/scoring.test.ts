import { describe, expect, it } from 'vitest';
import type { AnswerStatus } from '../formats/challenge';
import type { CompetenceCode } from '../formats/common';
import { ScoringInput, ScoringResult, type CompetenceMark, type ScoringChallenge } from '../formats/scoring';
import { minNonNeutralisedChallenges, scoreCertification } from './scoring';

// A competence's answers in a few letters: ok ko pa(rtially) ab(and) to(timedout) fo(cusedOut) --(none)
// as (auto-skipped, no answer); prefix N = neutralised; suffix * = QROCM-dep (else QCU).
const STATUS: Record<string, AnswerStatus | null> = { ok: 'ok', ko: 'ko', pa: 'partially', ab: 'aband', to: 'timedout', fo: 'focusedOut', '--': null, as: null };
type Spec = [code: CompetenceCode, level: number, pix: number, answers: string];

function challengesOf(code: CompetenceCode, answers: string): ScoringChallenge[] {
  return answers.split(' ').filter((t) => t !== '').map((token, i) => {
    const m = /^(N?)(ok|ko|pa|ab|to|fo|--|as)(\*?)$/.exec(token);
    if (m === null) throw new Error(`bad token ${token}`);
    return { id: `${code}-${i + 1}`, competence: code, type: m[3] === '*' ? 'QROCM-dep' : 'QCU', neutralized: m[1] === 'N', autoSkipped: m[2] === 'as', status: STATUS[m[2]!]! };
  });
}

function certification(specs: Spec[], extra: Partial<ScoringInput> = {}): ScoringInput {
  return ScoringInput.parse({
    maxLevel: 5,
    competences: specs.map(([code, estimatedLevel, pixScore]) => ({ code, estimatedLevel, pixScore })),
    challenges: specs.flatMap(([code, , , answers]) => challengesOf(code, answers)),
    abortReason: null,
    fraud: false,
    ...extra,
  });
}

function score(input: ScoringInput): ScoringResult {
  return ScoringResult.parse(scoreCertification(input));
}

function mark(result: ScoringResult, code: string): CompetenceMark | undefined {
  return result.competences.find((m) => m.code === code);
}

const FILLER_CODES: CompetenceCode[] = ['1.2', '1.3', '2.1', '2.2', '2.3'];
/** Filler competences (level 3, 28 pix) whose answers bring the whole test to an exact rate. */
function withFillers(target: Spec, fillers: string[], extra: Partial<ScoringInput> = {}): ScoringInput {
  return certification([target, ...fillers.map((answers, i): Spec => [FILLER_CODES[i]!, 3, 28, answers])], extra);
}

// Fillers by the target's (counted, correct), computed by hand; the resulting rate is asserted in each test.
const FILLERS: Record<string, Record<80 | 79 | 70 | 69, string[]>> = {
  // target 3 counted, 2 ok: 12/15 = 80 · 11/14 = 78.6 → 79 · 7/10 = 70 · 9/13 = 69.2 → 69
  '3/2': {
    80: ['ok ok ok', 'ok ok ok', 'ok ok ko', 'ok ok ko'],
    79: ['ok ok ok', 'ok ok ok', 'ok ok ko', 'ok ko Nko'],
    70: ['ok ok ok', 'ok ok Nko', 'Nko Nko ko', 'Nko Nko ko'],
    69: ['ok ok ok', 'ok ok ok', 'ok ko ko', 'ko Nko Nko'],
  },
  // target 2 counted, 1 ok: 8/10 · 11/14 · 7/10 · 9/13
  '2/1': {
    80: ['ok ok ok', 'ok ok ok', 'ok ko Nko', 'Nko Nko Nko'],
    79: ['ok ok ok', 'ok ok ok', 'ok ok ok', 'ok ko ko'],
    70: ['ok ok ok', 'ok ok ok', 'ko ko Nko', 'Nko Nko Nko'],
    69: ['ok ok ok', 'ok ok ok', 'ok ok ko', 'ko ko Nko'],
  },
  // target 1 counted, 1 ok: 8/10 · 11/14 · 7/10 · 9/13
  '1/1': {
    80: ['ok ok ok', 'ok ok ok', 'ok ko ko', 'Nko Nko Nko'],
    79: ['ok ok ok', 'ok ok ok', 'ok ok ok', 'ok ko ko', 'ko Nko Nko'],
    70: ['ok ok ok', 'ok ok ok', 'ko ko ko', 'Nko Nko Nko'],
    69: ['ok ok ok', 'ok ok ok', 'ok ok ko', 'ko ko ko'],
  },
};

describe('R-SCORE-5/6 through scoreCertification at rates 80, 79, 70, 69 (competence 1.1: level 3, 28 pix)', () => {
  const V = { level: 3, pix: 28 };
  const D = { level: 2, pix: 20 };
  const I = { level: -1, pix: 0 };
  const cases: [string, string, string, [object, object, object, object]][] = [
    ['3/2/0', 'ok ok ko', '3/2', [V, D, D, D]],
    ['3/1/1', 'ok ko Nko', '2/1', [V, D, D, I]],
    ['2/1/0', 'ok ko', '2/1', [V, D, D, I]],
    ['1/1/0', 'ok', '1/1', [V, V, V, D]],
    ['3/2/0 weighted (QROCM-dep ok + ko)', 'ok* ko', '2/1', [V, D, D, D]],
  ];
  for (const [row, answers, shape, expected] of cases) {
    ([80, 79, 70, 69] as const).forEach((rate, column) => {
      it(`R-SCORE-5 row ${row} at rate ${rate}`, () => {
        const result = score(withFillers(['1.1', 3, 28, answers], FILLERS[shape]![rate]));
        expect(result.reproducibilityRate).toBe(rate);
        expect(mark(result, '1.1')).toMatchObject(expected[column]!);
      });
    });
  }
});

describe('R-SCORE-1 and R-SCORE-9', () => {
  it('R-SCORE-1 challenges of untested competences are ignored everywhere (rate, R-SCORE-9, 66 % check)', () => {
    const input = certification([['1.1', 2, 20, 'ok ok ok'], ['1.2', 2, 20, 'ok ok ok'], ['1.3', 2, 20, 'ok ok ok'], ['2.1', 2, 20, 'ok ok ok'], ['2.2', 2, 20, 'ok ok ok']]);
    input.challenges.push(...challengesOf('5.2', 'ko -- Nko Nko Nko Nko Nko Nko Nko Nko Nko'));
    const result = score(input);
    expect(result).toMatchObject({ status: 'validated', reproducibilityRate: 100, pix: 100, reason: null });
    expect(result.competences.map((m) => m.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2']);
  });

  it('R-SCORE-9 an unanswered challenge, neither neutralised nor auto-skipped, gives error naming it, before any outcome', () => {
    const input = certification([['1.1', 2, 20, 'ok -- ok'], ['1.2', 2, 20, 'ok ok ok'], ['1.3', 2, 20, 'ok ok --'], ['2.1', 2, 20, 'N-- as ok'], ['2.2', 2, 20, 'ok ok ok']], { fraud: true, cancelledByAuthority: true });
    const result = score(input);
    expect(result).toMatchObject({ status: 'error', pix: 0, competences: [] });
    expect(result.reason).toMatch(/^R-SCORE-9 : /);
    expect(result.reason).toContain('1.1-2, 1.3-3');
    expect(result.reason).not.toContain('2.1-');
  });

  it('R-SCORE-1 a competence code given twice gives error', () => {
    const input = certification([['1.1', 2, 20, 'ok ok ok']]);
    input.competences.push({ code: '1.1', estimatedLevel: 3, pixScore: 24 });
    expect(scoreCertification(input)).toMatchObject({ status: 'error', reason: 'R-SCORE-1 : compétence en double : 1.1' });
  });
});

describe('R-SCORE-2 counts per competence', () => {
  const others: Spec[] = [['2.1', 2, 20, 'ok ok ok'], ['2.2', 2, 20, 'ok ok ok'], ['2.3', 2, 20, 'ok ok ok'], ['2.4', 2, 20, 'ok ok ok']];
  const countsOf = (answers: string) => {
    const m = mark(score(certification([['1.1', 3, 28, answers], ...others])), '1.1');
    return m && [m.challenges, m.correct, m.neutralized];
  };

  it('R-SCORE-2 in a competence of 2, QROCM-dep ok weighs 2 challenges and 2 correct', () => expect(countsOf('ok* ko')).toEqual([3, 2, 0]));
  it('R-SCORE-2 in a competence of 2, QROCM-dep partially counts 1 correct', () => expect(countsOf('pa* ok')).toEqual([3, 2, 0]));
  it('R-SCORE-2 in a competence of 1, QROCM-dep partially gives 2/1/0', () => expect(countsOf('pa*')).toEqual([2, 1, 0]));
  it('R-SCORE-2 a neutralised QROCM-dep weighs 2 neutralised', () => expect(countsOf('Nok* ok')).toEqual([3, 1, 2]));
  it('R-SCORE-2 in a competence of 3 nothing is weighted and partially is not correct', () => {
    expect(countsOf('ok* ko ko')).toEqual([3, 1, 0]);
    expect(countsOf('pa* ok ok')).toEqual([3, 2, 0]);
  });
  it('R-SCORE-2 a neutralised answer is neutralised whatever its status; an auto-skipped one counts wrong', () => {
    expect(countsOf('Nok ok as')).toEqual([3, 1, 1]);
  });
  it('R-SCORE-5 a tested competence with no challenge gives error naming it', () => {
    const result = score(certification([['1.1', 3, 28, ''], ...others]));
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/^R-SCORE-5 : la compétence 1\.1 /);
  });
});

describe('R-SCORE-2 + R-SCORE-5 two QROCM-dep in a competence of 2: 4 weighted challenges, outside the table → error', () => {
  // R-SCORE-2: ok weighs 2 correct, partially 1, ko and aband 0; correct capped at 3; challenges (4) never capped.
  const WEIGHTED_CORRECT: Record<string, number> = { ok: 2, pa: 1, ko: 0, ab: 0 };
  const reasonFor = (code: string, correct: number, neutralised: number) =>
    `R-SCORE-5 : aucune règle de la table pour la compétence ${code} : 4 épreuves proposées, ${correct} réponses correctes et ${neutralised} épreuves neutralisées (décomptes pondérés, R-SCORE-2) ; le niveau certifié ne se devine pas, une personne doit trancher`;
  const high: Spec[] = [['2.1', 2, 20, 'ok ok ok'], ['2.2', 2, 20, 'ok ok ok'], ['2.3', 2, 20, 'ok ok ok'], ['2.4', 2, 20, 'ok ok ok']];
  const low: Spec[] = [['2.1', 2, 20, 'ko ko ko'], ['2.2', 2, 20, 'ko ko ko'], ['2.3', 2, 20, 'ko ko ko'], ['2.4', 2, 20, 'ko ko ko']];
  const statuses = ['ok', 'ko', 'pa', 'ab'] as const;
  for (const first of statuses) {
    for (const second of statuses) {
      const correct = Math.min(3, WEIGHTED_CORRECT[first]! + WEIGHTED_CORRECT[second]!);
      it(`R-SCORE-5 ${first}* ${second}* gives error naming 1.3 and 4/${correct}/0, at a high rate and below 50 %`, () => {
        for (const others of [high, low]) {
          const result = score(certification([['1.3', 3, 28, `${first}* ${second}*`], ...others]));
          expect(result).toEqual({ status: 'error', reproducibilityRate: 0, pix: 0, competences: [], reason: reasonFor('1.3', correct, 0) });
        }
      });
    }
  }
  it('R-SCORE-5 with one or both neutralised: 4/2/2 and 4/0/4, still error (never read as 3/2/1 or 3/0/3)', () => {
    expect(score(certification([['1.1', 3, 28, 'ok* Nko*'], ...high])).reason).toBe(reasonFor('1.1', 2, 2));
    expect(score(certification([['1.1', 3, 28, 'Nko* Nko*'], ...high])).reason).toBe(reasonFor('1.1', 0, 4));
  });
  it('R-SCORE-5 the error comes before any R-SCORE-8 outcome (fraud, cancelled by the authority)', () => {
    const result = score(certification([['1.1', 3, 28, 'ok* ok*'], ...high], { fraud: true, cancelledByAuthority: true }));
    expect(result).toMatchObject({ status: 'error', reason: reasonFor('1.1', 3, 0) });
  });
  it('R-SCORE-2 one QROCM-dep beside a QCU (3 weighted) and a lone QROCM-dep (2) stay in the table', () => {
    expect(score(certification([['1.1', 3, 28, 'ok* ko'], ...high])).status).toBe('validated');
    expect(score(certification([['1.1', 3, 28, 'ok*'], ...high])).status).toBe('validated');
  });
  it('R-SCORE-5 a competence of 4 challenges (more than R-GEN-1 draws) is outside the table too, never capped to 3', () => {
    expect(score(certification([['1.1', 3, 28, 'ok ok ok ok'], ...high])).reason).toContain('la compétence 1.1 : 4 épreuves proposées, 3 réponses correctes et 0 épreuves neutralisées');
  });
});

describe('R-SCORE-4, R-SCORE-6, R-SCORE-7', () => {
  it('R-SCORE-4 rate below 50: every competence level −1 and 0 pix, counts still reported', () => {
    // 5 ok of 15 = 33 %
    const result = score(certification([['1.1', 3, 28, 'ok ko ko'], ['1.2', 5, 40, 'ok ab ko'], ['1.3', 2, 20, 'ok ko to'], ['2.1', 2, 20, 'ok ko fo'], ['2.2', 2, 20, 'ok pa ko']]));
    expect(result.reproducibilityRate).toBe(33);
    expect(result.pix).toBe(0);
    for (const m of result.competences) expect(m).toMatchObject({ level: -1, pix: 0, challenges: 3, correct: 1, neutralized: 0 });
  });

  it('R-SCORE-7 the cap comes after the downgrade: level 7, 60 pix, maxLevel 5, D → level 5, 40 pix', () => {
    const result = score(withFillers(['1.1', 7, 60, 'ok ok ko'], FILLERS['3/2']![79], { maxLevel: 5 }));
    expect(mark(result, '1.1')).toMatchObject({ level: 5, pix: 40 });
  });

  it('R-SCORE-7 with maxLevel 8 the same D gives level 6, 52 pix; V gives 7, 60', () => {
    expect(mark(score(withFillers(['1.1', 7, 60, 'ok ok ko'], FILLERS['3/2']![79], { maxLevel: 8 })), '1.1')).toMatchObject({ level: 6, pix: 52 });
    expect(mark(score(withFillers(['1.1', 7, 60, 'ok ok ko'], FILLERS['3/2']![80], { maxLevel: 8 })), '1.1')).toMatchObject({ level: 7, pix: 60 });
  });

  it('R-SCORE-6 D on level 1 with 8 pix gives level 0 and 0 pix', () => {
    expect(mark(score(withFillers(['1.1', 1, 8, 'ok ok ko'], FILLERS['3/2']![70])), '1.1')).toMatchObject({ level: 0, pix: 0 });
  });
});

describe('R-SCORE-8 outcome, first match wins', () => {
  const good: Spec[] = [['1.1', 3, 28, 'ok ok ok'], ['1.2', 2, 20, 'ok ok ok'], ['1.3', 2, 20, 'ok ok ok'], ['2.1', 2, 20, 'ok ok ok'], ['2.2', 2, 20, 'ok ok ko']];
  const poor: Spec[] = good.map(([code, level, pix]): Spec => [code, level, pix, 'ok ko ko']); // 5/15 = 33 %

  it('R-SCORE-8 validated: reason null', () => {
    expect(score(certification(good))).toMatchObject({ status: 'validated', reproducibilityRate: 93, pix: 108, reason: null });
  });
  it('R-SCORE-8 cancelled by the authority wins over fraud', () => {
    expect(score(certification(good, { cancelledByAuthority: true, fraud: true }))).toMatchObject({ status: 'cancelled', reason: 'R-SCORE-8 : certification annulée par l\'autorité de certification' });
  });
  it('R-SCORE-8 fraud → rejected, marks and total still reported', () => {
    expect(score(certification(good, { fraud: true }))).toMatchObject({ status: 'rejected', pix: 108, reason: 'R-SCORE-8 : fraude constatée' });
  });
  it('R-SCORE-8 ceil(66 % × n) in integers: 50 → 33, 100 → 66, 48 → 32, 15 → 10, 3 → 2, 0 → 0', () => {
    expect([50, 100, 48, 15, 3, 0].map(minNonNeutralisedChallenges)).toEqual([33, 66, 32, 10, 2, 0]);
  });

  // 16 competences × 3 = 48 challenges, the most R-GEN-1 draws (a competence of 4 would leave the R-SCORE-5 table):
  // ceil(0.66 × 48) = 32. 5 competences fully neutralised (15) + 1 or 2 in 5.2.
  const fortyEight = (lastCompetence: string): Spec[] => [
    ['1.1', 2, 20, 'ok ok ok'], ['1.2', 2, 20, 'ok ok ok'], ['1.3', 2, 20, 'ok ok ok'], ['2.1', 2, 20, 'ok ok ok'],
    ['2.2', 2, 20, 'ok ok ok'], ['2.3', 2, 20, 'ok ok ok'], ['2.4', 2, 20, 'ok ok ok'], ['3.1', 2, 20, 'ok ok ok'],
    ['3.2', 2, 20, 'ok ok ok'], ['3.3', 2, 20, 'ok ok ok'], ['3.4', 2, 20, 'Nko Nko Nko'], ['4.1', 2, 20, 'Nko Nko Nko'],
    ['4.2', 2, 20, 'Nko Nko Nko'], ['4.3', 2, 20, 'Nko Nko Nko'], ['5.1', 2, 20, 'Nko Nko Nko'], ['5.2', 2, 20, lastCompetence],
  ];
  it('R-SCORE-8 32 non-neutralised of 48 is enough (ceil(0.66 × 48) = 32)', () => {
    // 11 certified competences × 20 pix = 220 (5.2 is 3/2/1 → V at 100 %).
    expect(score(certification(fortyEight('ok ok Nko')))).toMatchObject({ status: 'validated', reproducibilityRate: 100, pix: 220 });
  });
  it('R-SCORE-8 31 non-neutralised of 48 → cancelled', () => {
    expect(score(certification(fortyEight('ok Nko Nko')))).toMatchObject({
      status: 'cancelled',
      reason: 'R-SCORE-8 : 31 épreuves non neutralisées sur 48, il en faut au moins 32 (66 %)',
    });
  });
  it('R-SCORE-8 too many neutralised wins over a low rate', () => {
    // 9 challenges, 4 neutralised: 5 < ceil(5.94) = 6; the rate (1/5 = 20 %) would only reject.
    expect(score(certification([['1.1', 2, 20, 'ko Nko Nko'], ['1.2', 2, 20, 'Nok Nko ko'], ['1.3', 2, 20, 'ko ko ok']]))).toMatchObject({
      status: 'cancelled', reproducibilityRate: 20, reason: 'R-SCORE-8 : 5 épreuves non neutralisées sur 9, il en faut au moins 6 (66 %)',
    });
  });
  it('R-SCORE-8 abort reason technical and rate < 50 → cancelled', () => {
    expect(score(certification(poor, { abortReason: 'technical' }))).toMatchObject({
      status: 'cancelled',
      reason: 'R-SCORE-8 : test interrompu pour raison technique, taux de reproductibilité de 33 % inférieur à 50 %',
    });
  });
  it('R-SCORE-8 rate < 50 → rejected (abort reason candidate or none)', () => {
    for (const abortReason of ['candidate', null] as const) {
      expect(score(certification(poor, { abortReason }))).toMatchObject({ status: 'rejected', reason: 'R-SCORE-8 : taux de reproductibilité de 33 % inférieur à 50 %' });
    }
  });
  it('R-SCORE-8 total 0 → rejected (rate 50: every competence 3/1/1 below 70 → I)', () => {
    const specs = good.map(([code, level, pix]): Spec => [code, level, pix, 'ok ko Nko']);
    expect(score(certification(specs))).toMatchObject({ status: 'rejected', reproducibilityRate: 50, pix: 0, reason: 'R-SCORE-8 : aucun pix certifié (total 0)' });
  });
  it('R-SCORE-8 abort reason technical with rate ≥ 50 → validated', () => {
    expect(score(certification(good, { abortReason: 'technical' })).status).toBe('validated');
  });
});

describe('worked examples of whole certifications (computed by hand)', () => {
  const summary = (r: ScoringResult) => r.competences.map((m) => `${m.code} ${m.challenges}/${m.correct}/${m.neutralized} ${m.level} ${m.pix}`);

  it('example A — 5 competences, maxLevel 5, rate 73 %: V, D, I and a capped D → validated, 90 pix', () => {
    // counted 15, ok 3+2+1+3+2 = 11 → 73.3 → 73 (column 70–79).
    // 1.1 3/3/0 V → 3, 27 · 2.1 3/2/0 D → 1, 11 · 3.1 3/1/0 I → −1, 0 · 4.1 3/3/0 V → 1, 12
    // 5.1 3/2/0 (partially is not correct at n = 3) D → 5, 42 → cap 5, 40. Total 27 + 11 + 0 + 12 + 40 = 90.
    // Non-neutralised 15 ≥ ceil(9.9) = 10 → validated.
    const result = score(certification([
      ['1.1', 3, 27, 'ok ok ok'], ['2.1', 2, 19, 'ok ok ko'], ['3.1', 4, 35, 'ok ko ab'], ['4.1', 1, 12, 'ok ok ok'], ['5.1', 6, 50, 'ok ok pa'],
    ]));
    expect(result).toMatchObject({ status: 'validated', reproducibilityRate: 73, pix: 90, reason: null });
    expect(summary(result)).toEqual(['1.1 3/3/0 3 27', '2.1 3/2/0 1 11', '3.1 3/1/0 -1 0', '4.1 3/3/0 1 12', '5.1 3/2/0 5 40']);
  });

  it('example B — 16 competences, candidate abort (auto-skipped), QROCM-dep weighting, rate 84 % → validated, 393 pix', () => {
    // counted 3+3+2+2+1+2+1+3+2+1+3+3+3+3+3+3 = 38; ok 3+2+1+1+1+2+1+3+2+1+3+3+2+2+3+2 = 32 → 84.2 → 84 (≥ 80).
    // Challenges 41, neutralised 3 → 38 ≥ ceil(27.06) = 28. Every competence V at ≥ 80:
    // 1.1 5/44 → cap 5/40 · 1.2 3/30 · 1.3 (ok* ko → 3/2/0) 2/16 · 2.1 (pa* ok → 3/2/0) 4/33 · 2.2 (ok* → 2/2/0) 1/9
    // 2.3 (3/2/1) 2/23 · 2.4 (3/1/2) 3/24 · 3.1 6/55 → cap 5/40 · 3.2 (2/2/0) 2/20 · 3.3 (1/1/0) 1/8 · 3.4 3/31
    // 4.1 2/17 · 4.2 4/39 · 4.3 (auto-skipped → 3/2/0) 2/22 · 5.1 3/26 · 5.2 1/15.
    // Total 40+30+16+33+9+23+24+40+20+8+31+17+39+22+26+15 = 393.
    const result = score(certification([
      ['1.1', 5, 44, 'ok ok ok'], ['1.2', 3, 30, 'ok ok ko'], ['1.3', 2, 16, 'ok* ko'], ['2.1', 4, 33, 'pa* ok'],
      ['2.2', 1, 9, 'ok*'], ['2.3', 2, 23, 'ok ok Nko'], ['2.4', 3, 24, 'ok Nko Nko'], ['3.1', 6, 55, 'ok ok ok'],
      ['3.2', 2, 20, 'ok ok'], ['3.3', 1, 8, 'ok'], ['3.4', 3, 31, 'ok ok ok'], ['4.1', 2, 17, 'ok ok ok'],
      ['4.2', 4, 39, 'ok ko ok'], ['4.3', 2, 22, 'ok ok as'], ['5.1', 3, 26, 'ok ok ok'], ['5.2', 1, 15, 'ok ok as'],
    ], { abortReason: 'candidate' }));
    expect(result).toMatchObject({ status: 'validated', reproducibilityRate: 84, pix: 393, reason: null });
    expect(summary(result)).toEqual([
      '1.1 3/3/0 5 40', '1.2 3/2/0 3 30', '1.3 3/2/0 2 16', '2.1 3/2/0 4 33', '2.2 2/2/0 1 9', '2.3 3/2/1 2 23',
      '2.4 3/1/2 3 24', '3.1 3/3/0 5 40', '3.2 2/2/0 2 20', '3.3 1/1/0 1 8', '3.4 3/3/0 3 31', '4.1 3/3/0 2 17',
      '4.2 3/2/0 4 39', '4.3 3/2/0 2 22', '5.1 3/3/0 3 26', '5.2 3/2/0 1 15',
    ]);
  });

  it('example C — 8 competences (given out of order), maxLevel 6, technical abort, rate 59 % → validated, 146 pix', () => {
    // counted 3+3+2+2+1+2+2+2 = 17; ok 1+2+2+1+1+2+0+1 = 10 → 58.8 → 59 (column < 70, ≥ 50 so no R-SCORE-4).
    // Challenges 21, neutralised 4 → 17 ≥ ceil(13.86) = 14. Technical abort but rate ≥ 50 → not cancelled.
    // 1.1 3/1/0 I · 1.2 3/2/0 D → 3, 29 · 2.1 3/2/1 V → 7, 60 → cap 6, 48 · 2.2 3/1/1 I · 3.1 3/1/2 D → 2, 22
    // 3.2 (ok ok* → 3/3/0) V → 5, 47 (under the cap 48) · 4.1 2/0/0 I · 4.2 2/1/0 I. Total 29 + 48 + 22 + 47 = 146.
    const result = score(certification([
      ['4.2', 1, 14, 'ok ko'], ['1.1', 3, 29, 'ok ko ko'], ['1.2', 4, 37, 'ok ok ko'], ['2.1', 7, 60, 'ok ok Nko'],
      ['2.2', 2, 21, 'ok ko N--'], ['3.1', 3, 30, 'ok N-- N--'], ['3.2', 5, 47, 'ok ok*'], ['4.1', 2, 18, 'ko ab'],
    ], { maxLevel: 6, abortReason: 'technical' }));
    expect(result).toMatchObject({ status: 'validated', reproducibilityRate: 59, pix: 146, reason: null });
    expect(summary(result)).toEqual([
      '1.1 3/1/0 -1 0', '1.2 3/2/0 3 29', '2.1 3/2/1 6 48', '2.2 3/1/1 -1 0', '3.1 3/1/2 2 22', '3.2 3/3/0 5 47',
      '4.1 2/0/0 -1 0', '4.2 2/1/0 -1 0',
    ]);
  });
});

describe('R-REF-3 the cap is a session setting, 5 by default (640 pix)', () => {
  const ALL: CompetenceCode[] = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];
  // 16 competences estimated at level 8 (64 pix), every answer right: V everywhere, then the cap.
  const perfect = (maxLevel: number) => certification(ALL.map((code) => [code, 8, 64, 'ok ok ok'] as Spec), { maxLevel });

  it('R-REF-3: cap 5 gives 16 × 40 = 640 pix, cap 6 gives 768, cap 8 gives 1024', () => {
    expect(score(perfect(5)).pix).toBe(640);
    expect(score(perfect(6)).pix).toBe(768);
    expect(score(perfect(8)).pix).toBe(1024);
    expect(mark(score(perfect(5)), '3.4')).toMatchObject({ level: 5, pix: 40 });
  });

  it('R-REF-2: a mark keeps 8 pix per level (level 3 = 24 to 31 pix)', () => {
    const result = score(certification([['1.1', 3, 31, 'ok ok ok'], ['1.2', 3, 24, 'ok ok ok'], ['1.3', 1, 8, 'ok ok ok'], ['2.1', 1, 15, 'ok ok ok'], ['2.2', 2, 16, 'ok ok ok']]));
    for (const m of result.competences) expect(m.level).toBe(Math.floor(m.pix / 8));
  });
});
