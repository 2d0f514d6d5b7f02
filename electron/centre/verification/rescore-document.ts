import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { applyFinalisationRules, questionNumbers, type FinalisationChallenge, type IncidentReport } from '../../../shared/certification/finalisation';
import { generateTest } from '../../../shared/certification/generation';
import { indexContent } from '../../../shared/certification/referential';
import { scoreCertification } from '../../../shared/certification/scoring';
import { judgeAnswer, validateAnswer } from '../../../shared/certification/validation';
import type { Challenge, ContentPackage } from '../../../shared/formats/content-package';
import type { GeneratedTest } from '../../../shared/formats/generated-test';
import { drawInputs, drawnChallengeIds, type AnyResultsCandidate, type AnyResultsDocument, type AnyResultsTest } from '../../../shared/formats/results';
import type { CertificationStatus, ScoringInput, ScoringResult } from '../../../shared/formats/scoring';

/** One line of `passation rescore`'s output: a candidate's result recomputed from the raw answers. */
export interface RescoredCandidate {
  candidateId: number;
  lastName: string;
  firstName: string;
  /** Null for a candidate who never started (no result). */
  verificationCode: string | null;
  status: CertificationStatus | null;
  pix: number | null;
  /** Level per tested competence (−1: not certified). */
  levels: Record<string, number>;
}

export interface Rescoring {
  candidates: RescoredCandidate[];
  /** Where the recomputation differs from the document, in French; empty when it agrees. */
  disagreements: string[];
}

/**
 * Issue 9 §4 — recomputes every candidate's result from the raw answers of the results document with the given
 * content package, as the centre does, with the same shared functions: the test drawn again from the frozen
 * profile and its seed (R-GEN-4); each answer validated and judged again (R-VAL, answer-writer.ts); the
 * finalisation rules applied to the recomputed statuses and the incidents (R-FIN-2, R-INC-1, results-document.ts);
 * then the score (section 5). Trusts none of the statuses, effects or results the document carries: it compares
 * them with what it found. Both formats: 3 names the drawn challenges by their ids and carries no statuses nor
 * scoring input (the effects and the result are compared); 2 carries the whole drawn test, each answer's validation
 * and status, and the scoring input, all compared too.
 */
export function rescoreDocument(document: AnyResultsDocument, content: ContentPackage): Rescoring {
  const disagreements: string[] = [];
  if (content.id !== document.content.packageId || content.version !== document.content.version) {
    disagreements.push(`paquet de contenu ${content.id} ${content.version}, la session a utilisé ${document.content.packageId} ${document.content.version}`);
  }
  const index = indexContent(content);
  const challengeById = new Map(content.challenges.map((c) => [c.id, c]));
  const candidates = document.candidates.map((candidate): RescoredCandidate => {
    const base = { candidateId: candidate.candidateId, lastName: candidate.lastName, firstName: candidate.firstName };
    if (candidate.test === null) return { ...base, verificationCode: null, status: null, pix: null, levels: {} };
    const who = `candidat ${candidate.candidateId} (${candidate.lastName} ${candidate.firstName})`;
    const found = rescoreTest(document, candidate, candidate.test, index, challengeById);
    disagreements.push(...found.disagreements.map((d) => `${who} : ${d}`));
    return {
      ...base, verificationCode: candidate.test.verificationCode, status: found.result?.status ?? null, pix: found.result?.pix ?? null,
      levels: Object.fromEntries((found.result?.competences ?? []).map((m) => [m.code, m.level])),
    };
  });
  return { candidates, disagreements };
}

