import type { CompetenceCode } from '../../../shared/formats/common';
import type { ReceiptCandidate } from '../../../shared/formats/platform-api';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/**
 * Issue 10 §1 — the results the platform sent back (its receipt: R-SCORE-6/7, R-SESS-7), as the rows of the list
 * the school keeps: one per pupil, in alphabetical order (French collation: « Élodie » with the E), the status
 * worded, pix out of 640, a level per competence (« — » when not certified), the verification code. Pure.
 */
export interface ResultRow {
  candidateId: number;
  /** « NOM Prénom », as the roster gave it (rendered as text). */
  lastName: string;
  firstName: string;
  birthDate: string;
  status: MessageKey;
  /** The platform's reason (French) when the certification is not validated. */
  reason: string | null;
  pix: number;
  levels: { code: CompetenceCode; level: number | null }[];
  verificationCode: string;
}

export const MAX_PIX = 640;

const STATUS_KEYS: Record<ReceiptCandidate['status'], MessageKey> = {
  validated: 'results.status.validated',
  rejected: 'results.status.rejected',
  cancelled: 'results.status.cancelled',
  error: 'results.status.error',
};

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function resultRows(candidates: readonly ReceiptCandidate[]): ResultRow[] {
  return [...candidates]
    .sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || a.candidateId - b.candidateId)
    .map((c) => ({
      candidateId: c.candidateId, lastName: c.lastName, firstName: c.firstName, birthDate: c.birthDate,
      status: STATUS_KEYS[c.status], reason: c.status === 'validated' ? null : c.reason, pix: c.pix, verificationCode: c.verificationCode,
      // R-SCORE-7: level −1 = the competence is not certified.
      levels: [...c.competences].sort((x, y) => collator.compare(x.code, y.code)).map((m) => ({ code: m.code, level: m.level >= 0 ? m.level : null })),
    }));
}

/** The competences any row names, in order: the legend under the list gives each one's name. */
export function competencesShown(rows: readonly ResultRow[]): CompetenceCode[] {
  const codes = new Set<CompetenceCode>();
  for (const row of rows) for (const l of row.levels) codes.add(l.code);
  return [...codes].sort((a, b) => collator.compare(a, b));
}

/** The counts at the top of the list: how many validated out of how many. */
export function resultCounts(rows: readonly ResultRow[]): { validated: number; total: number } {
  return { validated: rows.filter((r) => r.status === 'results.status.validated').length, total: rows.length };
}

/** « 14 mars 2010 » — a date (ISO `YYYY-MM-DD`) in the page's language, read as a calendar day (no time zone shift). */
export function calendarDate(iso: string, locale = 'fr'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** « 2 décembre 2026 à 10:30 » — an instant in the page's language and the station's time zone. */
export function dateTime(iso: string, locale = 'fr'): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(at);
}
