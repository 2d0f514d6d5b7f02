import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesName, searchKey } from './name-search';

// Issue 10 §1 — the board's search by name ignores accents and case.

const ACCENTED: [string, string][] = [['é', 'e'], ['è', 'e'], ['ê', 'e'], ['ë', 'e'], ['à', 'a'], ['â', 'a'], ['ç', 'c'], ['î', 'i'], ['ï', 'i'], ['ô', 'o'], ['ù', 'u'], ['û', 'u'], ['ü', 'u'], ['ÿ', 'y']];
/** A French-looking name: plain letters, accented ones, hyphens, apostrophes, spaces. */
const nameArb = fc.array(fc.oneof(
  fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')),
  fc.constantFrom(...ACCENTED.map(([a]) => a)),
  fc.constantFrom('-', '’', ' '),
), { minLength: 1, maxLength: 20 }).map((cs) => cs.join(''));
/** The same text with each letter's case and accents possibly changed (what the invigilator may type). */
const retyped = (text: string) => fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).chain((upper) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((strip) => [...text].map((ch, i) => {
    const plain = strip[i] ? (ACCENTED.find(([a]) => a === ch)?.[1] ?? ch) : ch;
    return upper[i] ? plain.toUpperCase() : plain;
  }).join('')));

describe('searchKey', () => {
  it('drops accents and case, keeps one space between words', () => {
    expect(searchKey('  Éloïse   LEFÈVRE ')).toBe('eloise lefevre');
    expect(searchKey('Œdipe Ærø')).toBe('oedipe aero');
  });
  it('property: a name retyped with other cases and without some accents has the same key', () => {
    fc.assert(fc.property(nameArb.chain((n) => fc.tuple(fc.constant(n), retyped(n))), ([name, typed]) => {
      expect(searchKey(typed)).toBe(searchKey(name));
    }));
  });
  it('property: idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => { expect(searchKey(searchKey(s))).toBe(searchKey(s)); }));
  });
});

describe('matchesName', () => {
  const lea = { firstName: 'Léa', lastName: 'MARTIN' };
  it('finds by part of the first or last name, words in any order', () => {
    expect(matchesName(lea, 'lea')).toBe(true);
    expect(matchesName(lea, 'mart')).toBe(true);
    expect(matchesName(lea, 'martin léa')).toBe(true);
    expect(matchesName(lea, 'LÉA')).toBe(true);
    expect(matchesName(lea, '')).toBe(true);
    expect(matchesName(lea, '   ')).toBe(true);
    expect(matchesName(lea, 'hugo')).toBe(false);
    expect(matchesName(lea, 'lea hugo')).toBe(false);
  });
  it('property: any slice of the first or last name, retyped, finds the pupil', () => {
    const slice = fc.tuple(nameArb, nameArb, fc.boolean(), fc.nat(), fc.nat()).chain(([first, last, inFirst, a, b]) => {
      const source = inFirst ? first : last;
      const start = a % source.length;
      const piece = source.slice(start, start + 1 + (b % (source.length - start)));
      return fc.tuple(fc.constant({ firstName: first, lastName: last }), retyped(piece));
    });
    fc.assert(fc.property(slice, ([candidate, typed]) => { expect(matchesName(candidate, typed)).toBe(true); }));
  });
  it('property: a word found in neither name does not match', () => {
    fc.assert(fc.property(nameArb, nameArb, (first, last) => {
      expect(matchesName({ firstName: first, lastName: last }, 'qxqxqxqxqxqxqxqxqxqxq')).toBe(false);
    }));
  });
});
