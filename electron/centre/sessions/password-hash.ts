import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The one password hash of the station (manager and invigilator passwords, R-SESS-1): scrypt, kept as
 * `scrypt$N$r$p$salt$hash` (base64) with its cost, never the password. Hashes and compares the text it is given,
 * exactly: a caller that folds case (the invigilator password) does it before.
 */

/** scrypt cost for new hashes (N = 2^14, r = 8, p = 1: 16 MiB, tens of milliseconds). Stored with each hash. */
const COST = { N: 16384, r: 8, p: 1 };
/** Above Node's 32 MiB default, so that a stored cost up to the bounds below can be recomputed. */
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** What a stored hash may ask for: a cost beyond these (or a forged one) is malformed, never computed. */
const BOUNDS = { maxLogN: 20, maxR: 32, maxP: 16, minBytes: 16, maxBytes: 64 };
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INTEGER = /^[1-9][0-9]{0,9}$/;

/** A stored hash, parsed once: its cost, salt and derived key. */
export interface PasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

export function hashPassword(plain: string): string {
  const salt = randomBytes(SALT_LENGTH);
  const key = scryptSync(plain, salt, KEY_LENGTH, { ...COST, maxmem: MAX_MEMORY });
  return formatPasswordHash({ ...COST, salt, key });
}

export function formatPasswordHash(hash: PasswordHash): string {
  return ['scrypt', hash.N, hash.r, hash.p, hash.salt.toString('base64'), hash.key.toString('base64')].join('$');
}

/** The stored value's parts, or null when it is not a well-formed `scrypt$…` hash within the bounds. */
export function parsePasswordHash(stored: string): PasswordHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  if (!INTEGER.test(n) || !INTEGER.test(r) || !INTEGER.test(p)) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = cost.N >= 2 && (cost.N & (cost.N - 1)) === 0 && cost.N <= 2 ** BOUNDS.maxLogN;
  if (!powerOfTwo || cost.r > BOUNDS.maxR || cost.p > BOUNDS.maxP) return null;
  // scrypt needs 128·N·r bytes (and 128·r·p): beyond maxmem it would throw.
  if (128 * cost.N * cost.r > MAX_MEMORY / 2 || 128 * cost.r * cost.p > MAX_MEMORY / 2) return null;
  if (!BASE64.test(salt) || !BASE64.test(key)) return null;
  const parsed = { ...cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  const sized = (b: Buffer) => b.length >= BOUNDS.minBytes && b.length <= BOUNDS.maxBytes;
  return sized(parsed.salt) && sized(parsed.key) ? parsed : null;
}

/** Constant-time comparison of `plain` against a stored hash; false on any malformed value (never a throw). */
export function verifyPassword(plain: string, stored: string): boolean {
  const hash = parsePasswordHash(stored);
  if (!hash) return verifyAgainstNothing(plain);
  const actual = scryptSync(plain, hash.salt, hash.key.length, { N: hash.N, r: hash.r, p: hash.p, maxmem: MAX_MEMORY });
  return timingSafeEqual(actual, hash.key);
}

/** Spends the time of a real check and answers false: no timing hint that an account or a session exists. */
export function verifyAgainstNothing(plain: string): false {
  scryptSync(plain, Buffer.alloc(SALT_LENGTH), KEY_LENGTH, { ...COST, maxmem: MAX_MEMORY });
  return false;
}
