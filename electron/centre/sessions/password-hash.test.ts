import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from './password-hash';

describe('password hash (R-SESS-1), one module for manager and invigilator passwords', () => {
  it('R-SESS-1: salted (two hashes of one password differ) and both verify; another password does not', () => {
    const [a, b] = [hashPassword('BCDF2346'), hashPassword('BCDF2346')];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(verifyPassword('BCDF2346', a)).toBe(true);
    expect(verifyPassword('BCDF2346', b)).toBe(true);
    expect(verifyPassword('BCDF2347', a)).toBe(false);
    expect(verifyPassword('bcdf2346', a)).toBe(false); // exact: folding case is the invigilator store's job
  });

  it('hashes stored before this module (both former formats, without and with maxmem) still verify', () => {
    // Computed by the former sessions/password-hash.ts and auth/manager-account.ts (same salt), frozen here.
    const invigilator = 'scrypt$16384$8$1$ABEiM0RVZneImaq7zN3u/w==$XAjjOUBSQxpxBxaCvJkptCFncBwj05uOxqZDMH4wqSE=';
    const manager = 'scrypt$16384$8$1$ABEiM0RVZneImaq7zN3u/w==$GHymWKo90aSQ662QNVtXI96oqOsYRUM1nufg78f8t2o=';
    expect(verifyPassword('BCDF2346', invigilator)).toBe(true);
    expect(verifyPassword('Responsable-2024!', manager)).toBe(true);
    expect(verifyPassword('Responsable-2024?', manager)).toBe(false);
  });

  it('a malformed stored value never verifies and never throws', () => {
    const good = hashPassword('BCDF2346');
    const [, , , , salt, key] = good.split('$');
    const malformed = [
      '', 'scrypt', 'bcrypt$1$2$3$c2FsdA==$aGFzaA==', 'scrypt$0$8$1$c2FsdA==$aGFzaA==', 'scrypt$16384$8$1$c2FsdA==$',
      `scrypt$16383$8$1$${salt}$${key}`, // N not a power of two: scrypt would throw
      `scrypt$1048576$64$1$${salt}$${key}`, // beyond maxmem: scrypt would throw
      `scrypt$16384$8$1$${salt}$${key}$extra`, `scrypt$16384$8$1$${salt}$***`, `scrypt$16384$8.5$1$${salt}$${key}`,
      `scrypt$016384$8$1$${salt}$${key}`, `scrypt$16384$8$1$$${key}`, `scrypt$16384$8$1$${salt}$AAAA`,
    ];
    for (const stored of malformed) {
      expect(parsePasswordHash(stored), stored).toBeNull();
      expect(verifyPassword('BCDF2346', stored), stored).toBe(false);
    }
  });

  it('property: any stored text is either parsed or refused, verify never throws', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (stored, plain) => {
      expect(verifyPassword(plain, `scrypt$${stored}`)).toBe(false);
    }), { numRuns: 10 });
  });

  it('property: hash then verify round-trips; a different password fails', () => {
    // scrypt costs tens of milliseconds: few runs, each a real hash.
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), (plain, other) => {
      fc.pre(plain !== other);
      const stored = hashPassword(plain);
      expect(parsePasswordHash(stored)).not.toBeNull();
      expect(verifyPassword(plain, stored)).toBe(true);
      expect(verifyPassword(other, stored)).toBe(false);
    }), { numRuns: 8 });
  });
});
