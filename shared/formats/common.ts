import { z } from 'zod';

/** R-REF-1 — competence codes `1.1` … `5.2`. */
export const COMPETENCE_CODES = [
  '1.1', '1.2', '1.3',
  '2.1', '2.2', '2.3', '2.4',
  '3.1', '3.2', '3.3', '3.4',
  '4.1', '4.2', '4.3',
  '5.1', '5.2',
] as const;
export const CompetenceCode = z.enum(COMPETENCE_CODES);
export type CompetenceCode = z.infer<typeof CompetenceCode>;

/** Locales the application knows. French first. */
export const Locale = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A text in several locales; French is always present. */
export const LocalizedText = z.object({ fr: z.string().min(1), en: z.string().min(1).optional() }).strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

/** An identifier: letters, digits, `_`, `-`, `.`, `@`. */
export const ID_PATTERN = /^[A-Za-z0-9_.@-]{1,120}$/;
export const Id = z.string().regex(ID_PATTERN, 'identifiant invalide (lettres, chiffres, _ - . @)');

/** A calendar date `AAAA-MM-JJ` that exists. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/**
 * `AAAA-MM-JJ` names a day of the (proleptic Gregorian) calendar: no 2026-02-30, 29 February only in a leap year.
 * Counted rather than asked of `Date` (a Date built and written back for every date of a results document was ≈ 1.4 %
 * of the platform's receiving); common.test.ts checks it agrees with `Date` on every date of the pattern.
 */
export function isExistingIsoDate(s: string): boolean {
  if (!ISO_DATE_PATTERN.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}
export const IsoDate = z.string().regex(ISO_DATE_PATTERN, 'date attendue au format AAAA-MM-JJ').refine(isExistingIsoDate, 'date inexistante');

/** R-REF-3 — a session's cap. */
export const MaxLevel = z.number().int().min(1).max(8);
