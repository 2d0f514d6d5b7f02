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
 * frozen profiles, tests with seeds, every answer with its raw value and timing, incidents, the finalisation
 * effects, the centre's provisional result, and the head of the session's audit hash chain (its events travel in
 * audit.jsonl). What the platform recomputes anyway from these raw facts (issue 9 §3) does not travel (format 3).
 */
export const RESULTS_FORMAT = 'passation/results';
/**
 * 2: the bundle carries the audit log itself (audit.jsonl, shared/formats/audit-log.ts), `auditChain.logSha256`.
 * 3: each test carries only raw facts — the drawn test as its inputs and challenge ids (`drawnTest`, R-GEN-4), each
 * answer without what R-INC-1 and R-VAL derive (statuses, question numbers, timers), no certifiable competences nor
 * scoring input (R-PROF-2, section 5: recomputed). Version 2 documents stay readable (ResultsDocumentV2).
 */
export const RESULTS_FORMAT_VERSION = 3;
/** The versions readers accept (AnyResultsDocument). */
export const RESULTS_FORMAT_VERSIONS = [2, 3] as const;

const DateTime = z.string().datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue (64 caractères hexadécimaux)');
/** R-SESS-7 */
export const VERIFICATION_CODE_PATTERN = /^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/;

export const ResultsPackageRef = z.object({ packageId: Id, version: z.string(), sha256: Sha256 }).strict();

