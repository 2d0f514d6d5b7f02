import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { MIN_MANAGER_PASSWORD_LENGTH } from '../../../shared/formats/centre-api';
import { VERIFICATION_CODE_ALPHABET } from '../../../shared/certification/constants';
import { drawCharacters, secureRandomInt } from '../../../shared/sessions/random';
import type { Db } from '../storage/database';

/** scrypt cost, as for invigilator passwords (N = 2^14, r = 8, p = 1: 16 MiB, tens of milliseconds); stored with each hash. */
const COST = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** A generated password: 16 characters without look-alikes, about 73 bits. */
const GENERATED_LENGTH = 16;

/** `scrypt$N$r$p$salt$hash` (base64). Unlike the invigilator password, typed exactly: no case folding. */
export function hashManagerPassword(plain: string): string {
  const salt = randomBytes(SALT_LENGTH);
  const hash = scryptSync(plain, salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

function matches(plain: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length === 0) return false;
  const actual = scryptSync(plain, Buffer.from(parts[4]!, 'base64'), expected.length, { N, r, p, maxmem: COST.maxmem });
  return timingSafeEqual(actual, expected);
}

export function hasManagerAccount(db: Db): boolean {
  return db.prepare('SELECT 1 FROM manager_account WHERE id = 1').get() !== undefined;
}

/** Constant-time; false (after the same work) when no account exists yet. */
export function verifyManagerPassword(db: Db, plain: string): boolean {
  const stored = db.prepare<[], string>('SELECT password_hash FROM manager_account WHERE id = 1').pluck().get();
  if (stored === undefined) {
    scryptSync(plain, Buffer.alloc(SALT_LENGTH), KEY_LENGTH, COST);
    return false;
  }
  return matches(plain, stored);
}

/** Sets (or replaces) the manager's password. Returns a French reason when it is too short. */
export function setManagerPassword(db: Db, plain: string, now: Date): string | null {
  if (plain.length < MIN_MANAGER_PASSWORD_LENGTH) return `le mot de passe du responsable doit compter ${MIN_MANAGER_PASSWORD_LENGTH} caractères au moins`;
  db.prepare(`INSERT INTO manager_account (id, password_hash, updated_at) VALUES (1, ?, ?)
    ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`)
    .run(hashManagerPassword(plain), now.toISOString());
  return null;
}

export type ManagerAccountSetup =
  | { created: false }
  | { created: true; generatedPassword: string | null };

/**
 * At start: when the station has no manager yet, sets the password given (headless: from
 * `PASSATION_MANAGER_PASSWORD`) or generates one, returned so that the caller prints it once.
 * An existing account is left as it is. A password given but too short is an error (thrown, French).
 */
export function ensureManagerAccount(db: Db, options: { password?: string | undefined; now: Date }): ManagerAccountSetup {
  if (hasManagerAccount(db)) return { created: false };
  const given = options.password !== undefined && options.password !== '';
  const password = given ? options.password! : drawCharacters(VERIFICATION_CODE_ALPHABET, GENERATED_LENGTH, secureRandomInt);
  const problem = setManagerPassword(db, password, options.now);
  if (problem) throw new Error(`PASSATION_MANAGER_PASSWORD : ${problem}.`);
  return { created: true, generatedPassword: given ? null : password };
}
