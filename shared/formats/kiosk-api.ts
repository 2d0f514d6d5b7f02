import { z } from 'zod';
import { Answer, AnswerFormat, ChallengeType } from './challenge';
import { Id, IsoDate, Locale } from './common';
import { KioskInstruction } from './kiosk-instruction';
import { freeText, safeName, stripUnsafeCharacters } from './safe-text';

/**
 * The kiosk routes of the centre server (architecture §3, docs/delivery-api.md): request bodies as zod
 * schemas (the server validates with them) and the answers' shapes (the candidate UI is typed by them).
 * Every candidate route after check-in carries the entry token in the `x-passation-entry` header.
 */

/** Header carrying the entry token that check-in (or a re-entry) returned; the kiosk keeps it with the test (R-SESS-5). */
export const ENTRY_TOKEN_HEADER = 'x-passation-entry';

/** R-SESS-4 — what the candidate types on the kiosk. The access code is upper-cased here. */
export const KioskCheckIn = z.object({
  sessionNumber: z.number().int().positive().max(999_999_999),
  lastName: safeName().trim().min(1, 'nom obligatoire').max(200),
  firstName: safeName().trim().min(1, 'prénom obligatoire').max(200),
  birthDate: IsoDate,
  accessCode: z.string().trim().min(1, 'code d’accès obligatoire').max(20).transform((code) => code.toUpperCase()),
}).strict();
export type KioskCheckIn = z.input<typeof KioskCheckIn>;

/**
 * Where the candidate of an entry stands, as the kiosk shows it:
 * waitingForPresence → readyToStart → inTest ⇄ suspended → completed | endedByInvigilator | endedDueToFinalisation;
 * a re-entry: waitingForResume → readyToResume → inTest. `replaced`: the candidate checked in again elsewhere.
 */
export const KIOSK_STATES = [
  'waitingForPresence', 'readyToStart', 'waitingForResume', 'readyToResume', 'inTest', 'suspended',
  'completed', 'endedByInvigilator', 'endedDueToFinalisation', 'replaced', 'resumeExpired',
] as const;
export const KioskStateName = z.enum(KIOSK_STATES);
export type KioskStateName = z.infer<typeof KioskStateName>;

/** kiosk-lockdown.md §2 — the signals a kiosk reports. */
export const LOCKDOWN_EVENT_KINDS = [
  'focusLost', 'focusRegained',
  'displayAdded', 'displayRemoved', 'displayChanged', 'secondDisplayAtStart',
  'virtualMachineSuspected', 'remoteSessionSuspected',
  'batteryLow', 'networkLost', 'networkRestored',
  'shellIntegrity', 'forbiddenKey', 'allowedApplicationOpened', 'allowedApplicationClosed', 'technicianExit',
  'technicianRepairing',
] as const;
export const LockdownEventKind = z.enum(LOCKDOWN_EVENT_KINDS);
export type LockdownEventKind = z.infer<typeof LockdownEventKind>;

/** kiosk-lockdown.md §2 — why a running test is suspended: the signal's kind (the kiosk words it) and its cause as reported. */
export const KioskSuspension = z.object({ kind: LockdownEventKind, cause: z.string(), at: z.string() }).strict();
export type KioskSuspension = z.infer<typeof KioskSuspension>;

export const KioskState = z.object({
  /** The kiosk's catalogue words it in the candidate's language (no server-built sentence). */
  state: KioskStateName,
  /** Answered / total, once the test exists. */
  progress: z.object({ answered: z.number().int().min(0), total: z.number().int().min(1) }).strict().nullable(),
  extraTimePercent: z.number().min(0),
  /** R-GEN-6 — start + 105 min + extra time; null before the start. */
  theoreticalEndAt: z.string().nullable(),
  /** R-VAL-6 — the timers of the challenges not answered yet, extended by the current extra time (seconds). */
  timers: z.record(z.string(), z.number().int().positive()),
  /** Present while the state is `suspended`: what suspended the test (the screen says it, the invigilator lifts it). */
  suspension: KioskSuspension.optional(),
  /**
   * The session is finalised (or later: signed, sent): the kiosk may clear its copy of the pupil's test and answers.
   * Always sent by this station; optional for a kiosk talking to an older one.
   */
  sessionFinalised: z.boolean().optional(),
}).strict();
export type KioskState = z.infer<typeof KioskState>;

export const KioskCheckInAnswer = z.object({
  /** Sent back in the `x-passation-entry` header on every later candidate request. */
  entryToken: z.string(),
  candidate: z.object({ lastName: z.string(), firstName: z.string() }).strict(),
  state: KioskState,
}).strict();
export type KioskCheckInAnswer = z.infer<typeof KioskCheckInAnswer>;

/** An asset of a challenge: fetched from `url` (same entry header). */
export const KioskAsset = z.object({
  id: Id,
  fileName: z.string(),
  mediaType: z.string(),
  sha256: z.string(),
  url: z.string(),
}).strict();
export type KioskAsset = z.infer<typeof KioskAsset>;

/**
 * R-CHAL-3 — a challenge as the kiosk receives it: exactly these fields, never a solution or a tolerance.
 * The timer is already extended by the candidate's extra time (R-VAL-6).
 */
