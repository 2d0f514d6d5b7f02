import type { FinalisationRequest, LiveCandidate, LiveStatus } from '../../../shared/formats/console-api';
import type { AbortReason } from '../../../shared/formats/scoring';
import { stripUnsafeCharacters } from '../../../shared/formats/safe-text';

/**
 * The finalisation wizard's form (R-FIN-1..3), pure: which pupils have a test and whether it is finished (from the
 * board's `GET …/live`), what the invigilator states, and the request it makes — or every problem, by field.
 */

/** R-FIN-1 — a test is finished only when `completed`; a pupil who never started has nothing to state. */
export type TestSituation = 'notStarted' | 'completed' | 'unfinished';

const WITHOUT_TEST: ReadonlySet<LiveStatus> = new Set(['notCheckedIn', 'waitingForPresence', 'readyToStart']);

export function situationOf(status: LiveStatus): TestSituation {
  if (WITHOUT_TEST.has(status)) return 'notStarted';
  return status === 'completed' ? 'completed' : 'unfinished';
}

export interface FinalisationRow {
  candidateId: number;
  situation: TestSituation;
  candidate: LiveCandidate;
}

/** Every pupil of the session, by name (last name, then first name, French order), with their test's situation. */
export function finalisationRows(candidates: readonly LiveCandidate[]): FinalisationRow[] {
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return [...candidates]
    .sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || a.candidateId - b.candidateId)
    .map((candidate) => ({ candidateId: candidate.candidateId, situation: situationOf(candidate.status), candidate }));
}

export interface FinalisationForm {
  /** R-FIN-1 — by candidate; null until chosen. */
  abortReasons: Record<number, AbortReason | null>;
  /** R-FIN-3 — « écran de fin de test vu », by candidate. */
  endScreenSeen: Record<number, boolean>;
  globalComment: string;
  /** R-FIN-3 — null until the invigilator answers « oui » or « non » (the API has no default for these). */
  incidentDuringSession: boolean | null;
  joiningIssue: boolean | null;
}

export const EMPTY_FORM: FinalisationForm = { abortReasons: {}, endScreenSeen: {}, globalComment: '', incidentDuringSession: null, joiningIssue: null };

/** The API's limit of the global comment (`FinalisationRequest.globalComment`, counted as the server does). */
export const COMMENT_MAX = 5000;

/** The wizard's steps, in order. */
export const STEPS = ['unfinished', 'endScreen', 'session', 'summary'] as const;
export type Step = (typeof STEPS)[number];

export type FormProblem =
  | { field: 'abortReason'; candidateId: number }
  | { field: 'globalComment'; length: number }
  | { field: 'incidentDuringSession' }
  | { field: 'joiningIssue' }
  /** R-FIN-1 — nobody started: the session cannot be finalised. */
  | { field: 'nobodyStarted' };

/** The step where a problem is fixed. */
export function stepOf(problem: FormProblem): Step {
  switch (problem.field) {
    case 'abortReason': return 'unfinished';
    case 'nobodyStarted': return 'summary';
    default: return 'session';
  }
}

/** The comment's length as the server counts it (forbidden characters removed, trimmed: `freeText`). */
export function commentLength(comment: string): number {
  return stripUnsafeCharacters(comment).trim().length;
}

/** Every problem of the form, in the order of the steps (then of the rows). */
export function formProblems(form: FinalisationForm, rows: readonly FinalisationRow[]): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const row of rows) {
    if (row.situation === 'unfinished' && !form.abortReasons[row.candidateId]) problems.push({ field: 'abortReason', candidateId: row.candidateId });
  }
  const length = commentLength(form.globalComment);
  if (length > COMMENT_MAX) problems.push({ field: 'globalComment', length });
  if (form.incidentDuringSession === null) problems.push({ field: 'incidentDuringSession' });
  if (form.joiningIssue === null) problems.push({ field: 'joiningIssue' });
  if (!rows.some((r) => r.situation !== 'notStarted')) problems.push({ field: 'nobodyStarted' });
  return problems;
}

export type FormReading = { ok: true; request: FinalisationRequest } | { ok: false; problems: FormProblem[] };

/**
 * The request of `POST …/finalisation`: one statement per pupil who started (R-FIN-1: an abort reason for an
 * unfinished test only, none for a completed one; R-FIN-3: « écran de fin de test vu »), none for the others.
 */
export function readFinalisation(form: FinalisationForm, rows: readonly FinalisationRow[]): FormReading {
  const problems = formProblems(form, rows);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      globalComment: form.globalComment.trim(),
      incidentDuringSession: form.incidentDuringSession!,
      joiningIssue: form.joiningIssue!,
      candidates: rows.filter((r) => r.situation !== 'notStarted').map((r) => ({
        candidateId: r.candidateId,
        abortReason: r.situation === 'unfinished' ? form.abortReasons[r.candidateId]! : null,
        endScreenSeen: form.endScreenSeen[r.candidateId] === true,
      })),
    },
  };
}

/** A pupil whose test changed between the wizard's reading of the board and the station's answer. */
export interface SituationChange { candidate: LiveCandidate; from: TestSituation; to: TestSituation }

/** What changed from one reading of the board to the next (a pupil started, finished…), in the new rows' order. */
export function situationChanges(before: readonly FinalisationRow[], after: readonly FinalisationRow[]): SituationChange[] {
  const was = new Map(before.map((r) => [r.candidateId, r.situation]));
  return after.flatMap((r) => {
    const from = was.get(r.candidateId) ?? 'notStarted';
    return from === r.situation ? [] : [{ candidate: r.candidate, from, to: r.situation }];
  });
}

/** The form carried over to new rows: what was stated stays, except an abort reason for a test now finished. */
export function carryForm(form: FinalisationForm, after: readonly FinalisationRow[]): FinalisationForm {
  const abortReasons: Record<number, AbortReason | null> = {};
  const endScreenSeen: Record<number, boolean> = {};
  for (const row of after) {
    if (row.situation === 'unfinished' && form.abortReasons[row.candidateId]) abortReasons[row.candidateId] = form.abortReasons[row.candidateId]!;
    if (row.situation !== 'notStarted' && form.endScreenSeen[row.candidateId]) endScreenSeen[row.candidateId] = true;
  }
  return { ...form, abortReasons, endScreenSeen };
}
