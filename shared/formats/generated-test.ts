import { z } from 'zod';
import { ChallengeType } from './challenge';
import { CompetenceCode, Id, Locale } from './common';
import { CompetenceEstimate } from './profile-package';

export const GENERATED_TEST_FORMAT = 'passation/test';
export const GENERATED_TEST_FORMAT_VERSION = 1;

/** One challenge of a generated test, in delivery order (R-GEN-5). */
export const TestChallenge = z.object({
  challengeId: Id,
  skillId: Id,
  skillName: z.string(),
  tubeId: Id,
  competence: CompetenceCode,
  difficulty: z.number().int().min(1).max(8),
  type: ChallengeType,
}).strict();
export type TestChallenge = z.infer<typeof TestChallenge>;

/** R-GEN-4 — a generated test with the seed and the inputs' identities, so anyone can draw it again. */
export const GeneratedTest = z.object({
  format: z.literal(GENERATED_TEST_FORMAT),
  formatVersion: z.literal(GENERATED_TEST_FORMAT_VERSION),
  contentId: Id,
  contentVersion: z.string(),
  locale: Locale,
  seed: z.number().int().min(0).max(0xffffffff),
  /** R-PROF-4 — the frozen certifiable competences the test was drawn for. */
  competences: z.array(CompetenceEstimate),
  challenges: z.array(TestChallenge),
}).strict();
export type GeneratedTest = z.infer<typeof GeneratedTest>;
