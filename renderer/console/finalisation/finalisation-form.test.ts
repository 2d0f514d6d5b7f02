import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIVE_STATUSES, type LiveCandidate, type LiveStatus } from '../../../shared/formats/console-api';
import { FinalisationRequest } from '../../../shared/formats/console-api';
import { liveCandidate } from '../testing/live-candidate';
import {
  carryForm, COMMENT_MAX, EMPTY_FORM, finalisationRows, formProblems, readFinalisation, situationChanges, situationOf, stepOf,
} from './finalisation-form';

// R-FIN-1..3 — the wizard's form read purely, against the rules and the API's own schema.

function pupil(candidateId: number, status: LiveStatus, lastName = `Nom${candidateId}`): LiveCandidate {
  return liveCandidate({ candidateId, lastName, firstName: 'Prénom', birthDate: '2010-01-01', status });
}

const statuses = fc.constantFrom(...LIVE_STATUSES);
const boards = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 500 }), status: statuses }), { selector: (p) => p.id, maxLength: 30 })
  .map((list) => list.map((p) => pupil(p.id, p.status)));

describe('situationOf (R-FIN-1)', () => {
  it('has no test before the start, a finished one only when completed', () => {
    expect(['notCheckedIn', 'waitingForPresence', 'readyToStart'].map((s) => situationOf(s as LiveStatus))).toEqual(['notStarted', 'notStarted', 'notStarted']);
    expect(situationOf('completed')).toBe('completed');
    for (const s of ['inTest', 'suspended', 'waitingForResume', 'readyToResume', 'endedByInvigilator', 'endedDueToFinalisation'] as const) {
      expect(situationOf(s)).toBe('unfinished');
    }
  });
});

describe('readFinalisation', () => {
  it('asks a reason for each unfinished test, and the two yes/no answers, by field', () => {
    const rows = finalisationRows([pupil(1, 'completed'), pupil(2, 'inTest'), pupil(3, 'readyToStart'), pupil(4, 'endedByInvigilator')]);
    const reading = readFinalisation(EMPTY_FORM, rows);
    expect(reading).toEqual({ ok: false, problems: [
      { field: 'abortReason', candidateId: 2 }, { field: 'abortReason', candidateId: 4 }, { field: 'incidentDuringSession' }, { field: 'joiningIssue' },
    ] });
    expect(reading.ok ? [] : reading.problems.map(stepOf)).toEqual(['unfinished', 'unfinished', 'session', 'session']);
  });

  it('refuses a session where nobody started (R-FIN-1)', () => {
    const rows = finalisationRows([pupil(1, 'notCheckedIn'), pupil(2, 'readyToStart')]);
    const reading = readFinalisation({ ...EMPTY_FORM, incidentDuringSession: false, joiningIssue: false }, rows);
    expect(reading).toEqual({ ok: false, problems: [{ field: 'nobodyStarted' }] });
  });

  it('counts the comment as the station does (forbidden characters removed, trimmed) and refuses past 5 000', () => {
    const rows = finalisationRows([pupil(1, 'completed')]);
    const form = { ...EMPTY_FORM, incidentDuringSession: true, joiningIssue: false };
    expect(readFinalisation({ ...form, globalComment: `  ${'a'.repeat(COMMENT_MAX)}\u202E  ` }, rows).ok).toBe(true);
    expect(readFinalisation({ ...form, globalComment: 'a'.repeat(COMMENT_MAX + 1) }, rows)).toEqual({ ok: false, problems: [{ field: 'globalComment', length: COMMENT_MAX + 1 }] });
  });

  it('property: once every answer is given, the request is one the API accepts and R-FIN-1 holds for every pupil', () => {
    fc.assert(fc.property(boards, fc.boolean(), fc.boolean(), fc.string({ maxLength: 50 }), fc.func(fc.constantFrom('candidate', 'technical' as const)), fc.func(fc.boolean()),
      (board, incident, joining, comment, reasonOf, seenOf) => {
        const rows = finalisationRows(board);
        const form = {
          globalComment: comment, incidentDuringSession: incident, joiningIssue: joining,
          abortReasons: Object.fromEntries(board.map((p) => [p.candidateId, reasonOf(p.candidateId)])),
          endScreenSeen: Object.fromEntries(board.map((p) => [p.candidateId, seenOf(p.candidateId)])),
        };
        const reading = readFinalisation(form, rows);
        const anyStarted = board.some((p) => situationOf(p.status) !== 'notStarted');
        expect(reading.ok).toBe(anyStarted);
        if (!reading.ok) return;
        expect(FinalisationRequest.safeParse(reading.request).success).toBe(true);
        const stated = new Map(reading.request.candidates!.map((c) => [c.candidateId, c]));
        for (const p of board) {
          const s = situationOf(p.status);
          const statement = stated.get(p.candidateId);
          if (s === 'notStarted') expect(statement).toBeUndefined(); // the station refuses a statement for them
          else if (s === 'completed') expect(statement?.abortReason).toBeNull();
          else expect(statement?.abortReason).toBe(reasonOf(p.candidateId));
          if (statement) expect(statement.endScreenSeen).toBe(seenOf(p.candidateId));
        }
      }));
  });
});

describe('situationChanges and carryForm (a refusal: the board read again)', () => {
  it('names who started or finished meanwhile and keeps what was stated, except a reason for a test now finished', () => {
    const before = finalisationRows([pupil(1, 'inTest', 'Bernard'), pupil(2, 'readyToStart', 'Roux'), pupil(3, 'completed', 'Dupont')]);
    const after = finalisationRows([pupil(1, 'completed', 'Bernard'), pupil(2, 'inTest', 'Roux'), pupil(3, 'completed', 'Dupont')]);
    expect(situationChanges(before, after).map((c) => [c.candidate.lastName, c.from, c.to])).toEqual([
      ['Bernard', 'unfinished', 'completed'], ['Roux', 'notStarted', 'unfinished'],
    ]);
    const form = { ...EMPTY_FORM, abortReasons: { 1: 'technical' as const }, endScreenSeen: { 1: true, 3: true }, incidentDuringSession: false, joiningIssue: true };
    const carried = carryForm(form, after);
    expect(carried.abortReasons).toEqual({});
    expect(carried.endScreenSeen).toEqual({ 1: true, 3: true });
    expect(formProblems(carried, after)).toEqual([{ field: 'abortReason', candidateId: 2 }]);
  });

  it('sorts the pupils by last name then first name, in French order', () => {
    const rows = finalisationRows([pupil(1, 'inTest', 'Roux'), pupil(2, 'inTest', 'Élie'), pupil(3, 'inTest', 'Bernard')]);
    expect(rows.map((r) => r.candidate.lastName)).toEqual(['Bernard', 'Élie', 'Roux']);
  });
});
