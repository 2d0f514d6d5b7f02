import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ROSTER_BYTES, rosterFileProblem, rosterFormatOf, rosterOutcome } from './roster-report';

// R-SESS-3 — a roster's file checked before sending, and the station's refusal shown row by row.

describe('the roster file', () => {
  it('is a CSV or an ODS, not empty, at most 10 MiB', () => {
    expect([rosterFormatOf('Élèves 3eB.CSV'), rosterFormatOf('liste.ods'), rosterFormatOf('liste.txt'), rosterFormatOf('liste.xlsx')]).toEqual(['csv', 'ods', 'csv', null]);
    expect(rosterFileProblem({ name: 'liste.xlsx', size: 10 })).toEqual({ key: 'sessions.roster.wrongType', params: { name: 'liste.xlsx' } });
    expect(rosterFileProblem({ name: 'liste.csv', size: 0 })?.key).toBe('sessions.roster.empty');
    expect(rosterFileProblem({ name: 'liste.csv', size: MAX_ROSTER_BYTES + 1 })?.key).toBe('sessions.roster.tooLarge');
    expect(rosterFileProblem({ name: 'liste.csv', size: MAX_ROSTER_BYTES })).toBeNull();
  });
});

describe('the station’s refusal of a roster', () => {
  it('shows every bad row, by line, with its column and reason, whatever order the station sent', () => {
    const row = fc.record({ line: fc.integer({ min: 1, max: 5000 }), column: fc.constantFrom('Nom', 'Sexe', 'Date de naissance', 'Code INSEE'), message: fc.string({ minLength: 1 }) });
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (errors) => {
      const outcome = rosterOutcome({ kind: 'refused', status: 422, error: { code: 'rosterRefused', message: '…', errors } });
      expect(outcome.kind).toBe('badRows');
      if (outcome.kind !== 'badRows') return;
      expect(outcome.rows).toHaveLength(errors.length);
      expect(outcome.rows.map((r) => r.line)).toEqual([...errors.map((e) => e.line)].sort((a, b) => a - b));
      // The same rows (as a multiset: a total order on every field, so equal reasons cannot swap two rows).
      const byAll = (a: { line: number; column: string; reason: string }, b: { line: number; column: string; reason: string }) =>
        (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0) || a.line - b.line || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0);
      expect([...outcome.rows].sort(byAll)).toEqual(errors.map((e) => ({ line: e.line, column: e.column, reason: e.message })).sort(byAll));
    }));
  });
  it('a refusal without rows (too large, no answer) is one sentence', () => {
    expect(rosterOutcome({ kind: 'refused', status: 413, error: { code: 'bodyTooLarge', message: '…' } })).toEqual({ kind: 'refused', refusal: { key: 'sessions.roster.tooLargeStation' } });
    expect(rosterOutcome({ kind: 'timeout', afterMs: 10_000 })).toEqual({ kind: 'refused', refusal: { key: 'manager.unreachable' } });
  });
});
