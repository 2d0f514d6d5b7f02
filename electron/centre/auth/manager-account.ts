import { MIN_MANAGER_PASSWORD_LENGTH } from '../../../shared/formats/centre-api';
import { VERIFICATION_CODE_ALPHABET } from '../../../shared/certification/constants';
import { drawCharacters, secureRandomInt } from '../../../shared/sessions/random';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../sessions/password-hash';
import type { Db } from '../storage/database';

/** A generated password: 16 characters without look-alikes, about 73 bits. */
const GENERATED_LENGTH = 16;

export function hasManagerAccount(db: Db): boolean {
  return db.prepare('SELECT 1 FROM manager_account WHERE id = 1').get() !== undefined;
}

/** Constant-time; typed exactly (no case folding, unlike the invigilator password); false (after the same work) when no account exists yet. */
export function verifyManagerPassword(db: Db, plain: string): boolean {
  const stored = db.prepare<[], string>('SELECT password_hash FROM manager_account WHERE id = 1').pluck().get();
  return stored === undefined ? verifyAgainstNothing(plain) : verifyPassword(plain, stored);
}

/** Sets (or replaces) the manager's password. Returns a French reason when it is too short. */
export function setManagerPassword(db: Db, plain: string, now: Date): string | null {
  if (plain.length < MIN_MANAGER_PASSWORD_LENGTH) return `le mot de passe du responsable doit compter ${MIN_MANAGER_PASSWORD_LENGTH} caractères au moins`;
  db.prepare(`INSERT INTO manager_account (id, password_hash, updated_at) VALUES (1, ?, ?)
    ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`)
    .run(hashPassword(plain), now.toISOString());
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
