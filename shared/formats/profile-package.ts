import { z } from 'zod';
import { CompetenceCode, Id, IsoDate } from './common';

export const PROFILE_PACKAGE_FORMAT = 'passation/profile-package';
export const PROFILE_PACKAGE_FORMAT_VERSION = 1;

/** R-PROF-1 — a knowledge element. `challengeId` is required for direct elements. */
export const KnowledgeElement = z.object({
  skillId: Id,
  competence: CompetenceCode,
  status: z.enum(['validated', 'invalidated']),
  source: z.enum(['direct', 'inferred']),
  challengeId: Id.optional(),
  earnedPix: z.number().min(0).max(8),
  createdAt: z.string().datetime({ offset: true }),
}).strict().refine((ke) => ke.source !== 'direct' || ke.challengeId !== undefined, { message: 'un élément direct nomme son épreuve', path: ['challengeId'] });
export type KnowledgeElement = z.infer<typeof KnowledgeElement>;

/** One pupil's profile as the authority publishes it. */
export const PupilProfile = z.object({
  /** The pupil's national or school identifier, as in the roster's external id. */
  pupilId: z.string().min(1).max(64),
  lastName: z.string().min(1).max(120),
  firstName: z.string().min(1).max(120),
  birthDate: IsoDate,
  knowledgeElements: z.array(KnowledgeElement),
  /** Challenges the pupil already answered outside the knowledge elements (R-GEN-2 prefers others). */
  answeredChallengeIds: z.array(Id).optional(),
}).strict();
export type PupilProfile = z.infer<typeof PupilProfile>;

/** The profile package (signed by the authority, architecture §2). */
export const ProfilePackage = z.object({
  format: z.literal(PROFILE_PACKAGE_FORMAT),
  formatVersion: z.literal(PROFILE_PACKAGE_FORMAT_VERSION),
  id: Id,
  /** The content package these profiles were computed against. */
  contentId: Id,
  generatedAt: z.string().datetime({ offset: true }),
  profiles: z.array(PupilProfile),
}).strict().superRefine((pkg, ctx) => {
  const seen = new Set<string>();
  pkg.profiles.forEach((p, i) => {
    if (seen.has(p.pupilId)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'pupilId'], message: `élève en double : ${p.pupilId}` });
    seen.add(p.pupilId);
  });
});
export type ProfilePackage = z.infer<typeof ProfilePackage>;

/** R-PROF-2 — one competence of a placement profile (uncapped). */
export const CompetenceEstimate = z.object({
  code: CompetenceCode,
  estimatedLevel: z.number().int().min(0),
  pixScore: z.number().int().min(0),
}).strict();
export type CompetenceEstimate = z.infer<typeof CompetenceEstimate>;