export const KioskChallenge = z.object({
  challengeId: Id,
  /** 1-based position in delivery order (R-GEN-5). */
  position: z.number().int().min(1),
  type: ChallengeType,
  /** R-CHAL-1 — the instruction's markdown, prepared by the station as a typed tree of text (kiosk-instruction.ts). */
  instruction: KioskInstruction,
  alternativeInstruction: z.string().optional(),
  proposals: z.string(),
  format: AnswerFormat,
  illustration: z.object({ asset: KioskAsset, alt: z.string() }).strict().optional(),
  attachment: z.object({ assets: z.array(KioskAsset) }).strict().optional(),
  embed: z.object({ url: z.string(), title: z.string(), height: z.number().int() }).strict().optional(),
  /** Seconds, extended (R-VAL-6); `baseSeconds` is the content's own timer. */
  timer: z.object({ seconds: z.number().int().positive(), baseSeconds: z.number().int().positive() }).strict().optional(),
  focused: z.boolean(),
}).strict();
export type KioskChallenge = z.infer<typeof KioskChallenge>;

/** What a start (or an authorised re-entry) delivers: the whole test, without solutions (R-CHAL-3). */
export const KioskTest = z.object({
  candidate: z.object({ lastName: z.string(), firstName: z.string() }).strict(),
  locale: Locale,
  startedAt: z.string(),
  /** R-GEN-6 — shown, not enforced: there is no global timer. */
  theoreticalEndAt: z.string(),
  /** R-GEN-6 — after this moment a re-entry is refused. */
  resumeLimitAt: z.string(),
  extraTimePercent: z.number().min(0),
  accessibilityAdjustment: z.boolean(),
  challenges: z.array(KioskChallenge),
  answeredChallengeIds: z.array(Id),
  /** R-SESS-5 — a resumed test continues at the first unanswered challenge (0-based index; null = all answered). */
  resumeAt: z.number().int().min(0).nullable(),
  state: KioskState,
}).strict();
export type KioskTest = z.infer<typeof KioskTest>;

/** Longest time a candidate can spend on one challenge that the server records (a week, in ms). */
export const MAX_ELAPSED_MS = 7 * 24 * 60 * 60 * 1000;

/** A kiosk-chosen id for one answer, one event: replays carry the same id. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'identifiant attendu : 1 à 64 lettres, chiffres, _ ou -');

/** R-VAL-4, R-VAL-5 — one answer; the kiosk says whether it came after the timer and whether focus was lost. */
export const KioskAnswer = z.object({
  challengeId: Id,
  answer: Answer,
  clientAnswerId: ClientId,
  elapsedMs: z.number().int().min(0).max(MAX_ELAPSED_MS),
  timedOut: z.boolean(),
  focusLost: z.boolean(),
}).strict();
export type KioskAnswer = z.infer<typeof KioskAnswer>;

/** The acknowledgement: the answer is stored durably. It never says whether the answer was right. */
export const AnswerAck = z.object({
  saved: z.literal(true),
  challengeId: Id,
  /** The id of the FIRST answer stored for this challenge (a replay gets the first acknowledgement). */
  clientAnswerId: z.string(),
  savedAt: z.string(),
  /** This answer was the test's last one. */
  testCompleted: z.boolean(),
}).strict();
export type AnswerAck = z.infer<typeof AnswerAck>;

/**
 * R-VAL-4 — an answer sent on the kiosk's live WebSocket (`/api/kiosk/live`) instead of `POST /api/kiosk/answers`:
 * the same body and the same entry token, in one frame on the connection the kiosk keeps open (no HTTP request
 * per answer). The station replies `answerSaved` (with the acknowledgement, byte for byte the one the HTTP route
 * gives, the same on every replay) or `answerRefused` (with the HTTP status the route would have given).
 */
export const KioskLiveAnswer = z.object({
  type: z.literal('answer'),
  entryToken: z.string().max(100),
  body: KioskAnswer,
}).strict();
export type KioskLiveAnswer = z.infer<typeof KioskLiveAnswer>;


/** What the centre does with a signal (kiosk-lockdown.md §2). */
export const LockdownPolicy = z.enum(['suspend', 'warn', 'log']);
export type LockdownPolicy = z.infer<typeof LockdownPolicy>;

const MAX_DETAIL_KEYS = 20;
const DetailValue = z.union([z.string().overwrite(stripUnsafeCharacters).max(500), z.number(), z.boolean(), z.null()]);

/** One lockdown or focus event `{kind, cause, at, details}`. `challengeId`: the challenge on screen, if any. */
export const KioskEvent = z.object({
  kind: LockdownEventKind,
  cause: freeText(200).min(1, 'cause obligatoire'),
  at: z.string().datetime({ offset: true }),
  challengeId: Id.optional(),
  clientEventId: ClientId.optional(),
  details: z.record(z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'clé attendue : 1 à 40 lettres, chiffres ou _'), DetailValue)
    .refine((d) => Object.keys(d).length <= MAX_DETAIL_KEYS, `${MAX_DETAIL_KEYS} détails au plus`)
    .optional(),
}).strict();
export type KioskEvent = z.input<typeof KioskEvent>;

export const KioskEventAnswer = z.object({ recorded: z.literal(true), policy: LockdownPolicy, state: KioskState }).strict();
export type KioskEventAnswer = z.infer<typeof KioskEventAnswer>;
