import { MAX_EXTRA_TIME_PERCENT_EXCLUSIVE } from '../../../shared/certification/constants';

/** R-SESS-3 — the extra time typed (a whole number of percent, 0 to 999, « 30 % » accepted), or null. Pure. */
export function readExtraTime(typed: string): number | null {
  const text = typed.replace(/\s*%\s*$/, '').trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const percent = Number(text);
  return percent < MAX_EXTRA_TIME_PERCENT_EXCLUSIVE ? percent : null;
}
