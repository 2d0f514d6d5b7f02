import { ACCESS_CODE_DIGITS, ACCESS_CODE_LETTERS } from '../certification/constants';
import { drawCharacters, secureRandomInt, type RandomInt } from './random';

const ACCESS_CODE_PATTERN = new RegExp(`^[${ACCESS_CODE_LETTERS}]{4}[${ACCESS_CODE_DIGITS}]{2}$`);

/** R-SESS-2 — 4 letters from BCDFGHJKMPQRTVWXY then 2 digits from 2346789, e.g. `BCDF23`. */
export function generateAccessCode(random: RandomInt = secureRandomInt): string {
  return drawCharacters(ACCESS_CODE_LETTERS, 4, random) + drawCharacters(ACCESS_CODE_DIGITS, 2, random);
}

/** R-SESS-4 — the candidate's typing is upper-cased and trimmed before comparison. */
export function normaliseAccessCode(typed: string): string {
  return typed.trim().toUpperCase();
}

/** R-SESS-2 — whether `code` has the access code's shape. */
export function isAccessCode(code: string): boolean {
  return ACCESS_CODE_PATTERN.test(code);
}
