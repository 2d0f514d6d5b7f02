import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IsoDate, isExistingIsoDate, ISO_DATE_PATTERN } from './common';

/** What isExistingIsoDate said before it counted: `Date` reads the day and writes it back unchanged. */
function dateAgrees(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));

describe('isExistingIsoDate', () => {
  test('days that exist and days that do not', () => {
    for (const s of ['2026-12-02', '2024-02-29', '2000-02-29', '1999-12-31', '0000-01-01', '9999-12-31', '2026-04-30']) expect(isExistingIsoDate(s), s).toBe(true);
    for (const s of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '+010000-01', '', '２０２６-01-01']) {
      expect(isExistingIsoDate(s), s).toBe(false);
    }
  });

  test('agrees with Date on every string of the pattern, any digits in any place', () => {
    fc.assert(fc.property(fc.tuple(digits(4), digits(2), digits(2)), ([y, m, d]) => {
      const s = `${y}-${m}-${d}`;
      expect(isExistingIsoDate(s)).toBe(dateAgrees(s));
    }), { numRuns: 20_000 });
  });

  test('agrees with Date on every day of four centuries (each leap-year rule)', () => {
    for (let year = 1800; year < 2200; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        for (let day = 28; day <= 32; day += 1) {
          const s = `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isExistingIsoDate(s), s).toBe(dateAgrees(s));
        }
      }
    }
  });

  test('nothing outside the pattern is a day, and IsoDate says so in French', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      if (isExistingIsoDate(s)) expect(ISO_DATE_PATTERN.test(s)).toBe(true);
    }));
    const parsed = IsoDate.safeParse('2026-02-30');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('date inexistante');
  });
});
