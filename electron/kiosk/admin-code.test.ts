import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ADMIN_LOCK_MS, adminAttempt, hashAdminCode, MAX_ADMIN_FAILURES, NO_ATTEMPTS, verifyAdminCode } from './admin-code';

const FAST = { N: 1024, r: 8, p: 1 };

describe('admin code (kiosk-lockdown §2: technician exit)', () => {
  it('hashes with scrypt exactly as openssl\'s SCRYPT KDF does', () => {
    const salt = Buffer.from('0123456789abcdef');
    const stored = hashAdminCode('4821-Tech', salt, FAST);
    const [, N, r, p, saltB64, hashB64] = stored.split('$');
    expect([N, r, p, Buffer.from(saltB64!, 'base64').toString()]).toEqual(['1024', '8', '1', '0123456789abcdef']);
    const oracle = execFileSync('openssl', ['kdf', '-keylen', '32', '-kdfopt', 'pass:4821-Tech', '-kdfopt', 'salt:0123456789abcdef',
      '-kdfopt', 'n:1024', '-kdfopt', 'r:8', '-kdfopt', 'p:1', '-binary', 'SCRYPT']);
    expect(Buffer.from(hashB64!, 'base64')).toEqual(oracle);
  });

  it('verifies the right code only, with the default cost too', () => {
    const stored = hashAdminCode('4821-Tech');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(verifyAdminCode('4821-Tech', stored)).toBe(true);
    expect(verifyAdminCode('4821-tech', stored)).toBe(false);
    expect(verifyAdminCode('', stored)).toBe(false);
  });

  it('treats composed and decomposed accents as the same code', () => {
    const stored = hashAdminCode('café', undefined, FAST);
    expect(verifyAdminCode('cafe\u0301', stored)).toBe(true);
  });

  it('refuses a malformed hash or an absurd cost (no 4 GB scrypt from a tampered config)', () => {
    const good = hashAdminCode('x', undefined, FAST);
    expect(verifyAdminCode('x', good.replace('scrypt$1024', 'scrypt$1000'))).toBe(false);
    expect(verifyAdminCode('x', good.replace('scrypt$1024', 'scrypt$4194304'))).toBe(false);
    expect(verifyAdminCode('x', 'x')).toBe(false);
    expect(verifyAdminCode('x', good.slice(0, -4))).toBe(false);
  });
});

describe('adminAttempt: failures lock the exit', () => {
  it(`locks after ${MAX_ADMIN_FAILURES} wrong codes, for ${ADMIN_LOCK_MS / 60000} minutes, without checking codes meanwhile`, () => {
    let state = NO_ATTEMPTS;
    const messages: string[] = [];
    for (let i = 0; i < MAX_ADMIN_FAILURES; i++) {
      const outcome = adminAttempt(state, 1000 * i, () => false);
      messages.push(outcome.kind);
      state = outcome.next;
    }
    expect(messages).toEqual(['refused', 'refused', 'refused', 'refused', 'locked']);
    let checked = false;
    const during = adminAttempt(state, 4000 + ADMIN_LOCK_MS - 1, () => { checked = true; return true; });
    expect(during.kind).toBe('locked');
    expect(checked).toBe(false);
    if (during.kind === 'locked') expect([during.message, during.lockedMinutes]).toEqual(['Trop d’essais : sortie technicien bloquée encore 1 min.', 1]);
    const after = adminAttempt(state, 4000 + ADMIN_LOCK_MS, () => true);
    expect(after).toEqual({ kind: 'accepted', next: NO_ATTEMPTS });
  });

  it('says how many tries are left, and a success resets the count', () => {
    const first = adminAttempt(NO_ATTEMPTS, 0, () => false);
    expect(first).toEqual({ kind: 'refused', next: { failures: 1, lockedUntilMs: null }, message: 'Code administrateur incorrect (4 essai(s) restant(s)).', remainingAttempts: 4 });
    expect(adminAttempt(first.next, 1, () => true).next).toEqual(NO_ATTEMPTS);
  });
});
