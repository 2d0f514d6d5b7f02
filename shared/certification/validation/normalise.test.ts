import { describe, expect, it } from 'vitest';
import { applyT1, applyT2, applyTolerances, isT3Match, preTreat } from './normalise';

describe('preTreat', () => {
  it('R-VAL-1 turns U+00A0, U+202F and U+2007 into plain spaces', () => {
    expect(preTreat('a\u00A0b\u202Fc\u2007d')).toBe('a b c d');
  });
  it('R-VAL-1 normalises to NFC', () => {
    expect(preTreat('e\u0301t\u00E9')).toBe('\u00E9t\u00E9');
    expect(preTreat('e\u0301').length).toBe(1);
  });
  it('R-VAL-1 keeps everything else as is', () => {
    expect(preTreat('  Paris ! ')).toBe('  Paris ! ');
  });
});

describe('applyT1', () => {
  it('R-VAL-2 T1 trims, lower-cases, strips accents and removes all white space', () => {
    expect(applyT1('  Élève  Ça\tva\nBIEN ')).toBe('elevecavabien');
  });
  it('R-VAL-2 T1 strips decomposed accents too', () => {
    expect(applyT1('E\u0301te\u0300')).toBe('ete');
  });
  it('R-VAL-2 T1 keeps punctuation (that is T2)', () => {
    expect(applyT1("L'Âne, bien!")).toBe("l'ane,bien!");
  });
});

describe('applyT2', () => {
  it('R-VAL-2 T2 drops what is not a letter, digit or space and collapses spaces', () => {
    expect(applyT2("  L'âne,   bien -- vu ! 42 ")).toBe('Lâne bien vu 42');
  });
  it('R-VAL-2 T2 treats "_" as a separator', () => {
    expect(applyT2('mot_de__passe')).toBe('mot de passe');
  });
  it('R-VAL-2 T2 keeps letters of any script and their combining marks', () => {
    expect(applyT2('Москва — 東京 · हिन्दी')).toBe('Москва 東京 हिन्दी');
  });
  it('R-VAL-2 T2 turns tabs and new lines into single spaces', () => {
    expect(applyT2('a\t\tb\nc')).toBe('a b c');
  });
});

describe('applyTolerances', () => {
  const text = ' Le\u00A0Mont-Blanc ! ';
  it('R-VAL-2 all tolerances on when absent', () => {
    expect(applyTolerances(text)).toBe('lemontblanc');
    expect(applyTolerances(text, {})).toBe('lemontblanc');
  });
  it('R-VAL-2 T1 only', () => {
    expect(applyTolerances(text, { t2: false })).toBe('lemont-blanc!');
  });
  it('R-VAL-2 T2 only', () => {
    expect(applyTolerances(text, { t1: false })).toBe('Le MontBlanc');
  });
  it('R-VAL-1 pre-treatment only when T1 and T2 are off', () => {
    expect(applyTolerances(text, { t1: false, t2: false })).toBe(' Le Mont-Blanc ! ');
  });
  it('R-VAL-2 T1 runs before T2 (a "_" becomes a space after T1 removed white space)', () => {
    expect(applyTolerances('A_b c')).toBe('a bc');
  });
});

describe('isT3Match', () => {
  it('R-VAL-2 T3 accepts a ratio of exactly 0.25', () => {
    expect(isT3Match('abcd', 'abce')).toBe(true); // 1 / 4
    expect(isT3Match('abcdefgh', 'abcdefXY')).toBe(true); // 2 / 8
  });
  it('R-VAL-2 T3 refuses a ratio just over 0.25', () => {
    expect(isT3Match('abcdefg', 'abcdeXY')).toBe(false); // 2 / 7
    expect(isT3Match('abc', 'abd')).toBe(false); // 1 / 3
  });
  it('R-VAL-2 T3 divides by the answer length, not the variant length', () => {
    expect(isT3Match('abcd', 'abc')).toBe(true); // 1 / 4
    expect(isT3Match('abc', 'abcd')).toBe(false); // 1 / 3
  });
  it('R-VAL-2 T3 counts code points, not UTF-16 units', () => {
    expect(isT3Match('😀😀😀😀', '😀😀😀😁')).toBe(true); // 1 / 4
    expect(isT3Match('a😀b', 'a😁b')).toBe(false); // 1 / 3
  });
  it('R-VAL-2 an empty answer never matches by T3', () => {
    expect(isT3Match('', '')).toBe(false);
    expect(isT3Match('', 'a')).toBe(false);
  });
});
