import { AnswerStatus, ValidationStatus } from '../../../shared/formats/challenge';
import { LockdownEventKind, LockdownPolicy } from '../../../shared/formats/kiosk-api';
import { AbortReason } from '../../../shared/formats/scoring';
import { TestState } from '../../../shared/formats/test-state';
import type { Db } from '../storage/database';
import { storedEnum } from '../storage/stored-enum';

/** R-SESS-4, R-SESS-5 — one check-in of a candidate on a kiosk (003-delivery.sql `entries`). */
export interface Entry {
  id: number;
  candidateId: number;
  kioskId: number;
  checkedInAt: string;
  authorisedAs: 'presence' | 'resume' | null;
  authorisedAt: string | null;
  startedAt: string | null;
  supersededAt: string | null;
}

export type EndedTestState = Exclude<TestState, 'started'>;

/** kiosk-lockdown.md §2 — a "suspend" signal on a running test, until the invigilator lifts it ("Autoriser la reprise"). */
export interface Suspension {
  kind: LockdownEventKind;
  cause: string;
  at: string;
}

/** What every test holds, whatever its state. */
interface TestFields {
  id: number;
  candidateId: number;
  sessionId: number;
  contentPackageId: number;
  profilePackageId: number;
  seed: number;
  challengeCount: number;
  verificationCode: string;
  startedAt: string;
  abortReason: AbortReason | null;
  endScreenSeen: boolean;
}

/**
 * R-SESS-6 — a candidate's test (003-delivery.sql `tests`), read on every kiosk request: without its two JSON
 * documents (tens of kilobytes), which `testDocuments` reads once for the test material cache. Only a running test
 * can be suspended, and only an ended one has an end: the union says so, the repository maps rows into it.
 */
export type TestRecord = TestFields & (
  | { state: 'started'; endedAt: null; suspension: Suspension | null }
  | { state: EndedTestState; endedAt: string; suspension: null }
);

/** One stored answer (003-delivery.sql `answers`). */
export interface AnswerRecord {
  id: number;
  testId: number;
  challengeId: string;
  position: number;
  answer: string;
  validation: ValidationStatus;
  status: AnswerStatus;
  fieldResults: string | null;
  timedOut: boolean;
  focusLost: boolean;
  elapsedMs: number;
  timerSeconds: number | null;
  answeredAt: string;
  kioskId: number;
  entryId: number;
  clientAnswerId: string;
  ack: string;
}

export interface LockdownEventRecord {
  id: number;
  entryId: number;
  candidateId: number;
  kioskId: number;
  kind: LockdownEventKind;
  cause: string;
  occurredAt: string;
  receivedAt: string;
  challengeId: string | null;
  details: string;
  policy: 'suspend' | 'warn' | 'log';
  clientEventId: string | null;
}

/** R-PROF-4, R-GEN-5 — what a test froze at its start, as canonical JSON: the pupil's profile and the generated test. */
export interface TestDocuments { profileSnapshot: string; generatedTest: string }

/** What storing an answer reads (recordAnswer): one statement, only these columns. */
export interface AnswerContext {
  candidateId: number;
  sessionId: number;
  extraTimePercent: number;
  accessibilityAdjustment: boolean;
  entryStartedAt: string | null;
  entrySupersededAt: string | null;
  test: Pick<TestRecord, 'id' | 'contentPackageId' | 'challengeCount' | 'state'> | null;
}

export type NewTest = Omit<TestFields, 'id' | 'abortReason' | 'endScreenSeen'> & TestDocuments;
export type NewAnswer = Omit<AnswerRecord, 'id'>;
export type NewLockdownEvent = Omit<LockdownEventRecord, 'id'>;

const ENTRY_COLUMNS = `id, candidate_id AS candidateId, kiosk_id AS kioskId, checked_in_at AS checkedInAt, authorised_as AS authorisedAs,
  authorised_at AS authorisedAt, started_at AS startedAt, superseded_at AS supersededAt`;
