import { z } from 'zod';
import { IncidentCategory, incidentCategory } from '../certification/incidents';
import { ChallengeType } from './challenge';
import { KioskSummary } from './centre-api';
import { Id } from './common';
import { LockdownEventKind, LockdownPolicy } from './kiosk-api';
import { AbortReason, ScoringInput } from './scoring';
import { freeText } from './safe-text';
import { ExtraTimePercent, SessionStatus } from './session';

/**
 * The supervision and finalisation routes of the console (architecture §3, docs/delivery-api.md): request
 * bodies as zod schemas and the live candidate list as the console receives it (also pushed over WebSocket).
 */

/**
 * The live state of a candidate on the console (architecture §3 step 4), "needs action" ones first.
 * notCheckedIn → waitingForPresence → readyToStart → inTest ⇄ suspended → completed | ended…;
 * a re-entry: waitingForResume → readyToResume → inTest.
 */
export const LIVE_STATUSES = [
  'notCheckedIn', 'waitingForPresence', 'readyToStart', 'inTest', 'waitingForResume', 'readyToResume', 'suspended',
  'completed', 'endedByInvigilator', 'endedDueToFinalisation',
] as const;
export const LiveStatus = z.enum(LIVE_STATUSES);
export type LiveStatus = z.infer<typeof LiveStatus>;

/**
 * Issue 10 §1 — the latest thing that happened to a candidate, from the session's audit log (the station's own
 * record): its check-in, presence confirmed, start, an answer, a kiosk signal the console is told of, a suspension,
 * a re-entry, a resume, the end, an extra-time change, an incident. A code and facts; the console words them.
 */
export const LAST_EVENT_PLAIN_KINDS = [
  'checkedIn', 'presenceConfirmed', 'started', 'resumed', 'reEntered', 'resumeAuthorised', 'suspensionLifted',
  'completed', 'endedByInvigilator', 'endedDueToFinalisation',
] as const;
export const LastEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(LAST_EVENT_PLAIN_KINDS), at: z.string() }).strict(),
  /** `question`: the position (1-based, delivery order) of the question answered. */
  z.object({ kind: z.literal('answered'), at: z.string(), question: z.number().int().min(1) }).strict(),
  /** A "warn" or "suspend" signal of the kiosk (kiosk-lockdown.md §2) that did not suspend; `cause` as the kiosk reported it. */
  z.object({ kind: z.literal('warning'), at: z.string(), signal: LockdownEventKind, cause: z.string() }).strict(),
  /** The test was suspended by the signal `signal` (the cause is also the `suspension`'s). */
  z.object({ kind: z.literal('suspended'), at: z.string(), signal: LockdownEventKind, cause: z.string() }).strict(),
  /** R-INC-1 — an incident reported; `question`: the question an E-code names, null for a C-code. */
  z.object({ kind: z.literal('incident'), at: z.string(), category: IncidentCategory, question: z.number().int().min(1).nullable() }).strict(),
  /** R-SESS-3 — the new extra time. */
  z.object({ kind: z.literal('extraTimeChanged'), at: z.string(), percent: z.number().int().min(0) }).strict(),
]);
export type LastEvent = z.infer<typeof LastEvent>;
export type LastEventKind = LastEvent['kind'];

