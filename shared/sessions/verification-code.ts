import { VERIFICATION_CODE_ALPHABET, VERIFICATION_CODE_LENGTH, VERIFICATION_CODE_PREFIX } from '../certification/constants';
import { secureRandomInt, type RandomInt } from './random';

/**
 * R-SESS-7 — `P-` + 8 distinct characters of 2346789BCDFGHJKMPQRTVWXY (a partial Fisher–Yates draw).
 * Uniqueness across certifications is the store's job: draw again while `isTaken` says so.
 */
export function generateVerificationCode(random: RandomInt = secureRandomInt, isTaken: (code: string) => boolean = () => false): string {
  for (;;) {
    const pool = VERIFICATION_CODE_ALPHABET.split('');
    let code = VERIFICATION_CODE_PREFIX;
    for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) {
      const j = i + random(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      code += pool[i];
    }
    if (!isTaken(code)) return code;
  }
}

/** R-SESS-7 — whether `code` is well formed (prefix, length, alphabet, distinct characters). */
export function isVerificationCode(code: string): boolean {
  if (!code.startsWith(VERIFICATION_CODE_PREFIX)) return false;
  const body = code.slice(VERIFICATION_CODE_PREFIX.length);
  if (body.length !== VERIFICATION_CODE_LENGTH) return false;
  if (![...body].every((c) => VERIFICATION_CODE_ALPHABET.includes(c))) return false;
  return new Set(body).size === VERIFICATION_CODE_LENGTH;
}
