import crypto from 'node:crypto';

/**
 * kiosk-lockdown.md §2 — the technician's exit: an admin code set at pairing, kept in the kiosk's config file
 * as a scrypt hash `scrypt$N$r$p$<salt base64>$<hash base64>` (never the code). Verification is pure and in
 * constant time; repeated failures lock the exit for a while (a pupil cannot try codes at leisure).
 */
export const ADMIN_CODE_HASH_PATTERN = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]{22,}={0,2})\$([A-Za-z0-9+/]{43}=)$/;
export interface ScryptCost { N: number; r: number; p: number }
export const SCRYPT_DEFAULTS: ScryptCost = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** The most scrypt may use: N=2^17, r=8 at most (128 MB); the config schema refuses more. */
export const SCRYPT_MAX_COST = 131072;
const MAX_MEMORY = 256 * 1024 * 1024;

/** For the pairing tool and the provisioning scripts: the hash to write into the config file. */
export function hashAdminCode(code: string, salt: Buffer = crypto.randomBytes(16), cost: ScryptCost = SCRYPT_DEFAULTS): string {
  const hash = crypto.scryptSync(code.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyAdminCode(code: string, stored: string): boolean {
  const m = ADMIN_CODE_HASH_PATTERN.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N > SCRYPT_MAX_COST || r > 16 || p > 4 || (N & (N - 1)) !== 0 || N < 2) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  const actual = crypto.scryptSync(code.normalize('NFC'), Buffer.from(m[4]!, 'base64'), KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY });
  return crypto.timingSafeEqual(actual, expected);
}

/** Failures before the exit locks, and for how long. */
export const MAX_ADMIN_FAILURES = 5;
export const ADMIN_LOCK_MS = 5 * 60 * 1000;

export interface AdminAttempts { failures: number; lockedUntilMs: number | null }
export const NO_ATTEMPTS: AdminAttempts = { failures: 0, lockedUntilMs: null };

export type AdminAttemptOutcome =
  | { kind: 'accepted'; next: AdminAttempts }
  | { kind: 'refused'; next: AdminAttempts; message: string; remainingAttempts: number }
  | { kind: 'locked'; next: AdminAttempts; message: string; lockedMinutes: number };

/** One try of the admin code at `nowMs`, given the previous tries; `check` runs only when not locked. */
export function adminAttempt(previous: AdminAttempts, nowMs: number, check: () => boolean): AdminAttemptOutcome {
  if (previous.lockedUntilMs !== null && nowMs < previous.lockedUntilMs) {
    const minutes = Math.ceil((previous.lockedUntilMs - nowMs) / 60_000);
    return { kind: 'locked', next: previous, message: `Trop d’essais : sortie technicien bloquée encore ${minutes} min.`, lockedMinutes: minutes };
  }
  const fresh = previous.lockedUntilMs !== null ? NO_ATTEMPTS : previous;
  if (check()) return { kind: 'accepted', next: NO_ATTEMPTS };
  const failures = fresh.failures + 1;
  if (failures >= MAX_ADMIN_FAILURES) {
    return { kind: 'locked', next: { failures, lockedUntilMs: nowMs + ADMIN_LOCK_MS }, message: `Trop d’essais : sortie technicien bloquée ${ADMIN_LOCK_MS / 60_000} min.`, lockedMinutes: ADMIN_LOCK_MS / 60_000 };
  }
  const remainingAttempts = MAX_ADMIN_FAILURES - failures;
  return { kind: 'refused', next: { failures, lockedUntilMs: null }, message: `Code administrateur incorrect (${remainingAttempts} essai(s) restant(s)).`, remainingAttempts };
}
