import { describe, expect, test } from 'vitest';
import { kioskStateName, liveStatus, needsAction, resumeExpired, resumeLimit, theoreticalEnd } from './candidate-situation';

const pending = { authorisedAt: null, startedAt: null, supersededAt: null };
const authorised = { authorisedAt: '2026-03-14T08:01:00Z', startedAt: null, supersededAt: null };
const started = { authorisedAt: '2026-03-14T08:01:00Z', startedAt: '2026-03-14T08:02:00Z', supersededAt: null };
const running = { state: 'started' as const, startedAt: '2026-03-14T08:02:00.000Z', suspension: null };

describe('R-GEN-6 — theoretical end and resumption limit', () => {
  test('start + 105 min without extra time', () => {
    expect(theoreticalEnd('2026-03-14T08:00:00.000Z', 0)).toBe('2026-03-14T09:45:00.000Z');
  });
  test('30 % extra time: 105 × 1.3 = 136.5 min', () => {
    expect(theoreticalEnd('2026-03-14T08:00:00.000Z', 30)).toBe('2026-03-14T10:16:30.000Z');
  });
  test('resumption refused from 24 h after the start', () => {
    expect(resumeLimit('2026-03-14T08:00:00.000Z')).toBe('2026-03-15T08:00:00.000Z');
    expect(resumeExpired('2026-03-14T08:00:00.000Z', new Date('2026-03-15T07:59:59.999Z'))).toBe(false);
    expect(resumeExpired('2026-03-14T08:00:00.000Z', new Date('2026-03-15T08:00:00.000Z'))).toBe(true);
  });
});

describe('R-SESS-5, R-SESS-6 — live status on the console', () => {
  test('before the test: not checked in, waiting for presence, ready to start', () => {
    expect(liveStatus(null, null)).toBe('notCheckedIn');
    expect(liveStatus(pending, null)).toBe('waitingForPresence');
    expect(liveStatus(authorised, null)).toBe('readyToStart');
  });
  test('during the test: in test, re-entry waiting, re-entry authorised, suspended', () => {
    expect(liveStatus(started, running)).toBe('inTest');
    expect(liveStatus(pending, running)).toBe('waitingForResume');
    expect(liveStatus(authorised, running)).toBe('readyToResume');
    expect(liveStatus(pending, { ...running, suspension: { kind: 'focusLost' as const, cause: 'fenêtre quittée', at: '2026-03-14T08:30:00Z' } })).toBe('suspended');
  });
  test('an end state wins over everything', () => {
    expect(liveStatus(pending, { ...running, state: 'endedByInvigilator', suspension: { kind: 'focusLost' as const, cause: 'fenêtre quittée', at: '2026-03-14T08:30:00Z' } })).toBe('endedByInvigilator');
    expect(liveStatus(started, { ...running, state: 'completed' })).toBe('completed');
  });
  test('the invigilator acts on waiting, re-entry and suspension only', () => {
    expect(['waitingForPresence', 'waitingForResume', 'suspended'].every((s) => needsAction(s as never))).toBe(true);
    expect(['notCheckedIn', 'readyToStart', 'inTest', 'readyToResume', 'completed', 'endedByInvigilator', 'endedDueToFinalisation']
      .some((s) => needsAction(s as never))).toBe(false);
  });
});

describe('R-SESS-5 — what a kiosk shows for its entry', () => {
  const now = new Date('2026-03-14T09:00:00Z');
  test('a replaced entry says so, unless the test has ended', () => {
    expect(kioskStateName({ ...started, supersededAt: '2026-03-14T08:50:00Z' }, running, now)).toBe('replaced');
    expect(kioskStateName({ ...started, supersededAt: '2026-03-14T08:50:00Z' }, { ...running, state: 'endedByInvigilator' }, now)).toBe('endedByInvigilator');
  });
  test('a re-entry 24 h after the start cannot resume', () => {
    expect(kioskStateName(pending, running, new Date('2026-03-15T08:02:00.000Z'))).toBe('resumeExpired');
    expect(kioskStateName(pending, running, now)).toBe('waitingForResume');
  });
  test('the entry that opened the test is in test or suspended', () => {
    expect(kioskStateName(started, running, now)).toBe('inTest');
    expect(kioskStateName(started, { ...running, suspension: { kind: 'focusLost' as const, cause: 'fenêtre quittée', at: '2026-03-14T08:30:00Z' } }, now)).toBe('suspended');
  });
});
