import { z } from 'zod';
import { DEFAULT_MAX_LEVEL, EARLIEST_BIRTH_DATE, MAX_EXTRA_TIME_PERCENT_EXCLUSIVE } from '../certification/constants';
import { normaliseName } from '../sessions/names';
import { IsoDate, Locale, MaxLevel } from './common';
import { freeText, safeName } from './safe-text';

/** A required text typed by a person (a name, a place, a room), trimmed, at most `max` characters; forbidden characters refused (safe-text.ts). */
const requiredText = (max: number) => safeName().trim().min(1, 'champ obligatoire').max(max, `${max} caractères au plus`);

/** A start time `HH:MM` on the 24-hour clock. */
export const StartTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM (de 00:00 à 23:59)');

/** R-SESS-1 — status of a session, in the order it goes through. */
export const SESSION_STATUSES = ['created', 'finalised', 'sent', 'resultsReceived'] as const;
export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

const sessionFields = {
  centre: requiredText(200),
  siteAddress: requiredText(300),
  room: requiredText(100),
  date: IsoDate,
  startTime: StartTime,
  invigilatorName: requiredText(200),
  description: freeText(2000).optional(),
  maxLevel: MaxLevel,
  locale: Locale,
};

/**
 * R-SESS-1 — what the centre manager types to create or edit a session. The number, access code,
 * invigilator password and status are never typed: the store assigns them.
 */
export const SessionInput = z.object({
  ...sessionFields,
  maxLevel: MaxLevel.default(DEFAULT_MAX_LEVEL),
  locale: Locale.default('fr'),
}).strict();
/** What a caller may send (maxLevel and locale may be left out). */
export type SessionInput = z.input<typeof SessionInput>;
/** After parsing: defaults filled in, texts trimmed. */
export type SessionFields = z.output<typeof SessionInput>;

/** R-SESS-1 — a session as stored. The invigilator password is never part of it (only its hash is kept). */
export const Session = z.object({
  id: z.number().int().positive(),
  /** What candidates type at check-in (R-SESS-4); assigned by the store, never reused. */
  number: z.number().int().positive(),
  ...sessionFields,
  accessCode: z.string(),
  status: SessionStatus,
  createdAt: z.string().datetime({ offset: true }),
}).strict();
export type Session = z.infer<typeof Session>;

/** A name that can be compared at check-in: at least one letter or digit once normalised (R-SESS-4). */
const personName = requiredText(120).refine((s) => normaliseName(s) !== '', 'doit contenir au moins une lettre');

/** R-SESS-3 — an INSEE commune code: 5 digits, or 2A/2B + 3 digits for Corsica. */
export const InseeCode = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'code INSEE attendu : 5 chiffres (2A… ou 2B… pour la Corse)');
export const PostalCode = z.string().regex(/^\d{5}$/, 'code postal attendu : 5 chiffres');

/** R-SESS-3 — birthplace: INSEE code, or postal code + city, or a foreign city + country. */
export const Birthplace = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('insee'), code: InseeCode }).strict(),
  z.object({ kind: z.literal('postal'), postalCode: PostalCode, city: requiredText(120) }).strict(),
  z.object({
    kind: z.literal('foreign'),
    city: requiredText(120),
    country: requiredText(120).refine((c) => normaliseName(c) !== 'FRANCE', 'pour une naissance en France, donnez le code INSEE ou le code postal'),
  }).strict(),
]);
export type Birthplace = z.infer<typeof Birthplace>;

/** Today as `AAAA-MM-JJ` in local time (the centre's calendar day). */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** R-SESS-3 — a birth date strictly after 1900-01-01 and not in the future. */
export const BirthDate = IsoDate
  .refine((d) => d > EARLIEST_BIRTH_DATE, `la date de naissance doit être postérieure au ${EARLIEST_BIRTH_DATE.split('-').reverse().join('/')}`)
  .refine((d) => d <= localToday(), 'la date de naissance est dans le futur');

/** R-SESS-3 — extra time in percent, 0 ≤ x < 1000 (decimals allowed). */
export const ExtraTimePercent = z.number()
  .min(0, 'le temps majoré ne peut pas être négatif')
  .lt(MAX_EXTRA_TIME_PERCENT_EXCLUSIVE, `le temps majoré doit être inférieur à ${MAX_EXTRA_TIME_PERCENT_EXCLUSIVE} %`);

/** R-SESS-3 — the sex as the authority records it. */
export const Sex = z.enum(['M', 'F'], 'sexe attendu : M ou F');

const candidateFields = {
  lastName: personName,
  firstName: personName,
  sex: Sex,
  birthDate: BirthDate,
  birthplace: Birthplace,
  /** The school's pupil id (INE or local id); matches `pupilId` of the profile package. */
  externalId: requiredText(64).optional(),
  /** Where the results are sent. */
  email: z.string().trim().max(254).pipe(z.email('adresse e-mail invalide')).optional(),
  extraTimePercent: ExtraTimePercent,
  accessibilityAdjustment: z.boolean(),
};

/** R-SESS-3 — a candidate as typed in the console or read from a roster. */
export const CandidateInput = z.object({
  ...candidateFields,
  extraTimePercent: ExtraTimePercent.default(0),
  accessibilityAdjustment: z.boolean().default(false),
}).strict();
export type CandidateInput = z.input<typeof CandidateInput>;
export type CandidateFields = z.output<typeof CandidateInput>;

/** R-SESS-3 — a candidate as stored. */
export const Candidate = z.object({
  id: z.number().int().positive(),
  sessionId: z.number().int().positive(),
  ...candidateFields,
  birthDate: IsoDate,
  createdAt: z.string().datetime({ offset: true }),
}).strict();
export type Candidate = z.infer<typeof Candidate>;

/** R-SESS-4 — what a candidate types on the kiosk before the access code. */
export const CheckInQuery = z.object({
  sessionNumber: z.number().int().positive(),
  lastName: z.string().max(200),
  firstName: z.string().max(200),
  birthDate: IsoDate,
}).strict();
export type CheckInQuery = z.infer<typeof CheckInQuery>;
