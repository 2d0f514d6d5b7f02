import { z } from 'zod';
import { IncidentCategory } from '../certification/incidents';
import { Answer, AnswerStatus, ValidationStatus } from './challenge';
import { Id, IsoDate, Locale, MaxLevel } from './common';
import { GeneratedTest } from './generated-test';
import { LockdownEventKind, LockdownPolicy } from './kiosk-api';
import { CompetenceEstimate, PupilProfile } from './profile-package';
import { AbortReason, ScoringInput, ScoringResult } from './scoring';
import { Birthplace } from './session';

/**
 * The results document of a finalised session (R-FIN-1..3, architecture §2): canonical JSON (RFC 8785) of
 * this shape is what the centre signs and sends. Everything needed to check and score it again travels in it:
 * frozen profiles, tests with seeds, every answer with its raw value, timing and status, incidents, the
 * finalisation effects, and the head of the session's audit hash chain (its events travel in audit.jsonl).
 */
export const RESULTS_FORMAT = 'passation/results';
/** 2: the bundle carries the audit log itself (audit.jsonl, shared/formats/audit-log.ts), `auditChain.logSha256`. */
export const RESULTS_FORMAT_VERSION = 2;

const DateTime = z.string().datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue (64 caractères hexadécimaux)');
/** R-SESS-7 */
export const VERIFICATION_CODE_PATTERN = /^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/;

export const ResultsPackageRef = z.object({ packageId: Id, version: z.string(), sha256: Sha256 }).strict();

/** One answer as stored, in delivery order (R-VAL-4). */
export const ResultsAnswer = z.object({
  challengeId: Id,
  /** 1-based position in delivery order (R-GEN-5). */
  position: z.number().int().min(1),
  /** R-INC-1 — 1-based number in the candidate's chronological answer order. */
  questionNumber: z.number().int().min(1),
  answer: Answer,
  validation: ValidationStatus,
  status: AnswerStatus,
  /** QROCM — each field good or not. */
  fieldResults: z.record(z.string(), z.boolean()).nullable(),
  timedOut: z.boolean(),
  focusLost: z.boolean(),
  elapsedMs: z.number().int().min(0),
  /** The extended timer in force (R-VAL-6), null when the challenge is not timed. */
  timerSeconds: z.number().int().positive().nullable(),
  answeredAt: DateTime,
  kioskId: z.number().int().positive(),
  clientAnswerId: z.string(),
}).strict();
export type ResultsAnswer = z.infer<typeof ResultsAnswer>;

export const ResultsLockdownEvent = z.object({
  kind: LockdownEventKind,
  cause: z.string(),
  occurredAt: z.string(),
  receivedAt: DateTime,
  challengeId: z.string().nullable(),
  kioskId: z.number().int().positive(),
  policy: LockdownPolicy,
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
}).strict();

/** R-FIN-2, R-INC-1 — what finalisation did to one challenge. */
export const ResultsEffect = z.object({
  challengeId: z.string().nullable(),
  questionNumber: z.number().int().nullable(),
  category: z.union([IncidentCategory, z.literal('R-FIN-2')]),
  effect: z.enum(['neutralized', 'autoSkipped', 'validated', 'none']),
  reason: z.string(),
}).strict();

export const ResultsTest = z.object({
  /** R-SESS-7 */
  verificationCode: z.string().regex(VERIFICATION_CODE_PATTERN, 'code de vérification invalide'),
  state: z.enum(['completed', 'endedByInvigilator', 'endedDueToFinalisation']),
  startedAt: DateTime,
  endedAt: DateTime,
  abortReason: AbortReason.nullable(),
  /** R-FIN-3 — "écran de fin de test vu". */
  endScreenSeen: z.boolean(),
  /** R-PROF-4 — the profile frozen when the candidate entered. */
  frozenProfile: PupilProfile,
  /** R-PROF-2 — the certifiable competences computed from it (what the test was drawn for). */
  certifiableCompetences: z.array(CompetenceEstimate),
  /** R-GEN-4 — with its seed: the same content, profile and seed give the same test. */
  generatedTest: GeneratedTest,
  answers: z.array(ResultsAnswer),
  lockdownEvents: z.array(ResultsLockdownEvent),
  effects: z.array(ResultsEffect),
  /** R-INC-1 — C1 and C6 reports wait for a person's review. */
  manualReview: z.array(IncidentCategory),
  /** Section 5 — the scoring input after finalisation, and the provisional result computed from it. */
  scoringInput: ScoringInput,
  result: ScoringResult,
}).strict();
export type ResultsTest = z.infer<typeof ResultsTest>;

export const ResultsCandidate = z.object({
  candidateId: z.number().int().positive(),
  lastName: z.string(),
  firstName: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: IsoDate,
  birthplace: Birthplace,
  externalId: z.string().nullable(),
  email: z.string().nullable(),
  extraTimePercent: z.number().min(0),
  accessibilityAdjustment: z.boolean(),
  /** Null for a candidate who never started. */
  test: ResultsTest.nullable(),
}).strict();
export type ResultsCandidate = z.infer<typeof ResultsCandidate>;

/** R-FIN-3 — the attendance sheet: every registered candidate, present or not. */
export const ResultsAttendance = z.object({
  candidateId: z.number().int().positive(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: IsoDate,
  present: z.boolean(),
  presenceConfirmedAt: DateTime.nullable(),
}).strict();

export const ResultsIncident = z.object({
  id: z.number().int().positive(),
  candidateId: z.number().int().positive(),
  category: IncidentCategory,
  challengeId: z.string().nullable(),
  questionNumber: z.number().int().min(1).nullable(),
  description: z.string(),
  createdAt: DateTime,
}).strict();

export const ResultsDocument = z.object({
  format: z.literal(RESULTS_FORMAT),
  formatVersion: z.literal(RESULTS_FORMAT_VERSION),
  session: z.object({
    number: z.number().int().positive(),
    centre: z.string(),
    siteAddress: z.string(),
    room: z.string(),
    date: IsoDate,
    startTime: z.string(),
    invigilatorName: z.string(),
    description: z.string().nullable(),
    /** R-REF-3 — the cap in force when the session was created. */
    maxLevel: MaxLevel,
    locale: Locale,
  }).strict(),
  content: ResultsPackageRef,
  profiles: ResultsPackageRef,
  finalisedAt: DateTime,
  /** R-FIN-3 */
  globalComment: z.string(),
  incidentDuringSession: z.boolean(),
  joiningIssue: z.boolean(),
  attendance: z.array(ResultsAttendance),
  candidates: z.array(ResultsCandidate),
  incidents: z.array(ResultsIncident),
  /**
   * Architecture §2 — the session's audit log up to the finalisation: its number of events, the hash of the last
   * one, and the SHA-256 of audit.jsonl, the file of the events beside results.json in the bundle. From them the
   * platform and `passation verify` recompute the chain and check that no event was removed, reordered or edited.
   */
  auditChain: z.object({ seq: z.number().int().min(1), head: Sha256, logSha256: Sha256 }).strict(),
}).strict();
export type ResultsDocument = z.infer<typeof ResultsDocument>;
