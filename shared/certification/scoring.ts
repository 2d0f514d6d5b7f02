import { COMPETENCE_CODES } from '../formats/common';
import type { CompetenceMark, ScoringInput, ScoringResult } from '../formats/scoring';
import * as rules from './constants';
import { roundedPercent } from './reproducibility-rate';

// The rule numbers used in the hot loop, read once: under tsx (the CLI and the headless station) an imported
// binding is a getter call on every access, which cost a fifth of the scoring time in bench:core.
const {
  MAX_CORRECT_PER_COMPETENCE, MIN_NON_NEUTRALISED_PERCENT, MIN_REPRODUCIBILITY_RATE,
  PIX_PER_LEVEL, QROCM_DEP_DOUBLE_BELOW, QROCM_DEP_WEIGHT,
} = rules;
import { columnFor, rowActionsFor } from './scoring-table';

/** R-SCORE-5, CompetenceMark — the level of a competence that is not certified. */
const NOT_CERTIFIED_LEVEL = -1;

const CODE_INDEX = new Map<string, number>(COMPETENCE_CODES.map((code, index) => [code, index]));

// Per-competence tallies, STRIDE numbers per tested competence in one Int32Array.
const STRIDE = 6;
const COUNT = 0; // challenges, unweighted
const CORRECT = 1; // `ok` answers, unweighted
const NEUTRALISED = 2; // unweighted
const WEIGHTED_CHALLENGES = 3; // R-SCORE-2, as if the competence had fewer than 3 challenges
const WEIGHTED_CORRECT = 4;
const WEIGHTED_NEUTRALISED = 5;

// Scratch buffers reused by every call (scoring is synchronous, so calls never overlap): allocating typed
// arrays per call costs more than the scoring itself.
const SLOT_OF_CODE = new Int8Array(COMPETENCE_CODES.length);
const TALLIES = new Int32Array(COMPETENCE_CODES.length * STRIDE);

/**
 * R-SCORE-8 — the fewest non-neutralised challenges a test of `testChallenges` challenges needs:
 * `ceil(66 × n / 100)` in integer arithmetic (n = 50 gives 33, n = 100 gives 66; `Math.ceil(0.66 * 100)` is 67).
 */
export function minNonNeutralisedChallenges(testChallenges: number): number {
  return Math.floor((MIN_NON_NEUTRALISED_PERCENT * testChallenges + 99) / 100);
}

/**
 * R-SCORE-5 — why a competence cannot be scored: its code and its three counts after R-SCORE-2, in the words of
 * the authority's own error (« N épreuves proposées, N réponses correctes et N épreuves neutralisées »).
 */
export function outsideTableReason(code: string, challenges: number, correct: number, neutralized: number): string {
  return `R-SCORE-5 : aucune règle de la table pour la compétence ${code} : ${challenges} épreuves proposées, ${correct} réponses correctes et ${neutralized} épreuves neutralisées (décomptes pondérés, R-SCORE-2) ; le niveau certifié ne se devine pas, une personne doit trancher`;
}

function errorResult(reason: string): ScoringResult {
  return { status: 'error', reproducibilityRate: 0, pix: 0, competences: [], reason };
}

