import { z } from 'zod';
import { AnswerStatus, ChallengeType } from './challenge';
import { CompetenceCode, MaxLevel } from './common';
import { CompetenceEstimate } from './profile-package';

/** R-SCORE-1 — one challenge of the test as scoring sees it. `status: null` = unanswered. */
export const ScoringChallenge = z.object({
  id: z.string().min(1),
  competence: CompetenceCode,
  type: ChallengeType,
  neutralized: z.boolean(),
  autoSkipped: z.boolean(),
  status: AnswerStatus.nullable(),
}).strict();
export type ScoringChallenge = z.infer<typeof ScoringChallenge>;

export const AbortReason = z.enum(['candidate', 'technical']);
export type AbortReason = z.infer<typeof AbortReason>;

/** `passation score` input (README, "Scoring input and output"). */
export const ScoringInput = z.object({
  maxLevel: MaxLevel,
  /** The frozen, certifiable competences (R-PROF-4). */
  competences: z.array(CompetenceEstimate),
  challenges: z.array(ScoringChallenge),
  abortReason: AbortReason.nullable(),
  fraud: z.boolean(),
  /** R-SCORE-8 — the authority cancelled this certification (optional, false when absent). */
  cancelledByAuthority: z.boolean().optional(),
}).strict().superRefine((input, ctx) => {
  const seen = new Set<string>();
  input.competences.forEach((c, i) => {
    if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['competences', i, 'code'], message: `compétence en double : ${c.code}` });
    seen.add(c.code);
  });
  const ids = new Set<string>();
  input.challenges.forEach((c, i) => {
    if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['challenges', i, 'id'], message: `épreuve en double : ${c.id}` });
    ids.add(c.id);
  });
});
export type ScoringInput = z.infer<typeof ScoringInput>;

export const CertificationStatus = z.enum(['validated', 'rejected', 'cancelled', 'error']);
export type CertificationStatus = z.infer<typeof CertificationStatus>;

/** R-SCORE-7 — one mark per tested competence; counts as in R-SCORE-2. Level −1 = not certified. */
export const CompetenceMark = z.object({
  code: CompetenceCode,
  level: z.number().int().min(-1),
  pix: z.number().int().min(0),
  challenges: z.number().int().min(0),
  correct: z.number().int().min(0),
  neutralized: z.number().int().min(0),
}).strict();
export type CompetenceMark = z.infer<typeof CompetenceMark>;

/** `passation score` output. `reason` is null for a validated result. */
export const ScoringResult = z.object({
  status: CertificationStatus,
  reproducibilityRate: z.number().int().min(0).max(100),
  pix: z.number().int().min(0),
  competences: z.array(CompetenceMark),
  reason: z.string().nullable(),
}).strict();
export type ScoringResult = z.infer<typeof ScoringResult>;
