/** A centre's identifier (CN of its certificate): its UAI ("0123456A") or any code of 1 to 32 letters, digits, "-". */
export const CENTRE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;

/** Days a centre certificate lasts unless `--days` says otherwise (three school years). */
export const DEFAULT_CENTRE_DAYS = 1095;
export const MAX_CENTRE_DAYS = 3650;

/** Parses `--days`: a whole number of days in 1..max, or null. */
export function parseDays(text: string, max: number): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const days = Number(text);
  return days >= 1 && days <= max ? days : null;
}
