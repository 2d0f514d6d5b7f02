import { z } from 'zod';
import { AnswerFormat, ChallengeType, QcmSolution, QcuSolution, QrocSolution, QrocmDepSolution, QrocmIndSolution, Tolerances } from './challenge';
import { CompetenceCode, Id, Locale, LocalizedText } from './common';

export const CONTENT_PACKAGE_FORMAT = 'passation/content-package';
export const CONTENT_PACKAGE_FORMAT_VERSION = 1;

export const Area = z.object({ code: z.enum(['1', '2', '3', '4', '5']), title: LocalizedText }).strict();
export type Area = z.infer<typeof Area>;

/** R-REF-1 — labels are content; the code is the stable identifier. */
export const Competence = z.object({ code: CompetenceCode, area: z.enum(['1', '2', '3', '4', '5']), title: LocalizedText }).strict();
export type Competence = z.infer<typeof Competence>;

/** A tube (sujet): skills of one topic at growing difficulty. */
export const Tube = z.object({ id: Id, name: z.string().regex(/^@[A-Za-z0-9_]+$/, 'nom de sujet attendu : @nom'), competence: CompetenceCode, title: LocalizedText }).strict();
export type Tube = z.infer<typeof Tube>;

/** R-REF-4 — a skill (acquis): `@name` + difficulty digit, a version; only the latest version of a name counts. */
export const SkillStatus = z.enum(['active', 'archived', 'obsolete']);
export const Skill = z.object({
  id: Id,
  name: z.string().regex(/^@[A-Za-z0-9_]+[1-8]$/, 'nom d’acquis attendu : @nom suivi de la difficulté (1 à 8)'),
  tube: Id,
  competence: CompetenceCode,
  difficulty: z.number().int().min(1).max(8),
  version: z.number().int().min(1),
  status: SkillStatus,
}).strict().refine((s) => s.name.endsWith(String(s.difficulty)), { message: 'le nom de l’acquis doit finir par sa difficulté', path: ['name'] });
export type Skill = z.infer<typeof Skill>;

/** R-GEN-4 — usable challenges are validated or archived. */
export const ChallengeStatus = z.enum(['proposed', 'validated', 'archived', 'obsolete']);
export type ChallengeStatus = z.infer<typeof ChallengeStatus>;

export const Illustration = z.object({ asset: Id, alt: z.string().min(1, 'texte alternatif obligatoire') }).strict();
/** R-CHAL-1 — one file, possibly in several equivalent formats. */
export const Attachment = z.object({ assets: z.array(Id).min(1) }).strict();
export const Embed = z.object({
  url: z.string().url().refine((u) => u.startsWith('https://'), 'l’intégration doit être en https'),
  title: z.string().min(1),
  height: z.number().int().min(50).max(2000),
}).strict();

const challengeFields = {
  id: Id,
  skill: Id,
  status: ChallengeStatus,
  locales: z.array(Locale).min(1),
  /** Markdown. */
  instruction: z.string().min(1),
  /** R-CHAL-1 — text alternative of the instruction, for accessibility. */
  alternativeInstruction: z.string().min(1).optional(),
  /** R-CHAL-2 — one option per line (QCU/QCM), or text with `${key}` blocks (QROC/QROCM). */
  proposals: z.string().min(1),
  format: AnswerFormat,
  tolerances: Tolerances.optional(),
  illustration: Illustration.optional(),
  attachment: Attachment.optional(),
  embed: Embed.optional(),
  /** Seconds. */
  timer: z.number().int().min(5).max(3600).optional(),
  focused: z.boolean().optional(),
};

