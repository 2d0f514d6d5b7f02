import { VERIFICATION_CODE_ALPHABET } from '../certification/constants';
import { drawCharacters, secureRandomInt, type RandomInt } from './random';

/** Length of the invigilator password (R-SESS-1): 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L, 5/S). */
export const INVIGILATOR_PASSWORD_LENGTH = 8;

/** R-SESS-1 — the session's invigilator password, read aloud or copied from the printed sheet. */
export function generateInvigilatorPassword(random: RandomInt = secureRandomInt): string {
  return drawCharacters(VERIFICATION_CODE_ALPHABET, INVIGILATOR_PASSWORD_LENGTH, random);
}