/** Format 2 — one answer as stored, in delivery order (R-VAL-4), with what was derived from it. */
export const ResultsAnswerV2 = z.object({
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
export type ResultsAnswerV2 = z.infer<typeof ResultsAnswerV2>;

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

/** Format 2 — one candidate's test with the derived data (certifiable competences, whole drawn test, scoring input). */
export const ResultsTestV2 = z.object({
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
  answers: z.array(ResultsAnswerV2),
  lockdownEvents: z.array(ResultsLockdownEvent),
  effects: z.array(ResultsEffect),
  /** R-INC-1 — C1 and C6 reports wait for a person's review. */
  manualReview: z.array(IncidentCategory),
  /** Section 5 — the scoring input after finalisation, and the provisional result computed from it. */
  scoringInput: ScoringInput,
  result: ScoringResult,
}).strict();
export type ResultsTestV2 = z.infer<typeof ResultsTestV2>;

/**
 * Format 3 — one answer's raw facts, as the kiosk sent them and the centre received them (R-VAL-4). Its position is
 * the index of its challenge in the drawn test's `challengeIds` (R-GEN-5); its question number (R-INC-1), validation
 * and status (R-VAL-*), field results and timer (R-VAL-6) are recomputed from these facts and the content.
 */
export const ResultsAnswer = z.object({
  challengeId: Id,
  /** The raw answer (or `{"skipped": true}`). */
  answer: Answer,
  /** When the centre received it. */
  answeredAt: DateTime,
  /** Time spent on the challenge, as the kiosk measured it. */
  elapsedMs: z.number().int().min(0),
  /** The kiosk said the timer ran out (counts only for a timed challenge, R-VAL-5). */
  timedOut: z.boolean(),
  /** The kiosk said the window lost focus during the challenge (R-VAL-5). */
  focusLost: z.boolean(),
  /** The kiosk that sent it. */
  kioskId: z.number().int().positive(),
}).strict();
export type ResultsAnswer = z.infer<typeof ResultsAnswer>;

/**
 * Format 3, R-GEN-4 — the drawn test as what it was drawn from and what it drew: the same content, frozen profile and
 * seed give the same test, so the rest (competences, skills, tubes, difficulties, types) is drawn again by readers.
 */
export const ResultsDrawnTest = z.object({
  /** The content package it was drawn from (`content` of the document names the same package). */
  contentId: Id,
  contentVersion: z.string(),
  seed: z.number().int().min(0).max(0xffffffff),
  locale: Locale,
  /** R-GEN-5 — the challenges in delivery order: answer n° k of the test is to `challengeIds[k - 1]`. */
  challengeIds: z.array(Id),
}).strict();
export type ResultsDrawnTest = z.infer<typeof ResultsDrawnTest>;

/** Format 3 — one candidate's test: raw facts, the finalisation's effects and the centre's provisional result. */
export const ResultsTest = z.object({
  /** R-SESS-7 */
  verificationCode: z.string().regex(VERIFICATION_CODE_PATTERN, 'code de vérification invalide'),
  state: z.enum(['completed', 'endedByInvigilator', 'endedDueToFinalisation']),
  startedAt: DateTime,
  endedAt: DateTime,
  abortReason: AbortReason.nullable(),
  /** R-FIN-3 — "écran de fin de test vu". */
  endScreenSeen: z.boolean(),
  /** R-PROF-4 — the profile frozen when the candidate entered (its certifiable competences follow, R-PROF-2). */
  frozenProfile: PupilProfile,
  /** R-GEN-4 */
  drawnTest: ResultsDrawnTest,
  /** In delivery order (R-VAL-4), at most one per challenge of the drawn test. */
  answers: z.array(ResultsAnswer),
  lockdownEvents: z.array(ResultsLockdownEvent),
  /** R-FIN-2, R-INC-1 — what finalisation did, as the centre found it (readers compare theirs). */
  effects: z.array(ResultsEffect),
  /** R-INC-1 — C1 and C6 reports wait for a person's review. */
  manualReview: z.array(IncidentCategory),
  /** Section 5 — the centre's provisional result, which the platform compares with its own. */
  result: ScoringResult,
}).strict();
export type ResultsTest = z.infer<typeof ResultsTest>;

const candidateOf = <T extends z.ZodType>(test: T) => z.object({
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
  test: test.nullable(),
}).strict();
export const ResultsCandidate = candidateOf(ResultsTest);
export type ResultsCandidate = z.infer<typeof ResultsCandidate>;
export const ResultsCandidateV2 = candidateOf(ResultsTestV2);
export type ResultsCandidateV2 = z.infer<typeof ResultsCandidateV2>;


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

const documentOf = <V extends number, C extends z.ZodType>(version: V, candidate: C) => z.object({
  format: z.literal(RESULTS_FORMAT),
  formatVersion: z.literal(version),
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
  candidates: z.array(candidate),
  incidents: z.array(ResultsIncident),
  /**
   * Architecture §2 — the session's audit log up to the finalisation: its number of events, the hash of the last
   * one, and the SHA-256 of audit.jsonl, the file of the events beside results.json in the bundle. From them the
   * platform and `passation verify` recompute the chain and check that no event was removed, reordered or edited.
   */
  auditChain: z.object({ seq: z.number().int().min(1), head: Sha256, logSha256: Sha256 }).strict(),
}).strict();

/** The current format (3): what the centre writes. */
export const ResultsDocument = documentOf(RESULTS_FORMAT_VERSION, ResultsCandidate);
export type ResultsDocument = z.infer<typeof ResultsDocument>;
/** Format 2, for reading bundles signed before format 3 (a centre's outbox, an auditor's archive). */
export const ResultsDocumentV2 = documentOf(2, ResultsCandidateV2);
export type ResultsDocumentV2 = z.infer<typeof ResultsDocumentV2>;

/** What readers accept (the platform, `passation verify` and `rescore`, the console): format 2 or 3, by `formatVersion`. */
export const AnyResultsDocument = z.discriminatedUnion('formatVersion', [ResultsDocumentV2, ResultsDocument]);
export type AnyResultsDocument = ResultsDocumentV2 | ResultsDocument;
export type AnyResultsTest = ResultsTestV2 | ResultsTest;
export type AnyResultsCandidate = ResultsCandidateV2 | ResultsCandidate;

/** A test's challenge ids in delivery order (R-GEN-5), whatever its format. */
export function drawnChallengeIds(test: AnyResultsTest): string[] {
  return 'drawnTest' in test ? test.drawnTest.challengeIds : test.generatedTest.challenges.map((c) => c.challengeId);
}

/** What a test was drawn with (R-GEN-4), whatever its format. */
export function drawInputs(test: AnyResultsTest): { contentId: string; contentVersion: string; seed: number; locale: ResultsDrawnTest['locale'] } {
  const { contentId, contentVersion, seed, locale } = 'drawnTest' in test ? test.drawnTest : test.generatedTest;
  return { contentId, contentVersion, seed, locale };
}

/**
 * The 1-based position of each answer of a test (R-GEN-5), in the answers' order: format 2 states it, format 3 has
 * it from the drawn ids (0 for an answer to a challenge outside the drawn test).
 */
export function answerPositions(test: AnyResultsTest): number[] {
  if (!('drawnTest' in test)) return test.answers.map((a) => a.position);
  const indexOf = new Map(test.drawnTest.challengeIds.map((id, i) => [id, i]));
  return test.answers.map((a) => (indexOf.get(a.challengeId) ?? -1) + 1);
}
