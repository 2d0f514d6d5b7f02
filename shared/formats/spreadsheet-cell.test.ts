import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseSpreadsheetCell } from './spreadsheet-cell';

describe('neutraliseSpreadsheetCell', () => {
  it('a cell starting with = + - @ (even after tabs or carriage returns) becomes text; the rest is unchanged', () => {
    expect(neutraliseSpreadsheetCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseSpreadsheetCell('-2+3')).toBe("'-2+3");
    expect(neutraliseSpreadsheetCell('\t@SUM(A1)')).toBe("'\t@SUM(A1)");
    expect(neutraliseSpreadsheetCell('Dupont')).toBe('Dupont');
    fc.assert(fc.property(fc.string(), (t) => {
      const cell = neutraliseSpreadsheetCell(t);
      expect(/^[\t\r]*[=+\-@]/.test(cell)).toBe(false);
      expect(cell === t || cell === `'${t}`).toBe(true);
      expect(neutraliseSpreadsheetCell(cell)).toBe(cell);
    }));
  });
});
