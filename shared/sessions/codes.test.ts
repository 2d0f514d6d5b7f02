import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateAccessCode, isAccessCode, normaliseAccessCode } from './access-code';
import { generateInvigilatorPassword, INVIGILATOR_PASSWORD_LENGTH } from './invigilator-password';
import { normaliseName } from './names';
import { secureRandomInt } from './random';
import { generateVerificationCode, isVerificationCode } from './verification-code';

describe('access code', () => {
  it('R-SESS-2: 4 letters of BCDFGHJKMPQRTVWXY then 2 digits of 2346789', () => {
    for (let i = 0; i < 500; i++) expect(generateAccessCode()).toMatch(/^[BCDFGHJKMPQRTVWXY]{4}[2346789]{2}$/);
    expect(isAccessCode('BCDF23')).toBe(true);
    for (const bad of ['BCDF20', 'ACDF23', 'BCD23', 'BCDF235', 'bcdf23', 'BCDF2O']) expect(isAccessCode(bad)).toBe(false);
  });

  it('R-SESS-2: an injected source gives a predictable code (first and last symbols)', () => {
    expect(generateAccessCode(() => 0)).toBe('BBBB22');
    expect(generateAccessCode((n) => n - 1)).toBe('YYYY99');
  });

  it('R-SESS-4: the typed access code is upper-cased', () => {
    expect(normaliseAccessCode(' bcdf23 ')).toBe('BCDF23');
  });
});

describe('verification code', () => {
  it('R-SESS-7: P- then 8 distinct characters of 2346789BCDFGHJKMPQRTVWXY', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateVerificationCode();
      expect(code).toMatch(/^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/);
      expect(new Set(code.slice(2)).size).toBe(8);
      expect(isVerificationCode(code)).toBe(true);
    }
    expect(isVerificationCode('P-22346789')).toBe(false); // repeated 2
    expect(isVerificationCode('P-2346789A')).toBe(false); // A not in the alphabet
    expect(isVerificationCode('X-2346789B')).toBe(false);
  });

  it('R-SESS-7: distinct even when the source always says 0, and drawn again while taken', () => {
    expect(generateVerificationCode(() => 0)).toBe('P-2346789B'); // the first 8 symbols of the alphabet
    const taken = new Set(['P-2346789B']);
    let calls = 0;
    const code = generateVerificationCode((n) => (calls++ < 8 ? 0 : n - 1), (c) => taken.has(c));
    expect(taken.has(code)).toBe(false);
    expect(isVerificationCode(code)).toBe(true);
  });
});

describe('invigilator password and randomness', () => {
  it('R-SESS-1: 8 characters without look-alikes', () => {
    const password = generateInvigilatorPassword();
    expect(password).toHaveLength(INVIGILATOR_PASSWORD_LENGTH);
    expect(password).toMatch(/^[2346789BCDFGHJKMPQRTVWXY]+$/);
  });

  it('secureRandomInt stays in range and reaches both ends', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = secureRandomInt(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
    expect(() => secureRandomInt(0)).toThrow();
  });
});

describe('normaliseName', () => {
  it('R-SESS-4: accents removed, upper-cased, only [0-9A-Z] kept', () => {
    expect(normaliseName('Lefèvre-Dupont')).toBe('LEFEVREDUPONT');
    expect(normaliseName("  N'Diaye  ")).toBe('NDIAYE');
    expect(normaliseName('Zoé Marie')).toBe('ZOEMARIE');
    expect(normaliseName('Cœur')).toBe('COEUR');
    expect(normaliseName('Ángel Müller-Øst')).toBe('ANGELMULLERST'); // Ø has no decomposition: dropped on both sides alike
  });

  it('R-SESS-4: the result only ever holds [0-9A-Z] and is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      const n = normaliseName(s);
      expect(n).toMatch(/^[0-9A-Z]*$/);
      expect(normaliseName(n)).toBe(n);
    }), { numRuns: 500 });
  });
});