export const LiveCandidate = z.object({
  candidateId: z.number().int().positive(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  extraTimePercent: z.number(),
  accessibilityAdjustment: z.boolean(),
  status: LiveStatus,
  /** The invigilator must act (confirm presence, authorise a resume, lift a suspension). */
  needsAction: z.boolean(),
  /**
   * A re-entry more than 24 h after the start (R-GEN-6): the resume cannot be authorised, only the test ended.
   * With `status`, `progress` and `suspension`, the facts the console's catalogue words the status cell from.
   */
  resumeExpired: z.boolean(),
  /** The kiosk of the candidate's latest check-in. */
  kiosk: z.object({ id: z.number().int(), name: z.string() }).strict().nullable(),
  progress: z.object({ answered: z.number().int().min(0), total: z.number().int().min(1) }).strict().nullable(),
  startedAt: z.string().nullable(),
  theoreticalEndAt: z.string().nullable(),
  suspension: z.object({ kind: z.string(), cause: z.string(), at: z.string() }).strict().nullable(),
  /** The latest "warn" signal of the candidate's kiosk (shown in orange), if any. */
  lastWarning: z.object({ kind: LockdownEventKind, cause: z.string(), at: z.string() }).strict().nullable(),
  /** The latest event of the candidate in the session's audit log (null: nothing yet), pushed with the rest. */
  lastEvent: LastEvent.nullable(),
}).strict();
export type LiveCandidate = z.infer<typeof LiveCandidate>;

/**
 * R-SESS-4 — many failed check-ins on the session's kiosks (a code, for the console's catalogue): `failures` within
 * the window since `since`. Nobody is refused for it; the invigilator looks, then lifts it (`…/check-in-alert/clear`).
 */
export const CheckInAlert = z.object({
  code: z.literal('checkInFailures'),
  failures: z.number().int().positive(),
  since: z.string(),
}).strict();
export type CheckInAlert = z.infer<typeof CheckInAlert>;

/** What `GET …/live` answers and what the hub pushes as `{type: 'candidates', …}`. */
export const LiveSession = z.object({
  sessionId: z.number().int().positive(),
  sessionStatus: SessionStatus,
  /** Null when there is no alert. */
  checkInAlert: CheckInAlert.nullable(),
  candidates: z.array(LiveCandidate),
}).strict();

/** What lifting the check-in alert answers. */
export const CheckInAlertCleared = z.object({ checkInAlert: z.null() }).strict();
export type CheckInAlertCleared = z.infer<typeof CheckInAlertCleared>;
export type LiveSession = z.infer<typeof LiveSession>;

/** What an invigilator's action on a candidate answers: the candidate's new live state. */
export const LiveCandidateAnswer = z.object({ candidate: LiveCandidate }).strict();

/** R-INC-1 — one question of a candidate's test, to point at in an incident: never a status or a solution. */
export const CandidateQuestion = z.object({
  challengeId: z.string(),
  /** 1-based, in delivery order. */
  position: z.number().int().min(1),
  /** R-INC-1 — in the candidate's answer order (what an E-code names). */
  questionNumber: z.number().int().min(1),
  type: ChallengeType,
  answered: z.boolean(),
  answeredAt: z.string().nullable(),
  hasIllustration: z.boolean(),
  hasEmbed: z.boolean(),
  hasAttachment: z.boolean(),
  timed: z.boolean(),
  focused: z.boolean(),
}).strict();
export const CandidateQuestions = z.object({ candidateId: z.number().int().positive(), questions: z.array(CandidateQuestion) }).strict();
export type CandidateQuestions = z.infer<typeof CandidateQuestions>;

/** The kiosks as a session's console lists them, with the candidate sitting at each (null: nobody). */
export const SessionKioskList = z.object({
  kiosks: z.array(KioskSummary.extend({ candidateId: z.number().int().positive().nullable() }).strict()),
}).strict();

/** R-SESS-3 — new extra time for a candidate; applies to the timers the kiosk has not shown yet. */
export const ExtraTimeChange = z.object({ extraTimePercent: ExtraTimePercent }).strict();
export type ExtraTimeChange = z.infer<typeof ExtraTimeChange>;

/** An action without parameters (confirm presence, authorise resume, end a test): `{}` or no body. */
export const NoBody = z.object({}).strict().optional();

/**
 * R-INC-1 — an incident report. An E-code names a challenge: either the challenge the invigilator points at
 * (`challengeId`, the server fills the question number in) or the question number itself. A C-code names none.
 */
export const IncidentInput = z.object({
  candidateId: z.number().int().positive(),
  category: IncidentCategory,
  description: freeText(2000).default(''),
  challengeId: Id.optional(),
  questionNumber: z.number().int().min(1).max(1000).optional(),
}).strict().superRefine((input, ctx) => {
  const definition = incidentCategory(input.category);
  if (definition?.namesQuestion) {
    if (input.challengeId === undefined && input.questionNumber === undefined) {
      ctx.addIssue({ code: 'custom', path: ['challengeId'], message: `un signalement ${input.category} désigne une question (challengeId ou questionNumber)` });
    }
    if (input.challengeId !== undefined && input.questionNumber !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['questionNumber'], message: 'désignez la question par son épreuve ou par son numéro, pas les deux' });
    }
  } else {
    if (input.challengeId !== undefined) ctx.addIssue({ code: 'custom', path: ['challengeId'], message: `un signalement ${input.category} ne désigne pas de question` });
    if (input.questionNumber !== undefined) ctx.addIssue({ code: 'custom', path: ['questionNumber'], message: `un signalement ${input.category} ne désigne pas de question` });
  }
});
export type IncidentInput = z.input<typeof IncidentInput>;