/**
 * R-SCORE-1 … R-SCORE-9 — the certified result of one test. Pure and allocation-light (plain loops, no
 * parsing): callers parse `ScoringInput` at the boundary.
 *
 * Readings where the rules are silent (each one is tested in scoring.test.ts):
 * - R-SCORE-1: challenges of a competence not in `input.competences` are ignored everywhere (rate,
 *   counts, the 66 % check). A competence code unknown to the referential or given twice → `error`.
 * - `error` results carry no figures: rate 0, pix 0, no marks, and a reason. Errors are checked before
 *   any outcome of R-SCORE-8 (a result that cannot be computed cannot be validated, rejected or cancelled).
 * - R-SCORE-9 first: a challenge with no answer, neither neutralised nor auto-skipped → `error` naming it.
 * - A challenge flagged `neutralized` is neutralised whatever its status (it leaves the numerator and the
 *   denominator); an `autoSkipped` one counts as answered wrong whatever its status.
 * - R-SCORE-2: n = the competence's number of challenges. If n < 3 a QROCM-dep challenge weighs 2 in
 *   `challenges`, `correct` (ok → 2, partially → 1) and `neutralized`; otherwise everything weighs 1 and only
 *   `ok` is correct. Then `correct` ≤ 3 (the rule); `challenges` and `neutralized` are NOT capped (the rule says
 *   so), so two QROCM-dep in a competence of 2 make 4 challenges. A tested competence with no challenge → `error`.
 * - R-SCORE-5: a combination outside the table → `error` naming the competence and its three counts
 *   (challenges, correct, neutralised), whatever the rate, never a guessed level: whether a row exists does not
 *   depend on the rate, and the authority fails on it too (« Règle de calcul de niveau certifié manquante pour
 *   4 épreuves proposées… »), so the certification waits for a person to settle it. Checked for every competence
 *   before R-SCORE-4 (a rate below 50 does not hide it). The table is read with the ROUNDED rate.
 *   D on a pix score below 8 gives 0 pix (never negative).
 * - R-SCORE-4 / R-SCORE-7 / R-SCORE-8: marks (with their counts) are reported for every non-error result,
 *   whatever the outcome; total = Σ marks' pix; marks in competence code order.
 * - R-SCORE-8: "challenges" in the 66 % check = the test's challenges of tested competences, unweighted;
 *   "non-neutralised" likewise; ceil in integer arithmetic.
 */
export function scoreCertification(input: ScoringInput): ScoringResult {
  const competences = input.competences;
  const challenges = input.challenges;
  const testedCount = competences.length;

  // R-SCORE-1 — tested competence slot per referential code (−1 = not tested).
  const slotOfCode = SLOT_OF_CODE.fill(-1);
  for (let slot = 0; slot < testedCount; slot++) {
    const code = competences[slot]!.code;
    const index = CODE_INDEX.get(code);
    if (index === undefined) return errorResult(`R-SCORE-1 : compétence inconnue du référentiel : ${code}`);
    if (slotOfCode[index] !== -1) return errorResult(`R-SCORE-1 : compétence en double : ${code}`);
    slotOfCode[index] = slot;
  }

  const tallies = TALLIES.fill(0);
  let testChallenges = 0;
  let nonNeutralised = 0;
  let counted = 0; // R-SCORE-3
  let correctForRate = 0;
  let unanswered: string[] | null = null;
  for (let i = 0; i < challenges.length; i++) {
    const c = challenges[i]!;
    const index = CODE_INDEX.get(c.competence);
    const slot = index === undefined ? -1 : slotOfCode[index]!;
    if (slot < 0) continue; // R-SCORE-1
    testChallenges++;
    const base = slot * STRIDE;
    const isDep = c.type === 'QROCM-dep';
    const weight = isDep ? QROCM_DEP_WEIGHT : 1;
    tallies[base + COUNT]! += 1;
    tallies[base + WEIGHTED_CHALLENGES]! += weight;
    if (c.neutralized) {
      tallies[base + NEUTRALISED]! += 1;
      tallies[base + WEIGHTED_NEUTRALISED]! += weight;
      continue;
    }
    nonNeutralised++;
    if (c.autoSkipped) {
      counted++; // R-FIN-2 — counts wrong
      continue;
    }
    if (c.status === null) {
      (unanswered ??= []).push(c.id); // R-SCORE-9
      continue;
    }
    counted++;
    if (c.status === 'ok') {
      correctForRate++;
      tallies[base + CORRECT]! += 1;
      tallies[base + WEIGHTED_CORRECT]! += weight;
    } else if (isDep && c.status === 'partially') {
      tallies[base + WEIGHTED_CORRECT]! += 1; // R-SCORE-2
    }
  }

  if (unanswered !== null) {
    return errorResult(`R-SCORE-9 : épreuve(s) sans réponse, ni neutralisée(s) ni passée(s) automatiquement : ${unanswered.join(', ')} ; la finalisation doit les régler (R-FIN-2)`);
  }

  const rate = roundedPercent(correctForRate, counted);
  const belowMinimumRate = rate < MIN_REPRODUCIBILITY_RATE;
  const maxLevel = input.maxLevel;
  const maxPix = PIX_PER_LEVEL * maxLevel;
  const marks: CompetenceMark[] = [];
  let total = 0;
  for (let index = 0; index < slotOfCode.length; index++) {
    const slot = slotOfCode[index]!;
    if (slot < 0) continue;
    const competence = competences[slot]!;
    const base = slot * STRIDE;
    const n = tallies[base + COUNT]!;
    if (n === 0) {
      return errorResult(`R-SCORE-5 : la compétence ${competence.code} est évaluée mais n'a aucune épreuve (pas assez d'épreuves pour la noter)`);
    }
    // R-SCORE-2 — only `correct` is capped.
    const weighted = n < QROCM_DEP_DOUBLE_BELOW;
    const challengeCount = tallies[base + (weighted ? WEIGHTED_CHALLENGES : COUNT)]!;
    const correct = Math.min(tallies[base + (weighted ? WEIGHTED_CORRECT : CORRECT)]!, MAX_CORRECT_PER_COMPETENCE);
    const neutralized = tallies[base + (weighted ? WEIGHTED_NEUTRALISED : NEUTRALISED)]!;
    const actions = rowActionsFor(challengeCount, correct, neutralized); // R-SCORE-5
    if (actions === null) return errorResult(outsideTableReason(competence.code, challengeCount, correct, neutralized));

    let level = NOT_CERTIFIED_LEVEL;
    let pix = 0;
    if (!belowMinimumRate) { // R-SCORE-4 otherwise
      const action = actions[columnFor(rate)]; // R-SCORE-5
      if (action === 'V') { // R-SCORE-6
        level = competence.estimatedLevel;
        pix = competence.pixScore;
      } else if (action === 'D') {
        level = competence.estimatedLevel - 1;
        pix = Math.max(0, competence.pixScore - PIX_PER_LEVEL);
      }
      // R-SCORE-7 — the cap comes after the downgrade.
      if (level > maxLevel) level = maxLevel;
      if (pix > maxPix) pix = maxPix;
    }
    total += pix;
    marks.push({ code: competence.code, level, pix, challenges: challengeCount, correct, neutralized });
  }

  const outcome = decideOutcome(input, rate, total, testChallenges, nonNeutralised);
  return { status: outcome.status, reproducibilityRate: rate, pix: total, competences: marks, reason: outcome.reason };
}