const TEST_COLUMNS = `id, candidate_id AS candidateId, session_id AS sessionId, content_package_id AS contentPackageId,
  profile_package_id AS profilePackageId, seed, challenge_count AS challengeCount, verification_code AS verificationCode, state, started_at AS startedAt, ended_at AS endedAt,
  suspended_at AS suspendedAt, suspension_kind AS suspensionKind, suspension_cause AS suspensionCause,
  abort_reason AS abortReason, end_screen_seen AS endScreenSeen`;
const ANSWER_COLUMNS = `id, test_id AS testId, challenge_id AS challengeId, position, answer, validation, status,
  field_results AS fieldResults, timed_out AS timedOut, focus_lost AS focusLost, elapsed_ms AS elapsedMs,
  timer_seconds AS timerSeconds, answered_at AS answeredAt, kiosk_id AS kioskId, entry_id AS entryId,
  client_answer_id AS clientAnswerId, ack`;
const EVENT_COLUMNS = `id, entry_id AS entryId, candidate_id AS candidateId, kiosk_id AS kioskId, kind, cause,
  occurred_at AS occurredAt, received_at AS receivedAt, challenge_id AS challengeId, details, policy, client_event_id AS clientEventId`;

/** A row of `tests` as SQLite gives it (TEST_COLUMNS): every stored value still to be checked. */
interface TestRow extends Omit<TestFields, 'abortReason' | 'endScreenSeen'> {
  state: string;
  endedAt: string | null;
  suspendedAt: string | null;
  suspensionKind: string | null;
  suspensionCause: string | null;
  abortReason: string | null;
  endScreenSeen: number;
}
type AnswerRow = Omit<AnswerRecord, 'validation' | 'status' | 'timedOut' | 'focusLost'> & { validation: string; status: string; timedOut: number; focusLost: number };
type EventRow = Omit<LockdownEventRecord, 'kind' | 'policy'> & { kind: string; policy: string };

// Stored statuses, validations and kinds are read once, here, with the shared enums (storage/stored-enum.ts).
const testState = storedEnum(TestState, 'tests.state');
const abortReason = storedEnum(AbortReason, 'tests.abort_reason');
const suspensionKind = storedEnum(LockdownEventKind, 'tests.suspension_kind');
const answerValidation = storedEnum(ValidationStatus, 'answers.validation');
const answerStatus = storedEnum(AnswerStatus, 'answers.status');
const eventKind = storedEnum(LockdownEventKind, 'lockdown_events.kind');
const eventPolicy = storedEnum(LockdownPolicy, 'lockdown_events.policy');

function inconsistent(row: TestRow, why: string): Error {
  return new Error(`Ligne incohérente en base : test ${row.id}, ${why}.`);
}

/** Its suspension: the three columns are set together or not at all. */
function suspensionOf(row: TestRow): Suspension | null {
  const { suspendedAt, suspensionKind: kind, suspensionCause: cause } = row;
  if (suspendedAt === null && kind === null && cause === null) return null;
  if (suspendedAt === null || kind === null || cause === null) throw inconsistent(row, 'suspension incomplète');
  return { kind: suspensionKind(kind), cause, at: suspendedAt };
}

/**
 * A stored test as the union. An ended test is no longer suspended (its end state wins, as on the console): a
 * suspension left on its row when the invigilator ended it is history, kept in the row and the audit chain.
 */
export function toTest(row: TestRow): TestRecord {
  const fields: TestFields = {
    id: row.id, candidateId: row.candidateId, sessionId: row.sessionId, contentPackageId: row.contentPackageId,
    profilePackageId: row.profilePackageId, seed: row.seed, challengeCount: row.challengeCount, verificationCode: row.verificationCode,
    startedAt: row.startedAt, abortReason: row.abortReason === null ? null : abortReason(row.abortReason), endScreenSeen: row.endScreenSeen === 1,
  };
  const suspension = suspensionOf(row);
  const state = testState(row.state);
  if (state === 'started') {
    if (row.endedAt !== null) throw inconsistent(row, 'en cours mais avec une fin');
    return { ...fields, state, endedAt: null, suspension };
  }
  if (row.endedAt === null) throw inconsistent(row, `« ${state} » sans date de fin`);
  return { ...fields, state, endedAt: row.endedAt, suspension: null };
}

