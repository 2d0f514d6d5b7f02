import { z } from 'zod';

/** R-CHAL-1 — the five challenge types. */
export const ChallengeType = z.enum(['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep']);
export type ChallengeType = z.infer<typeof ChallengeType>;

/** R-CHAL-1 — the answer field's format. */
export const AnswerFormat = z.enum(['nombre', 'petit', 'phrase', 'paragraphe', 'mots']);
export type AnswerFormat = z.infer<typeof AnswerFormat>;

/** R-VAL-2 — tolerances, each switchable, all on when absent. */
export const Tolerances = z.object({ t1: z.boolean().optional(), t2: z.boolean().optional(), t3: z.boolean().optional() }).strict();
export type Tolerances = z.infer<typeof Tolerances>;

const Variants = z.array(z.string()).min(1, 'au moins une variante');

/** Solutions as stored in the content package and given to `passation validate` (README, "Challenge and answer"). */
export const QcuSolution = z.object({ choice: z.string().min(1) }).strict();
export const QcmSolution = z.object({ choices: z.array(z.string().min(1)).min(1) }).strict();
export const QrocSolution = z.object({ variants: Variants }).strict();
export const QrocmIndSolution = z.object({ fields: z.record(z.string().min(1), Variants) }).strict()
  .refine((s) => Object.keys(s.fields).length > 0, { message: 'au moins un champ', path: ['fields'] });
export const ScoringGrid = z.object({ min: z.number().int().min(0), max: z.number().int().min(1) }).strict()
  .refine((g) => g.min <= g.max, { message: 'min doit être ≤ max', path: ['min'] });
export const QrocmDepSolution = z.object({ groups: z.array(Variants).min(1), scoring: ScoringGrid.optional() }).strict();

const solutionByType = {
  QCU: QcuSolution,
  QCM: QcmSolution,
  QROC: QrocSolution,
  'QROCM-ind': QrocmIndSolution,
  'QROCM-dep': QrocmDepSolution,
} as const;

/** What validation needs to know about a challenge (a subset of the content package's challenge). */
const validationChallengeFields = {
  tolerances: Tolerances.optional(),
  format: AnswerFormat.optional(),
  /** R-CHAL-2 — when given, select blocks `${key options=[…]}` are found here and compared exactly (R-VAL-2). */
  proposals: z.string().optional(),
};

export const ValidationChallenge = z.discriminatedUnion('type', [
  z.object({ type: z.literal('QCU'), solution: QcuSolution, ...validationChallengeFields }),
  z.object({ type: z.literal('QCM'), solution: QcmSolution, ...validationChallengeFields }),
  z.object({ type: z.literal('QROC'), solution: QrocSolution, ...validationChallengeFields }),
  z.object({ type: z.literal('QROCM-ind'), solution: QrocmIndSolution, ...validationChallengeFields }),
  z.object({ type: z.literal('QROCM-dep'), solution: QrocmDepSolution, ...validationChallengeFields }),
]);
export type ValidationChallenge = z.infer<typeof ValidationChallenge>;

/** A candidate's raw answer, as the kiosk sends it (R-VAL-4: `{"skipped": true}` is "Je passe"). */
export const Answer = z.union([
  z.object({ skipped: z.literal(true) }).strict(),
  z.object({ choice: z.string().max(200) }).strict(),
  z.object({ choices: z.array(z.string().max(200)).max(50) }).strict(),
  z.object({ value: z.string().max(10_000) }).strict(),
  z.object({ values: z.record(z.string().max(100), z.string().max(10_000)) }).strict(),
]);
export type Answer = z.infer<typeof Answer>;

/** One element of `passation validate`'s input. */
export const ValidationInput = z.object({ challenge: ValidationChallenge, answer: Answer }).strict();
export type ValidationInput = z.infer<typeof ValidationInput>;

/** R-VAL-4 — what validation alone can say. */
export const ValidationStatus = z.enum(['ok', 'ko', 'partially', 'aband']);
export type ValidationStatus = z.infer<typeof ValidationStatus>;

/** R-VAL-4 — every answer status. */
export const AnswerStatus = z.enum(['ok', 'ko', 'partially', 'aband', 'timedout', 'focusedOut']);
export type AnswerStatus = z.infer<typeof AnswerStatus>;

/** The solution schema of one challenge type. */
export function solutionSchemaFor(type: ChallengeType) {
  return solutionByType[type];
}
