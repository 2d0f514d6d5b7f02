import type { FinalisationChallenge } from '../../../shared/certification/finalisation';
import type { AnswerRecord } from './delivery-store';
import type { TestMaterial } from './test-material';

/**
 * A test's challenges as finalisation and the question numbers see them (R-INC-1, R-FIN-2): delivery order,
 * each with its stored status and time (null when unanswered) and what it shows (image, embed, file, timer, focus).
 */
export function finalisationChallenges(material: TestMaterial, answers: readonly AnswerRecord[]): FinalisationChallenge[] {
  const byChallenge = new Map(answers.map((a) => [a.challengeId, a]));
  return material.generated.challenges.map((tc, index) => {
    const challenge = material.challenges[index]!;
    const answer = byChallenge.get(tc.challengeId);
    return {
      id: tc.challengeId,
      competence: tc.competence,
      type: tc.type,
      status: answer ? answer.status : null,
      answeredAt: answer?.answeredAt ?? null,
      hasIllustration: challenge.illustration !== undefined,
      hasEmbed: challenge.embed !== undefined,
      hasAttachment: challenge.attachment !== undefined,
      timed: challenge.timer !== undefined,
      focused: challenge.focused === true,
    };
  });
}