/** R-CHAL-1 — a challenge with its solution (solutions never leave the centre, R-CHAL-3). */
export const Challenge = z.discriminatedUnion('type', [
  z.object({ ...challengeFields, type: z.literal('QCU'), solution: QcuSolution }).strict(),
  z.object({ ...challengeFields, type: z.literal('QCM'), solution: QcmSolution }).strict(),
  z.object({ ...challengeFields, type: z.literal('QROC'), solution: QrocSolution }).strict(),
  z.object({ ...challengeFields, type: z.literal('QROCM-ind'), solution: QrocmIndSolution }).strict(),
  z.object({ ...challengeFields, type: z.literal('QROCM-dep'), solution: QrocmDepSolution }).strict(),
]);
export type Challenge = z.infer<typeof Challenge>;
export type { ChallengeType };

/** An asset (illustration or attachment) carried inside the package, base64-encoded. */
export const Asset = z.object({
  id: Id,
  fileName: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, 'nom de fichier invalide'),
  mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'type MIME invalide'),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'contenu base64 invalide'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue (64 caractères hexadécimaux)'),
}).strict();
export type Asset = z.infer<typeof Asset>;

/** The content package: referential + challenges + assets, signed by the authority (architecture §2). */
export const ContentPackage = z.object({
  format: z.literal(CONTENT_PACKAGE_FORMAT),
  formatVersion: z.literal(CONTENT_PACKAGE_FORMAT_VERSION),
  id: Id,
  version: z.string().min(1),
  publishedAt: z.string().datetime({ offset: true }),
  locales: z.array(Locale).min(1),
  areas: z.array(Area),
  competences: z.array(Competence),
  tubes: z.array(Tube),
  skills: z.array(Skill),
  challenges: z.array(Challenge),
  assets: z.array(Asset),
}).strict().superRefine((pkg, ctx) => {
  // Cross-references: every id named exists, and is unique.
  const unique = (items: { id: string }[], key: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `identifiant en double : ${item.id}` });
      seen.add(item.id);
    });
    return seen;
  };
  const tubes = new Map(pkg.tubes.map((t) => [t.id, t]));
  unique(pkg.tubes, 'tubes');
  const skills = unique(pkg.skills, 'skills');
  unique(pkg.challenges, 'challenges');
  const assets = unique(pkg.assets, 'assets');
  const competences = new Set(pkg.competences.map((c) => c.code));
  pkg.competences.forEach((c, i) => {
    if (!pkg.areas.some((a) => a.code === c.area)) ctx.addIssue({ code: 'custom', path: ['competences', i, 'area'], message: `domaine inconnu : ${c.area}` });
  });
  pkg.tubes.forEach((t, i) => {
    if (!competences.has(t.competence)) ctx.addIssue({ code: 'custom', path: ['tubes', i, 'competence'], message: `compétence inconnue : ${t.competence}` });
  });
  pkg.skills.forEach((s, i) => {
    const tube = tubes.get(s.tube);
    if (!tube) ctx.addIssue({ code: 'custom', path: ['skills', i, 'tube'], message: `sujet inconnu : ${s.tube}` });
    else if (tube.competence !== s.competence) ctx.addIssue({ code: 'custom', path: ['skills', i, 'competence'], message: `l’acquis est en ${s.competence} mais son sujet en ${tube.competence}` });
  });
  pkg.challenges.forEach((c, i) => {
    if (!skills.has(c.skill)) ctx.addIssue({ code: 'custom', path: ['challenges', i, 'skill'], message: `acquis inconnu : ${c.skill}` });
    if (c.illustration && !assets.has(c.illustration.asset)) ctx.addIssue({ code: 'custom', path: ['challenges', i, 'illustration', 'asset'], message: `ressource inconnue : ${c.illustration.asset}` });
    c.attachment?.assets.forEach((a, j) => {
      if (!assets.has(a)) ctx.addIssue({ code: 'custom', path: ['challenges', i, 'attachment', 'assets', j], message: `ressource inconnue : ${a}` });
    });
    c.locales.forEach((l, j) => {
      if (!pkg.locales.includes(l)) ctx.addIssue({ code: 'custom', path: ['challenges', i, 'locales', j], message: `langue absente du paquet : ${l}` });
    });
  });
});
export type ContentPackage = z.infer<typeof ContentPackage>;