function rescoreTest(
  document: AnyResultsDocument, candidate: AnyResultsCandidate, test: AnyResultsTest,
  index: ReturnType<typeof indexContent>, challengeById: ReadonlyMap<string, Challenge>,
): { result: ScoringResult | null; disagreements: string[] } {
  const disagreements: string[] = [];
  const inputs = drawInputs(test);
  // Without a redrawn test, the document's own (format 2), or its ids (format 3: competences of the content's challenges).
  let generated: Pick<GeneratedTest, 'challenges' | 'competences'> | null = 'generatedTest' in test ? test.generatedTest : null;
  try {
    const drawn = generateTest(index, test.frozenProfile, { seed: inputs.seed, locale: inputs.locale });
    const same = 'generatedTest' in test
      ? canonicalJson(drawn) === canonicalJson(test.generatedTest)
      : drawn.contentId === inputs.contentId && drawn.contentVersion === inputs.contentVersion
        && canonicalJson(drawn.challenges.map((c) => c.challengeId)) === canonicalJson(drawnChallengeIds(test));
    if (!same) disagreements.push('le test tiré à nouveau (profil figé, même graine) diffère de celui du document (R-GEN-4)');
    generated = drawn;
  } catch (error) {
    disagreements.push(`le test ne peut pas être tiré à nouveau avec ce contenu (${(error as Error).message})`);
  }
  if (generated === null) return { result: null, disagreements };

  const answers = new Map(test.answers.map((a) => [a.challengeId, a]));
  const challenges: FinalisationChallenge[] = [];
  for (const tc of generated.challenges) {
    const challenge = challengeById.get(tc.challengeId);
    if (challenge === undefined) {
      disagreements.push(`épreuve ${tc.challengeId} absente du paquet de contenu`);
      return { result: null, disagreements };
    }
    const answer = answers.get(tc.challengeId);
    let status: FinalisationChallenge['status'] = null;
    if (answer !== undefined) {
      const validation = validateAnswer(challenge, answer.answer);
      status = judgeAnswer({
        validation: validation.status,
        timedOut: challenge.timer !== undefined && answer.timedOut,
        focusLost: answer.focusLost,
        focusedChallenge: challenge.focused === true,
        accessibilityAdjustment: candidate.accessibilityAdjustment,
      });
      if ('validation' in answer && (validation.status !== answer.validation || status !== answer.status)) {
        disagreements.push(`réponse à ${tc.challengeId} : « ${validation.status} » / « ${status} » recalculés, « ${answer.validation} » / « ${answer.status} » dans le document`);
      }
    }
    challenges.push({
      id: tc.challengeId, competence: tc.competence, type: tc.type, status, answeredAt: answer?.answeredAt ?? null,
      hasIllustration: challenge.illustration !== undefined, hasEmbed: challenge.embed !== undefined,
      hasAttachment: challenge.attachment !== undefined, timed: challenge.timer !== undefined, focused: challenge.focused === true,
    });
  }
  for (const answer of test.answers) {
    if (!generated.challenges.some((c) => c.challengeId === answer.challengeId)) disagreements.push(`réponse à ${answer.challengeId}, épreuve hors du test tiré`);
  }

  // As results-document.ts: the incident acts on the challenge it points at, numbered as finalisation numbers it.
  const numbers = questionNumbers(challenges);
  const positionOf = new Map(challenges.map((c, i) => [c.id, i]));
  const reports: IncidentReport[] = document.incidents.filter((i) => i.candidateId === candidate.candidateId).map((i) => {
    const at = i.challengeId === null ? undefined : positionOf.get(i.challengeId);
    const questionNumber = at === undefined ? i.questionNumber ?? undefined : numbers[at];
    return questionNumber === undefined ? { category: i.category } : { category: i.category, questionNumber };
  });
  const { challenges: scoringChallenges, effects } = applyFinalisationRules({ challenges, abortReason: test.abortReason, incidents: reports });
  const input: ScoringInput = {
    maxLevel: document.session.maxLevel, competences: generated.competences, challenges: scoringChallenges,
    abortReason: test.abortReason, fraud: false,
  };
  const result = scoreCertification(input);
  if (canonicalJson(effects) !== canonicalJson(test.effects)) disagreements.push('effets de la finalisation différents de ceux du document (R-FIN-2, R-INC-1)');
  if ('scoringInput' in test && canonicalJson(input) !== canonicalJson(test.scoringInput)) disagreements.push('entrée du score différente de celle du document');
  if (canonicalJson(result) !== canonicalJson(test.result)) {
    disagreements.push(`résultat recalculé ${result.status}, ${result.pix} pix, taux ${result.reproducibilityRate} % ; le document dit ${test.result.status}, ${test.result.pix} pix, taux ${test.result.reproducibilityRate} %`);
  }
  return { result, disagreements };
}
