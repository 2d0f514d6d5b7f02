import { describe, expect, it } from 'vitest';
import { toTest } from './delivery-store';

/** A `tests` row as SQLite returns it (TEST_COLUMNS), running and not suspended. */
const row = {
  id: 7, candidateId: 3, sessionId: 1, contentPackageId: 1, profilePackageId: 2, seed: 42, challengeCount: 15,
  verificationCode: 'P-ABCDEFGH', state: 'started', startedAt: '2026-03-14T08:00:00.000Z', endedAt: null as string | null,
  suspendedAt: null as string | null, suspensionKind: null as string | null, suspensionCause: null as string | null,
  abortReason: null as string | null, endScreenSeen: 0,
};
const suspended = { suspendedAt: '2026-03-14T08:30:00.000Z', suspensionKind: 'focusLost', suspensionCause: 'fenêtre quittée (Alt+Tab)' };

describe('a stored test read as the union of its states (R-SESS-6, kiosk-lockdown §2)', () => {
  it('a running test: no end, its suspension as one field', () => {
    expect(toTest(row)).toMatchObject({ state: 'started', endedAt: null, suspension: null, endScreenSeen: false });
    expect(toTest({ ...row, ...suspended }).suspension).toEqual({ kind: 'focusLost', cause: 'fenêtre quittée (Alt+Tab)', at: '2026-03-14T08:30:00.000Z' });
  });

  it('an ended test has its end and is no longer suspended (its end state wins)', () => {
    const ended = toTest({ ...row, ...suspended, state: 'endedByInvigilator', endedAt: '2026-03-14T09:00:00.000Z', abortReason: 'technical', endScreenSeen: 1 });
    expect(ended).toMatchObject({ state: 'endedByInvigilator', endedAt: '2026-03-14T09:00:00.000Z', suspension: null, abortReason: 'technical', endScreenSeen: true });
  });

  it('an inconsistent row is refused, naming the test, never read with defaults', () => {
    expect(() => toTest({ ...row, suspendedAt: '2026-03-14T08:30:00.000Z' })).toThrow('test 7, suspension incomplète');
    expect(() => toTest({ ...row, ...suspended, suspensionCause: null })).toThrow('suspension incomplète');
    expect(() => toTest({ ...row, ...suspended, suspensionKind: 'coffeeBreak' })).toThrow('tests.suspension_kind = "coffeeBreak"');
    expect(() => toTest({ ...row, state: 'paused' })).toThrow('tests.state = "paused"');
    expect(() => toTest({ ...row, state: 'completed' })).toThrow('« completed » sans date de fin');
    expect(() => toTest({ ...row, endedAt: '2026-03-14T09:00:00.000Z' })).toThrow('en cours mais avec une fin');
    expect(() => toTest({ ...row, abortReason: 'boredom' })).toThrow('tests.abort_reason');
  });
});
