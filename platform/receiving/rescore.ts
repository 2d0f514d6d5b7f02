import { sameCanonicalJson } from '../../shared/canonical/canonical-json';
import { applyFinalisationRules, questionNumbers, type FinalisationChallenge, type IncidentReport } from '../../shared/certification/finalisation';
import { generateTest } from '../../shared/certification/generation';
import type { ContentIndex } from '../../shared/certification/referential';
import { scoreCertification } from '../../shared/certification/scoring';
import { judgeAnswer, validateAnswer } from '../../shared/certification/validation';
import type { Challenge } from '../../shared/formats/content-package';
import type { GeneratedTest } from '../../shared/formats/generated-test';
import { drawInputs, type AnyResultsCandidate, type AnyResultsDocument, type AnyResultsTest } from '../../shared/formats/results';
import type { ScoringInput, ScoringResult } from '../../shared/formats/scoring';
import { err, ok, type Result } from '../../shared/result';

/** One candidate as the platform scored them. */
export interface RescoredCandidate {
  candidate: AnyResultsCandidate;
  test: AnyResultsTest;
  result: ScoringResult;
  /** The centre's provisional result (status, pix, rate, competences) equals the platform's. */
  matchesCentre: boolean;
}

/**
 * Issue 9 §3 — every candidate who sat a test, scored again from the raw answers with the platform's own copy of
 * the content: the test drawn again from the frozen profile and seed (R-GEN-4), each answer validated (R-VAL-3,
 * R-VAL-4) and judged with its timer and focus facts (R-VAL-5), the abort reason and the incidents applied
 * (R-FIN-2, R-INC-1), then section 5's scoring. The centre's statuses, effects and scores are never read, only
 * compared. C6 (fraud) is left to a person's review, as at the centre (R-INC-1): `fraud` stays false.
 * A test that does not fit the content is refused with the candidate and the challenge named. Both formats: 3 names
 * the drawn challenges by their ids (the redrawn ones must be those), 2 carries the whole drawn test (the redrawn one
 * must equal it) and each answer's position (it must be its challenge's).
 */
export function rescoreDocument(document: AnyResultsDocument, content: ContentIndex): Result<RescoredCandidate[], string> {
  const rescored: RescoredCandidate[] = [];
  for (const candidate of document.candidates) {
    if (candidate.test === null) continue;
    const one = rescoreTest(document, candidate, candidate.test, content);
    if (!one.ok) return err(`candidat n° ${candidate.candidateId} (${candidate.lastName} ${candidate.firstName}) : ${one.error}`);
    rescored.push(one.value);
  }
  return ok(rescored);
}

/** R-GEN-4 — the test drawn again from the frozen profile and the seed, if it is the one the document states. */
function redrawTest(test: AnyResultsTest, index: ContentIndex): Result<GeneratedTest, string> {
  const drawn = drawInputs(test);
  if (drawn.contentId !== index.content.id || drawn.contentVersion !== index.content.version) {
    return err(`le test a été tiré du contenu ${drawn.contentId} ${drawn.contentVersion}, pas de ${index.content.id} ${index.content.version}`);
  }
  const redrawn = generateTest(index, test.frozenProfile, { seed: drawn.seed, locale: drawn.locale });
  const same = 'drawnTest' in test
    ? redrawn.challenges.length === test.drawnTest.challengeIds.length && redrawn.challenges.every((c, i) => c.challengeId === test.drawnTest.challengeIds[i])
    : sameCanonicalJson(redrawn, test.generatedTest);
  if (!same) return err('le test ne correspond pas à celui que le profil figé et la graine donnent (R-GEN-4)');
  return ok(redrawn);
}

function rescoreTest(document: AnyResultsDocument, candidate: AnyResultsCandidate, test: AnyResultsTest, index: ContentIndex): Result<RescoredCandidate, string> {
  const drawn = redrawTest(test, index);
  if (!drawn.ok) return drawn;
  const generated = drawn.value;
  const challenges: Challenge[] = [];
  for (const tc of generated.challenges) {
    const challenge = index.challengeById.get(tc.challengeId);
    if (challenge === undefined) return err(`l’épreuve ${tc.challengeId} est absente du contenu`);
    challenges.push(challenge);
  }
  const positionOf = new Map(generated.challenges.map((c, i) => [c.challengeId, i]));
  const statusAt = new Array<FinalisationChallenge['status']>(challenges.length).fill(null);
  const answeredAt = new Array<string | null>(challenges.length).fill(null);
  for (const answer of test.answers) {
    const position = positionOf.get(answer.challengeId);
    if (position === undefined) return err(`la réponse à ${answer.challengeId} porte sur une épreuve hors du test`);
    if ('position' in answer && answer.position !== position + 1) return err(`la réponse à ${answer.challengeId} est à la position ${answer.position}, l’épreuve à la position ${position + 1}`);
    if (statusAt[position] !== null) return err(`deux réponses à l’épreuve ${answer.challengeId}`);
    const challenge = challenges[position]!;
    const timed = challenge.timer !== undefined;
    statusAt[position] = judgeAnswer({
      validation: validateAnswer(challenge, answer.answer).status,
      timedOut: timed && answer.timedOut,
      focusLost: answer.focusLost,
      focusedChallenge: challenge.focused === true,
      accessibilityAdjustment: candidate.accessibilityAdjustment,
    });
    answeredAt[position] = answer.answeredAt;
  }
  const facts: FinalisationChallenge[] = generated.challenges.map((tc, i) => {
    const challenge = challenges[i]!;
    return {
      id: tc.challengeId,
      competence: tc.competence,
      type: tc.type,
      status: statusAt[i]!,
      answeredAt: answeredAt[i]!,
      hasIllustration: challenge.illustration !== undefined,
      hasEmbed: challenge.embed !== undefined,
      hasAttachment: challenge.attachment !== undefined,
      timed: challenge.timer !== undefined,
      focused: challenge.focused === true,
    };
  });
  // As at the centre: an incident acts on the challenge it names, numbered as finalisation numbers it (the numbers
  // only worked out for a candidate with an incident: most have none).
  const own = document.incidents.filter((i) => i.candidateId === candidate.candidateId);
  const numbers = own.length === 0 ? [] : questionNumbers(facts);
  const reports: IncidentReport[] = own.map((i) => {
    const position = i.challengeId === null ? undefined : positionOf.get(i.challengeId);
    const questionNumber = position === undefined ? i.questionNumber ?? undefined : numbers[position];
    return questionNumber === undefined ? { category: i.category } : { category: i.category, questionNumber };
  });
  const { challenges: scoringChallenges } = applyFinalisationRules({ challenges: facts, abortReason: test.abortReason, incidents: reports });
  const input: ScoringInput = {
    maxLevel: document.session.maxLevel,
    competences: generated.competences,
    challenges: scoringChallenges,
    abortReason: test.abortReason,
    fraud: false,
  };
  const result = scoreCertification(input);
  return ok({ candidate, test, result, matchesCentre: sameCanonicalJson(result, test.result) });
}
