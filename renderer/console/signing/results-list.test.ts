import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPETENCE_CODES } from '../../../shared/formats/common';
import type { ReceiptCandidate } from '../../../shared/formats/platform-api';
import { translate } from '../../ui/i18n/translate';
import { addConsoleWords } from '../i18n/console-words';
import { calendarDate, competencesShown, resultCounts, resultRows } from './results-list';

// Issue 10 §1 — the results the platform sent back, one row per pupil, as the school's list shows them.
addConsoleWords();

const candidate = (over: Partial<ReceiptCandidate>): ReceiptCandidate => ({
  candidateId: 1, lastName: 'Martin', firstName: 'Léa', birthDate: '2010-03-14', verificationCode: 'P-23467899',
  status: 'validated', pix: 412, reproducibilityRate: 80, maxLevel: 5, competences: [{ code: '1.1', level: 3, pix: 24 }], reason: null, matchesCentre: true, ...over,
});

describe('resultRows', () => {
  it('orders pupils by name as French does (É with E, case ignored), then first name', () => {
    const rows = resultRows([
      candidate({ candidateId: 1, lastName: 'Martin', firstName: 'Zoé' }),
      candidate({ candidateId: 2, lastName: 'Émile', firstName: 'Paul' }),
      candidate({ candidateId: 3, lastName: 'durand', firstName: 'Inès' }),
      candidate({ candidateId: 4, lastName: 'Martin', firstName: 'Ali' }),
      candidate({ candidateId: 5, lastName: 'Fabre', firstName: 'Luc' }),
    ]);
    expect(rows.map((r) => `${r.lastName} ${r.firstName}`)).toEqual(['durand Inès', 'Émile Paul', 'Fabre Luc', 'Martin Ali', 'Martin Zoé']);
  });

  it('keeps every pupil once, with the platform’s pix, code and levels (−1 = not certified), competences in order', () => {
    const arb = fc.array(fc.record({
      lastName: fc.string({ minLength: 1, maxLength: 12 }), firstName: fc.string({ minLength: 1, maxLength: 12 }),
      pix: fc.integer({ min: 0, max: 640 }), status: fc.constantFrom('validated', 'rejected', 'cancelled', 'error' as const),
      levels: fc.subarray([...COMPETENCE_CODES], { minLength: 1 }).chain((codes) => fc.tuple(...codes.map((code) => fc.integer({ min: -1, max: 8 }).map((level) => ({ code, level, pix: Math.max(0, level) * 8 }))))),
    }), { maxLength: 30 });
    fc.assert(fc.property(arb, (list) => {
      const input = list.map((c, i) => candidate({ candidateId: i + 1, lastName: c.lastName, firstName: c.firstName, pix: c.pix, status: c.status, competences: [...c.levels].reverse(), reason: c.status === 'validated' ? null : 'motif' }));
      const rows = resultRows(input);
      expect(rows.map((r) => r.candidateId).sort((a, b) => a - b)).toEqual(input.map((c) => c.candidateId));
      for (const row of rows) {
        const source = input.find((c) => c.candidateId === row.candidateId)!;
        expect(row.pix).toBe(source.pix);
        expect(row.verificationCode).toBe(source.verificationCode);
        expect(row.levels.map((l) => l.code)).toEqual([...source.competences.map((m) => m.code)].sort((a, b) => a.localeCompare(b, 'fr', { numeric: true })));
        for (const l of row.levels) expect(l.level).toBe(source.competences.find((m) => m.code === l.code)!.level < 0 ? null : source.competences.find((m) => m.code === l.code)!.level);
        expect(row.reason === null).toBe(source.status === 'validated');
        expect(translate('fr', row.status)).not.toContain('results.');
      }
      expect(resultCounts(rows)).toEqual({ validated: input.filter((c) => c.status === 'validated').length, total: input.length });
    }));
  });

  it('the legend names each competence shown, in French and in English', () => {
    const rows = resultRows([candidate({ competences: [{ code: '5.2', level: 1, pix: 8 }, { code: '1.1', level: 3, pix: 24 }] })]);
    expect(competencesShown(rows)).toEqual(['1.1', '5.2']);
    for (const code of COMPETENCE_CODES) {
      expect(translate('fr', `results.competence.${code}` as Parameters<typeof translate>[1])).not.toContain('results.');
      expect(translate('en', `results.competence.${code}` as Parameters<typeof translate>[1])).not.toContain('results.');
    }
  });
});

describe('calendarDate', () => {
  it('reads a birth date as a calendar day (no shift across time zones), in French', () => {
    expect(calendarDate('2010-03-14')).toBe('14 mars 2010');
    expect(calendarDate('2010-01-01')).toBe('1 janvier 2010');
    expect(calendarDate('2010-12-31', 'en')).toBe('December 31, 2010');
  });
});
