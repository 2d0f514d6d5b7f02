import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters (N = 2^14, r = 8, p = 1: 16 MiB, tens of milliseconds). Stored with each hash. */
const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * R-SESS-1 — the invigilator password is kept as `scrypt$N$r$p$salt$hash` (base64), never in plain text.
 * The generated password uses only upper-case letters and digits, so typing is upper-cased and trimmed first.
 */
export function hashPassword(plain: string): string {
  const salt = randomBytes(SALT_LENGTH);
  const hash = scryptSync(normalisePassword(plain), salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time comparison of `plain` against a stored `scrypt$…` value; false on any malformed value. */
export function verifyPassword(plain: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length === 0) return false;
  const actual = scryptSync(normalisePassword(plain), salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check, for unknown sessions (no timing hint that a session exists). */
export function verifyAgainstNothing(plain: string): false {
  scryptSync(normalisePassword(plain), Buffer.alloc(SALT_LENGTH), KEY_LENGTH, COST);
  return false;
}

function normalisePassword(plain: string): string {
  return plain.trim().toUpperCase();
}
