import { IncidentCategory } from '../../../shared/certification/incidents';
import type { LastEvent } from '../../../shared/formats/console-api';
import { LockdownEventKind } from '../../../shared/formats/kiosk-api';
import type { Db } from '../storage/database';

/**
 * Issue 10 §1 — a candidate's "last event" on the live board, read from the session's audit log (the events the
 * station already records, audit/event-chain.ts). Only the events after which the console is pushed the
 * candidate's new state count (a "log" signal of the kiosk or a refused start are not pushed: they would leave the
 * card showing a stale "last event"); the latest by chain order (`seq`), not by clock.
 */

/** The audit events that are a candidate's last event, by the kind the audit log gives them. */
const COUNTED_KINDS = [
  'checkIn', 'presenceConfirmed', 'testStarted', 'testResumed', 'answer', 'lockdown', 'testSuspended',
  'suspensionLifted', 'reEntry', 'resumeAuthorised', 'testCompleted', 'testEnded', 'extraTimeChanged', 'incident',
] as const;

const COUNTED = `kind IN (${COUNTED_KINDS.map((k) => `'${k}'`).join(', ')})
  AND NOT (kind = 'lockdown' AND json_extract(payload, '$.policy') = 'log')`;

interface Row { kind: string; at: string; payload: string }

const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  return {
    // The primary key (session_id, seq) read backwards: the candidate just pushed is the one who just acted, so
    // their latest event is among the session's last few.
    ofCandidate: db.prepare<[number, number], Row>(`SELECT kind, at, payload FROM events
      WHERE session_id = ? AND candidate_id = ? AND ${COUNTED} ORDER BY seq DESC LIMIT 1`),
    // One pass over the session's events (SQLite takes the bare columns from the row with MAX(seq)).
    ofSession: db.prepare<[number], Row & { candidateId: number; seq: number }>(`SELECT candidate_id AS candidateId, MAX(seq) AS seq, kind, at, payload
      FROM events WHERE session_id = ? AND candidate_id IS NOT NULL AND ${COUNTED} GROUP BY candidate_id`),
  };
}
const statements = (db: Db) => {
  let sql = prepared.get(db);
  if (!sql) prepared.set(db, sql = prepare(db));
  return sql;
};

/** The candidate's last event, or null when the log has none for them yet. */
export function lastEventOf(db: Db, sessionId: number, candidateId: number): LastEvent | null {
  const row = statements(db).ofCandidate.get(sessionId, candidateId);
  return row ? toLastEvent(row) : null;
}

/** Every candidate's last event in the session (those with none are absent). */
export function lastEventsOfSession(db: Db, sessionId: number): Map<number, LastEvent> {
  const events = new Map<number, LastEvent>();
  for (const row of statements(db).ofSession.all(sessionId)) {
    const event = toLastEvent(row);
    if (event) events.set(row.candidateId, event);
  }
  return events;
}

/** One audit event as the console's last event; null for a payload the station did not write (never expected). */
export function toLastEvent({ kind, at, payload }: Row): LastEvent | null {
  const p = JSON.parse(payload) as Record<string, unknown>;
  switch (kind) {
    case 'checkIn': return { kind: 'checkedIn', at };
    case 'presenceConfirmed': return { kind: 'presenceConfirmed', at };
    case 'testStarted': return { kind: 'started', at };
    case 'testResumed': return { kind: 'resumed', at };
    case 'reEntry': return { kind: 'reEntered', at };
    case 'resumeAuthorised': return { kind: 'resumeAuthorised', at };
    case 'suspensionLifted': return { kind: 'suspensionLifted', at };
    case 'testCompleted': return { kind: 'completed', at };
    case 'testEnded': return p.state === 'endedDueToFinalisation' ? { kind: 'endedDueToFinalisation', at } : { kind: 'endedByInvigilator', at };
    case 'answer': return positiveInt(p.position) ? { kind: 'answered', at, question: p.position } : null;
    case 'lockdown':
    case 'testSuspended': {
      const signal = LockdownEventKind.safeParse(p.signal);
      if (!signal.success) return null;
      return { kind: kind === 'lockdown' ? 'warning' : 'suspended', at, signal: signal.data, cause: typeof p.cause === 'string' ? p.cause : '' };
    }
    case 'extraTimeChanged': return Number.isInteger(p.to) && (p.to as number) >= 0 ? { kind: 'extraTimeChanged', at, percent: p.to as number } : null;
    case 'incident': {
      const category = IncidentCategory.safeParse(p.category);
      if (!category.success) return null;
      return { kind: 'incident', at, category: category.data, question: positiveInt(p.questionNumber) ? p.questionNumber : null };
    }
    default: return null;
  }
}

const positiveInt = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;