const toAnswer = (row: AnswerRow): AnswerRecord => ({
  ...row, validation: answerValidation(row.validation), status: answerStatus(row.status), timedOut: row.timedOut === 1, focusLost: row.focusLost === 1,
});
const toEvent = (row: EventRow): LockdownEventRecord => ({ ...row, kind: eventKind(row.kind), policy: eventPolicy(row.policy) });
const toEventOrNull = (row: EventRow | undefined): LockdownEventRecord | null => (row ? toEvent(row) : null);

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

/** The repository of entries, tests, answers and lockdown events; every statement prepared once. */
export function createDeliveryStore(db: Db) {
  const entryByToken = db.prepare<[string], Entry>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE token_hash = ?`);
  const entryById = db.prepare<[number], Entry>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ?`);
  const latestEntry = db.prepare<[number], Entry>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE candidate_id = ? ORDER BY id DESC LIMIT 1`);
  const firstAuthorisation = db.prepare<[number], string>(
    "SELECT MIN(authorised_at) FROM entries WHERE candidate_id = ? AND authorised_as = 'presence'").pluck();
  const currentEntriesOfSession = db.prepare<[number], Entry>(`SELECT ${ENTRY_COLUMNS} FROM entries
    WHERE superseded_at IS NULL AND candidate_id IN (SELECT id FROM candidates WHERE session_id = ?) ORDER BY id`);
  const kioskName = db.prepare<[number], string>('SELECT name FROM kiosks WHERE id = ?').pluck();
  const insertEntry = db.prepare<[number, number, string, string]>(
    'INSERT INTO entries (candidate_id, kiosk_id, token_hash, checked_in_at) VALUES (?, ?, ?, ?)');
  const supersedeUnstarted = db.prepare<[string, number, number]>(
    'UPDATE entries SET superseded_at = ? WHERE candidate_id = ? AND id <> ? AND superseded_at IS NULL AND started_at IS NULL');
  const supersedeAll = db.prepare<[string, number, number]>(
    'UPDATE entries SET superseded_at = ? WHERE candidate_id = ? AND id <> ? AND superseded_at IS NULL');
  const authorise = db.prepare<[string, string, number]>(
    'UPDATE entries SET authorised_as = ?, authorised_at = ? WHERE id = ? AND authorised_at IS NULL');
  const markStarted = db.prepare<[string, number]>('UPDATE entries SET started_at = ? WHERE id = ? AND started_at IS NULL');

  // 004-hot-paths.sql: read from the index alone, never from the row and its documents.
  const testOfCandidate = db.prepare<[number], TestRow>(`SELECT ${TEST_COLUMNS} FROM tests INDEXED BY tests_candidate_state WHERE candidate_id = ?`);
  const testDocuments = db.prepare<[number], TestDocuments>(
    'SELECT profile_snapshot AS profileSnapshot, generated_test AS generatedTest FROM tests WHERE id = ?');
  // The three reads of every answer (entry, candidate, test) as one, rows as arrays: building an object per row
  // with a dozen named columns cost more than the reads themselves.
  const answerContext = db.prepare<[number], [number, string | null, string | null, number, number, number, number | null, number | null, number | null, string | null]>(
    `SELECT e.candidate_id, e.started_at, e.superseded_at, c.session_id, c.extra_time_percent, c.accessibility_adjustment,
      t.id, t.content_package_id, t.challenge_count, t.state
    FROM entries e JOIN candidates c ON c.id = e.candidate_id LEFT JOIN tests t INDEXED BY tests_candidate_state ON t.candidate_id = e.candidate_id
    WHERE e.id = ?`).raw();
  const testsOfSession = db.prepare<[number], TestRow>(`SELECT ${TEST_COLUMNS} FROM tests WHERE session_id = ? ORDER BY id`);
  const verificationCodeTaken = db.prepare<[string], number>('SELECT 1 FROM tests WHERE verification_code = ?').pluck();
  const insertTest = db.prepare(`INSERT INTO tests (candidate_id, session_id, content_package_id, profile_package_id, seed, profile_snapshot,
      generated_test, challenge_count, verification_code, started_at)
    VALUES (@candidateId, @sessionId, @contentPackageId, @profilePackageId, @seed, @profileSnapshot, @generatedTest, @challengeCount,
      @verificationCode, @startedAt)`);
  const endTest = db.prepare<[string, string, number]>("UPDATE tests SET state = ?, ended_at = ? WHERE id = ? AND state = 'started'");
  const suspend = db.prepare<[string, string, string, number]>(
    "UPDATE tests SET suspended_at = ?, suspension_kind = ?, suspension_cause = ? WHERE id = ? AND state = 'started' AND suspended_at IS NULL");
  const liftSuspension = db.prepare<[number]>(
    'UPDATE tests SET suspended_at = NULL, suspension_kind = NULL, suspension_cause = NULL WHERE id = ?');
  const setFinalStatements = db.prepare<[string | null, number, number]>('UPDATE tests SET abort_reason = ?, end_screen_seen = ? WHERE id = ?');

  const answerFor = db.prepare<[number, string], AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE test_id = ? AND challenge_id = ?`);
  const answersOfTest = db.prepare<[number], AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE test_id = ? ORDER BY id`);
  const answeredChallengeIds = db.prepare<[number], string>('SELECT challenge_id FROM answers WHERE test_id = ?').pluck();
  const countAnswers = db.prepare<[number], number>('SELECT COUNT(*) FROM answers WHERE test_id = ?').pluck();
  const insertAnswer = db.prepare(`INSERT INTO answers (test_id, challenge_id, position, answer, validation, status, field_results, timed_out,
      focus_lost, elapsed_ms, timer_seconds, answered_at, kiosk_id, entry_id, client_answer_id, ack)
    VALUES (@testId, @challengeId, @position, @answer, @validation, @status, @fieldResults, @timedOut, @focusLost, @elapsedMs, @timerSeconds,
      @answeredAt, @kioskId, @entryId, @clientAnswerId, @ack)`);

  const eventByClientId = db.prepare<[number, string], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM lockdown_events WHERE entry_id = ? AND client_event_id = ?`);
  const insertEvent = db.prepare(`INSERT INTO lockdown_events (entry_id, candidate_id, kiosk_id, kind, cause, occurred_at, received_at,
      challenge_id, details, policy, client_event_id)
    VALUES (@entryId, @candidateId, @kioskId, @kind, @cause, @occurredAt, @receivedAt, @challengeId, @details, @policy, @clientEventId)`);
  const eventsOfCandidate = db.prepare<[number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM lockdown_events WHERE candidate_id = ? ORDER BY id`);
  const lastWarning = db.prepare<[number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM lockdown_events WHERE candidate_id = ? AND policy <> 'log' ORDER BY id DESC LIMIT 1`);
  const eventsOfSession = db.prepare<[number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM lockdown_events
    WHERE candidate_id IN (SELECT id FROM candidates WHERE session_id = ?) ORDER BY id DESC LIMIT ?`);

  return {
    entryByTokenHash: (tokenHash: string): Entry | null => entryByToken.get(tokenHash) ?? null,
    entryById: (entryId: number): Entry | null => entryById.get(entryId) ?? null,
    latestEntry: (candidateId: number): Entry | null => latestEntry.get(candidateId) ?? null,
    /** R-FIN-3 — when the invigilator first confirmed the candidate's presence (attendance), or null. */
    presenceConfirmedAt: (candidateId: number): string | null => firstAuthorisation.get(candidateId) ?? null,
    /** The entries of the session's candidates that nothing replaced (one per candidate who checked in). */
    currentEntriesOfSession: (sessionId: number): Entry[] => currentEntriesOfSession.all(sessionId),
    /** A paired kiosk's name (the platform's `kiosks` table, read only). */
    kioskName: (kioskId: number): string | null => kioskName.get(kioskId) ?? null,
    /** A new check-in; earlier entries that never started are replaced by it. */
    insertEntry(candidateId: number, kioskId: number, tokenHash: string, at: string): number {
      const id = Number(insertEntry.run(candidateId, kioskId, tokenHash, at).lastInsertRowid);
      supersedeUnstarted.run(at, candidateId, id);
      return id;
    },
    authoriseEntry: (entryId: number, as: 'presence' | 'resume', at: string): boolean => authorise.run(as, at, entryId).changes === 1,
    /** R-SESS-5 — consumes the entry's authorisation; every other entry of the candidate is replaced. */
    startEntry(entry: Entry, at: string): boolean {
      const consumed = markStarted.run(at, entry.id).changes === 1;
      if (consumed) supersedeAll.run(at, entry.candidateId, entry.id);
      return consumed;
    },

    testOfCandidate(candidateId: number): TestRecord | null {
      const row = testOfCandidate.get(candidateId);
      return row ? toTest(row) : null;
    },
    answerContext(entryId: number): AnswerContext | null {
      const row = answerContext.get(entryId);
      if (!row) return null;
      const [candidateId, entryStartedAt, entrySupersededAt, sessionId, extraTimePercent, accessibility, testId, contentPackageId, challengeCount, state] = row;
      return {
        candidateId, sessionId, extraTimePercent, accessibilityAdjustment: accessibility === 1, entryStartedAt, entrySupersededAt,
        test: testId === null ? null : { id: testId, contentPackageId: contentPackageId!, challengeCount: challengeCount!, state: testState(state) },
      };
    },
    testsOfSession: (sessionId: number): TestRecord[] => testsOfSession.all(sessionId).map(toTest),
    testDocuments: (testId: number): TestDocuments | null => testDocuments.get(testId) ?? null,
    verificationCodeTaken: (code: string): boolean => verificationCodeTaken.get(code) !== undefined,
    insertTest: (test: NewTest): number => Number(insertTest.run(test).lastInsertRowid),
    endTest: (testId: number, state: EndedTestState, at: string): boolean => endTest.run(state, at, testId).changes === 1,
    suspendTest: (testId: number, kind: LockdownEventKind, cause: string, at: string): boolean => suspend.run(at, kind, cause, testId).changes === 1,
    liftSuspension: (testId: number): void => void liftSuspension.run(testId),
    setFinalStatements: (testId: number, abortReason: AbortReason | null, endScreenSeen: boolean): void =>
      void setFinalStatements.run(abortReason, endScreenSeen ? 1 : 0, testId),

    answerFor(testId: number, challengeId: string): AnswerRecord | null {
      const row = answerFor.get(testId, challengeId);
      return row ? toAnswer(row) : null;
    },
    /** In arrival order. */
    answersOfTest: (testId: number): AnswerRecord[] => answersOfTest.all(testId).map(toAnswer),
    answeredChallengeIds: (testId: number): Set<string> => new Set(answeredChallengeIds.all(testId)),
    countAnswers: (testId: number): number => countAnswers.get(testId) ?? 0,
    insertAnswer: (answer: NewAnswer): void => void insertAnswer.run({ ...answer, timedOut: answer.timedOut ? 1 : 0, focusLost: answer.focusLost ? 1 : 0 }),

    eventByClientId: (entryId: number, clientEventId: string): LockdownEventRecord | null => toEventOrNull(eventByClientId.get(entryId, clientEventId)),
    insertLockdownEvent: (event: NewLockdownEvent): number => Number(insertEvent.run(event).lastInsertRowid),
    lockdownEventsOfCandidate: (candidateId: number): LockdownEventRecord[] => eventsOfCandidate.all(candidateId).map(toEvent),
    lastWarning: (candidateId: number): LockdownEventRecord | null => toEventOrNull(lastWarning.get(candidateId)),
    /** Newest first. */
    lockdownEventsOfSession: (sessionId: number, limit: number): LockdownEventRecord[] => eventsOfSession.all(sessionId, limit).map(toEvent),
  };
}
