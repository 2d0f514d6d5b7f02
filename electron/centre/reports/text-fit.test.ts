import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { directionRuns, ELLIPSIS, truncate, wrap } from './text-fit';

// A width per character (wide letters wider), enough to exercise the fitting without a font.
const measure = (text: string) => Array.from(text).reduce((w, c) => w + (/[MWÉŒ]/.test(c) ? 9 : 5), 0);

describe('fitting typed text into a cell', () => {
  test('a short text is kept; a long one is truncated with « … » and fits', () => {
    expect(truncate('Léo', 100, measure)).toBe('Léo');
    const cut = truncate('De La Fontaine-Saint-Exupéry-Montmorency', 60, measure);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(60);
  });

  test('wraps at spaces and after hyphens, cuts a word wider than the cell, ends in « … » past maxLines', () => {
    expect(wrap('Éloïse-Marie-Thérèse', 60, measure)).toEqual(['Éloïse-', 'Marie-', 'Thérèse']);
    expect(wrap("N'Diaye  d’Arc", 200, measure)).toEqual(["N'Diaye d’Arc"]);
    expect(wrap('Wolfeschlegelsteinhausenbergerdorff', 50, measure).every((l) => measure(l) <= 50)).toBe(true);
    const two = wrap('un deux trois quatre cinq six sept', 40, measure, 2);
    expect(two).toHaveLength(2);
    expect(two[1]!.endsWith(ELLIPSIS)).toBe(true);
  });

  test('control characters, bidi marks and lone surrogates never reach the PDF', () => {
    expect(wrap('A\u0000B\u202EC\uD800D\nE', 500, measure)).toEqual(['A B C\uFFFDD E']);
  });

  test('right-to-left runs are laid out apart, in logical order', () => {
    expect(directionRuns('محمد Léo')).toEqual(['محمد', ' Léo']);
    expect(directionRuns('Cohen כהן דוד (Tel-Aviv)')).toEqual(['Cohen ', 'כהן דוד', ' (Tel-Aviv)']);
    expect(directionRuns('Dupont')).toEqual(['Dupont']);
  });

  test('property: any text, any width ≥ one wide letter — every line fits, at most maxLines, nothing lost when untruncated', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 10, max: 200 }), fc.integer({ min: 1, max: 4 }), (text, width, maxLines) => {
      const lines = wrap(text, width, measure, maxLines);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(maxLines);
      for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width);
      const all = wrap(text, width, measure);
      if (all.length <= maxLines) expect(lines).toEqual(all);
      else expect(lines.at(-1)!.endsWith(ELLIPSIS)).toBe(true);
    }), { numRuns: 300 });
  });
});
