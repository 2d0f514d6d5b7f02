import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash';

describe('invigilator password hash (R-SESS-1)', () => {
  it('R-SESS-1: salted (two hashes of one password differ) and both verify', () => {
    const [a, b] = [hashPassword('BCDF2346'), hashPassword('BCDF2346')];
    expect(a).not.toBe(b);
    expect(verifyPassword('BCDF2346', a)).toBe(true);
    expect(verifyPassword('bcdf2346', b)).toBe(true);
    expect(verifyPassword('BCDF2347', a)).toBe(false);
  });

  it('a malformed stored value never verifies and never throws', () => {
    for (const stored of ['', 'scrypt', 'bcrypt$1$2$3$c2FsdA==$aGFzaA==', 'scrypt$0$8$1$c2FsdA==$aGFzaA==', 'scrypt$16384$8$1$c2FsdA==$']) {
      expect(verifyPassword('BCDF2346', stored)).toBe(false);
    }
  });
});