export const Incident = z.object({
  id: z.number().int().positive(),
  candidateId: z.number().int().positive(),
  category: IncidentCategory,
  challengeId: z.string().nullable(),
  questionNumber: z.number().int().nullable(),
  description: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
}).strict();
export type Incident = z.infer<typeof Incident>;
export const IncidentAnswer = z.object({ incident: Incident }).strict();
export const IncidentList = z.object({ incidents: z.array(Incident) }).strict();

/** `GET …/events?kind=` — one kind of audit event (`checkInFailed`, `lockdown`…) or of signal (`focusLost`…). */
export const EventsQuery = z.object({
  kind: z.string().regex(/^[A-Za-z]{1,40}$/, 'nom de type d’événement attendu (1 à 40 lettres, par exemple checkInFailed ou focusLost)').optional(),
}).strict();
export type EventsQuery = z.infer<typeof EventsQuery>;

/** A lockdown event as the console lists it. */
export const LockdownEventView = z.object({
  id: z.number().int(),
  candidateId: z.number().int(),
  kioskId: z.number().int(),
  kind: LockdownEventKind,
  cause: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  challengeId: z.string().nullable(),
  policy: LockdownPolicy,
  /** The same signal repeated within a few seconds is one event: how many times it came, over how long (ms). */
  count: z.number().int().min(1),
  durationMs: z.number().int().min(0),
}).strict();
export type LockdownEventView = z.infer<typeof LockdownEventView>;

/** One event of a session's hash-chained journal (electron/centre/audit/): `payload` is any JSON object. */
export const AuditEvent = z.object({
  sessionId: z.number().int().positive(),
  seq: z.number().int().min(1),
  at: z.string(),
  kind: z.string(),
  candidateId: z.number().int().nullable(),
  kioskId: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
}).strict();

/** The session's journal (newest first) and its lockdown signals. */
export const SessionEvents = z.object({ events: z.array(AuditEvent), lockdownEvents: z.array(LockdownEventView) }).strict();

/** R-FIN-1, R-FIN-3 — what the invigilator states for one candidate who started. */
export const CandidateFinalisation = z.object({
  candidateId: z.number().int().positive(),
  /** Only for an unfinished test (R-FIN-1). */
  abortReason: AbortReason.nullable().default(null),
  /** R-FIN-3 — "écran de fin de test vu". */
  endScreenSeen: z.boolean().default(false),
}).strict();

/** R-FIN-1..3 — finalising a session. */
export const FinalisationRequest = z.object({
  globalComment: freeText(5000).default(''),
  incidentDuringSession: z.boolean(),
  joiningIssue: z.boolean(),
  candidates: z.array(CandidateFinalisation).max(1000).default([]),
}).strict().superRefine((request, ctx) => {
  const seen = new Set<number>();
  request.candidates.forEach((c, i) => {
    if (seen.has(c.candidateId)) ctx.addIssue({ code: 'custom', path: ['candidates', i, 'candidateId'], message: `candidat en double : ${c.candidateId}` });
    seen.add(c.candidateId);
  });
});
export type FinalisationRequest = z.input<typeof FinalisationRequest>;

/** What a successful finalisation answers; the document itself is at `GET …/results`. */
export const FinalisationAnswer = z.object({
  sessionId: z.number().int().positive(),
  finalisedAt: z.string(),
  resultsSha256: z.string(),
  chainHead: z.object({ seq: z.number().int(), hash: z.string() }).strict(),
  /** Provisional outcome per candidate (the authority scores again). */
  candidates: z.array(z.object({
    candidateId: z.number().int().positive(),
    lastName: z.string(),
    firstName: z.string(),
    status: z.enum(['validated', 'rejected', 'cancelled', 'error']),
    pix: z.number().int().min(0),
    reproducibilityRate: z.number().int(),
    /** Why the result is not `validated` (R-SCORE-5, R-SCORE-8, R-SCORE-9), null when it is: the scoring result's reason. */
    reason: z.string().nullable(),
  }).strict()),
}).strict();
export type FinalisationAnswer = z.infer<typeof FinalisationAnswer>;

/**
 * `GET …/results/scoring` — per candidate who sat a test, the scoring input after finalisation (section 5): what the
 * console's review reads to say why a result is not validated (R-SCORE-8). Format 3 documents no longer carry it
 * (readers recompute it with the content, whose solutions never leave the centre server): the server computes it
 * from what it stored; for a format 2 document, it is the document's own.
 */
export const ResultsScoring = z.object({
  candidates: z.array(z.object({ candidateId: z.number().int().positive(), scoringInput: ScoringInput }).strict()),
}).strict();
export type ResultsScoring = z.infer<typeof ResultsScoring>;