/** R-SCORE-8 — outcome, first match wins. */
function decideOutcome(
  input: ScoringInput,
  rate: number,
  total: number,
  testChallenges: number,
  nonNeutralised: number,
): { status: ScoringResult['status']; reason: string | null } {
  if (input.cancelledByAuthority === true) {
    return { status: 'cancelled', reason: "R-SCORE-8 : certification annulée par l'autorité de certification" };
  }
  if (input.fraud) return { status: 'rejected', reason: 'R-SCORE-8 : fraude constatée' };
  const required = minNonNeutralisedChallenges(testChallenges);
  if (nonNeutralised < required) {
    return { status: 'cancelled', reason: `R-SCORE-8 : ${nonNeutralised} épreuves non neutralisées sur ${testChallenges}, il en faut au moins ${required} (${MIN_NON_NEUTRALISED_PERCENT} %)` };
  }
  if (rate < MIN_REPRODUCIBILITY_RATE) {
    if (input.abortReason === 'technical') {
      return { status: 'cancelled', reason: `R-SCORE-8 : test interrompu pour raison technique, taux de reproductibilité de ${rate} % inférieur à ${MIN_REPRODUCIBILITY_RATE} %` };
    }
    return { status: 'rejected', reason: `R-SCORE-8 : taux de reproductibilité de ${rate} % inférieur à ${MIN_REPRODUCIBILITY_RATE} %` };
  }
  if (total === 0) return { status: 'rejected', reason: 'R-SCORE-8 : aucun pix certifié (total 0)' };
  return { status: 'validated', reason: null };
}
