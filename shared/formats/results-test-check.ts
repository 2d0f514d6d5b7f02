import { z } from 'zod';
import { INCIDENT_CATEGORY_CODES } from '../certification/incidents';
import { AnswerStatus, ChallengeType, ValidationStatus } from './challenge';
import { COMPETENCE_CODES, ID_PATTERN, ISO_DATE_PATTERN, isExistingIsoDate, Locale } from './common';
import { GENERATED_TEST_FORMAT, GENERATED_TEST_FORMAT_VERSION } from './generated-test';
import { LOCKDOWN_EVENT_KINDS, LockdownPolicy } from './kiosk-api';
import {
  RESULTS_FORMAT_VERSION, ResultsCandidate, ResultsCandidateV2, ResultsDocument, ResultsDocumentV2, VERIFICATION_CODE_PATTERN,
  type AnyResultsDocument,
} from './results';
import { AbortReason, CertificationStatus } from './scoring';

/**
 * The same yes/no as `ResultsTest.safeParse(value).success` (a record with an own `__proto__` key aside, see everyValue) (shared/formats/results.ts), written out by hand for
 * speed: one results document holds 30 tests of ≈ 15 answers each, and zod's per-element work (a result object,
 * an issue list and a copy of every object) was ≈ 20 % of the platform's receiving. It only says yes or no: on
 * no, the caller runs the zod schema, whose French messages name the field (the errors stay zod's). The enums and
 * patterns are the schemas' own constants; a property test (results-test-check.test.ts) checks the two agree on
 * genuine, random and mutated tests. Any change to ResultsTest or what it uses must be made here too (the test fails).
 * Format 3 (the current one); isResultsTestV2 is format 2's.
 */
export function isResultsTest(v: unknown): boolean {
  if (!isRecord(v) || !onlyKeys(v, TEST_KEYS)) return false;
  return isTestFacts(v)
    && isDrawnTest(v.drawnTest)
    && everyOf(v.answers, isResultsAnswer)
    && isScoringResult(v.result);
}

/** The same yes/no as `ResultsTestV2.safeParse(value).success`, as isResultsTest. */
export function isResultsTestV2(v: unknown): boolean {
  if (!isRecord(v) || !onlyKeys(v, TEST_V2_KEYS)) return false;
  return isTestFacts(v)
    && everyOf(v.certifiableCompetences, isCompetenceEstimate)
    && isGeneratedTest(v.generatedTest)
    && everyOf(v.answers, isResultsAnswerV2)
    && isScoringInput(v.scoringInput)
    && isScoringResult(v.result);
}

/** The fields both formats share. */
function isTestFacts(v: Rec): boolean {
  return isPattern(v.verificationCode, VERIFICATION_CODE_PATTERN)
    && inSet(v.state, TEST_STATES)
    && isDateTime(v.startedAt) && isDateTime(v.endedAt)
    && (v.abortReason === null || inSet(v.abortReason, ABORT_REASONS))
    && typeof v.endScreenSeen === 'boolean'
    && isPupilProfile(v.frozenProfile)
    && everyOf(v.lockdownEvents, isLockdownEvent)
    && everyOf(v.effects, isEffect)
    && everyOf(v.manualReview, (c) => inSet(c, INCIDENT_CATEGORIES));
}

type Rec = Record<string, unknown>;
const set = (values: readonly string[]) => new Set<unknown>(values);
const TEST_KEYS = set(['verificationCode', 'state', 'startedAt', 'endedAt', 'abortReason', 'endScreenSeen', 'frozenProfile', 'drawnTest', 'answers', 'lockdownEvents', 'effects', 'manualReview', 'result']);
const TEST_V2_KEYS = set(['verificationCode', 'state', 'startedAt', 'endedAt', 'abortReason', 'endScreenSeen', 'frozenProfile', 'certifiableCompetences', 'generatedTest', 'answers', 'lockdownEvents', 'effects', 'manualReview', 'scoringInput', 'result']);
const TEST_STATES = set(['completed', 'endedByInvigilator', 'endedDueToFinalisation']);
const ABORT_REASONS = set(AbortReason.options);
const INCIDENT_CATEGORIES = set(INCIDENT_CATEGORY_CODES);
const COMPETENCES = set(COMPETENCE_CODES);
const CHALLENGE_TYPES = set(ChallengeType.options);
const VALIDATION_STATUSES = set(ValidationStatus.options);
const ANSWER_STATUSES = set(AnswerStatus.options);
const LOCALES = set(Locale.options);
const LOCKDOWN_KINDS = set(LOCKDOWN_EVENT_KINDS);
const LOCKDOWN_POLICIES = set(LockdownPolicy.options);
const CERTIFICATION_STATUSES = set(CertificationStatus.options);
/** zod's own pattern for `z.string().datetime({ offset: true })`. */
const DATE_TIME = z.regexes.datetime({ offset: true, local: false, precision: null });

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** A strict object: every own key known; the required ones are checked by their own tests (undefined fails them). */
function onlyKeys(v: Rec, keys: ReadonlySet<unknown>): boolean {
  for (const k in v) if (!keys.has(k)) return false;
  // `for…in` skips non-enumerable and symbol keys, which JSON never makes; Object.keys agrees for parsed JSON.
  return true;
}
const inSet = (v: unknown, s: ReadonlySet<unknown>) => typeof v === 'string' && s.has(v);
const isPattern = (v: unknown, p: RegExp) => typeof v === 'string' && p.test(v);
const isDateTime = (v: unknown) => isPattern(v, DATE_TIME);
const isId = (v: unknown) => isPattern(v, ID_PATTERN);
const isIsoDate = (v: unknown) => typeof v === 'string' && ISO_DATE_PATTERN.test(v) && isExistingIsoDate(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** zod 4's `.int()`: a safe integer. */
const isInt = (v: unknown, min = -Infinity, max = Infinity): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const isText = (v: unknown, min = 0, max = Infinity) => typeof v === 'string' && v.length >= min && v.length <= max;
function everyOf(v: unknown, each: (item: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!each(v[i])) return false;
  return true;
}
function everyValue(v: unknown, each: (key: string, item: unknown) => boolean): boolean {
  if (!isRecord(v)) return false;
  // zod's z.record drops an own `__proto__` key (JSON.parse makes one from `"__proto__": …`) from its copy: such a
  // document is left to zod (a no here), so that a yes always means zod's copy equals the document.
  for (const k in v) if (k === '__proto__' || !each(k, v[k])) return false;
  return true;
}

const PROFILE_KEYS = set(['pupilId', 'lastName', 'firstName', 'birthDate', 'knowledgeElements', 'answeredChallengeIds']);
function isPupilProfile(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, PROFILE_KEYS)
    && isText(v.pupilId, 1, 64) && isText(v.lastName, 1, 120) && isText(v.firstName, 1, 120) && isIsoDate(v.birthDate)
    && everyOf(v.knowledgeElements, isKnowledgeElement)
    && (v.answeredChallengeIds === undefined || everyOf(v.answeredChallengeIds, isId));
}
const KE_KEYS = set(['skillId', 'competence', 'status', 'source', 'challengeId', 'earnedPix', 'createdAt']);
function isKnowledgeElement(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, KE_KEYS)
    && isId(v.skillId) && inSet(v.competence, COMPETENCES)
    && (v.status === 'validated' || v.status === 'invalidated')
    && (v.source === 'direct' || v.source === 'inferred')
    && (v.challengeId === undefined || isId(v.challengeId))
    && isNumber(v.earnedPix) && v.earnedPix >= 0 && v.earnedPix <= 8
    && isDateTime(v.createdAt)
    && (v.source !== 'direct' || v.challengeId !== undefined);
}
const ESTIMATE_KEYS = set(['code', 'estimatedLevel', 'pixScore']);
function isCompetenceEstimate(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, ESTIMATE_KEYS) && inSet(v.code, COMPETENCES) && isInt(v.estimatedLevel, 0) && isInt(v.pixScore, 0);
}

const GENERATED_KEYS = set(['format', 'formatVersion', 'contentId', 'contentVersion', 'locale', 'seed', 'competences', 'challenges']);
const TEST_CHALLENGE_KEYS = set(['challengeId', 'skillId', 'skillName', 'tubeId', 'competence', 'difficulty', 'type']);
function isGeneratedTest(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, GENERATED_KEYS)
    && v.format === GENERATED_TEST_FORMAT && v.formatVersion === GENERATED_TEST_FORMAT_VERSION
    && isId(v.contentId) && typeof v.contentVersion === 'string' && inSet(v.locale, LOCALES) && isInt(v.seed, 0, 0xffffffff)
    && everyOf(v.competences, isCompetenceEstimate)
    && everyOf(v.challenges, (c) => isRecord(c) && onlyKeys(c, TEST_CHALLENGE_KEYS)
      && isId(c.challengeId) && isId(c.skillId) && typeof c.skillName === 'string' && isId(c.tubeId)
      && inSet(c.competence, COMPETENCES) && isInt(c.difficulty, 1, 8) && inSet(c.type, CHALLENGE_TYPES));
}

const DRAWN_KEYS = set(['contentId', 'contentVersion', 'seed', 'locale', 'challengeIds']);
function isDrawnTest(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, DRAWN_KEYS)
    && isId(v.contentId) && typeof v.contentVersion === 'string' && isInt(v.seed, 0, 0xffffffff) && inSet(v.locale, LOCALES)
    && everyOf(v.challengeIds, isId);
}
const ANSWER_KEYS = set(['challengeId', 'answer', 'answeredAt', 'elapsedMs', 'timedOut', 'focusLost', 'kioskId']);
function isResultsAnswer(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, ANSWER_KEYS)
    && isId(v.challengeId) && isAnswer(v.answer) && isDateTime(v.answeredAt) && isInt(v.elapsedMs, 0)
    && typeof v.timedOut === 'boolean' && typeof v.focusLost === 'boolean' && isInt(v.kioskId, 1);
}
const ANSWER_V2_KEYS = set(['challengeId', 'position', 'questionNumber', 'answer', 'validation', 'status', 'fieldResults', 'timedOut', 'focusLost', 'elapsedMs', 'timerSeconds', 'answeredAt', 'kioskId', 'clientAnswerId']);
function isResultsAnswerV2(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, ANSWER_V2_KEYS)
    && isId(v.challengeId) && isInt(v.position, 1) && isInt(v.questionNumber, 1)
    && isAnswer(v.answer)
    && inSet(v.validation, VALIDATION_STATUSES) && inSet(v.status, ANSWER_STATUSES)
    && (v.fieldResults === null || everyValue(v.fieldResults, (_, b) => typeof b === 'boolean'))
    && typeof v.timedOut === 'boolean' && typeof v.focusLost === 'boolean'
    && isInt(v.elapsedMs, 0)
    && (v.timerSeconds === null || isInt(v.timerSeconds, 1))
    && isDateTime(v.answeredAt) && isInt(v.kioskId, 1) && typeof v.clientAnswerId === 'string';
}
/** shared/formats/challenge.ts `Answer`: exactly one of five strict shapes. */
function isAnswer(v: unknown): boolean {
  if (!isRecord(v)) return false;
  let key: string | null = null;
  for (const k in v) {
    if (key !== null) return false;
    key = k;
  }
  switch (key) {
    case 'skipped': return v.skipped === true;
    case 'choice': return isText(v.choice, 0, 200);
    case 'choices': return Array.isArray(v.choices) && v.choices.length <= 50 && everyOf(v.choices, (c) => isText(c, 0, 200));
    case 'value': return isText(v.value, 0, 10_000);
    case 'values': return everyValue(v.values, (k, s) => k.length <= 100 && isText(s, 0, 10_000));
    default: return false;
  }
}

const LOCKDOWN_KEYS = set(['kind', 'cause', 'occurredAt', 'receivedAt', 'challengeId', 'kioskId', 'policy', 'details']);
function isLockdownEvent(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, LOCKDOWN_KEYS)
    && inSet(v.kind, LOCKDOWN_KINDS) && typeof v.cause === 'string' && typeof v.occurredAt === 'string' && isDateTime(v.receivedAt)
    && (v.challengeId === null || typeof v.challengeId === 'string') && isInt(v.kioskId, 1) && inSet(v.policy, LOCKDOWN_POLICIES)
    && everyValue(v.details, (_, d) => d === null || typeof d === 'string' || typeof d === 'boolean' || isNumber(d));
}
const EFFECT_KEYS = set(['challengeId', 'questionNumber', 'category', 'effect', 'reason']);
const EFFECTS = set(['neutralized', 'autoSkipped', 'validated', 'none']);
function isEffect(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, EFFECT_KEYS)
    && (v.challengeId === null || typeof v.challengeId === 'string')
    && (v.questionNumber === null || isInt(v.questionNumber))
    && (v.category === 'R-FIN-2' || inSet(v.category, INCIDENT_CATEGORIES))
    && inSet(v.effect, EFFECTS) && typeof v.reason === 'string';
}

const SCORING_INPUT_KEYS = set(['maxLevel', 'competences', 'challenges', 'abortReason', 'fraud', 'cancelledByAuthority']);
const SCORING_CHALLENGE_KEYS = set(['id', 'competence', 'type', 'neutralized', 'autoSkipped', 'status']);
function isScoringInput(v: unknown): boolean {
  if (!(isRecord(v) && onlyKeys(v, SCORING_INPUT_KEYS)
    && isInt(v.maxLevel, 1, 8)
    && everyOf(v.competences, isCompetenceEstimate)
    && everyOf(v.challenges, (c) => isRecord(c) && onlyKeys(c, SCORING_CHALLENGE_KEYS)
      && isText(c.id, 1) && inSet(c.competence, COMPETENCES) && inSet(c.type, CHALLENGE_TYPES)
      && typeof c.neutralized === 'boolean' && typeof c.autoSkipped === 'boolean'
      && (c.status === null || inSet(c.status, ANSWER_STATUSES)))
    && (v.abortReason === null || inSet(v.abortReason, ABORT_REASONS))
    && typeof v.fraud === 'boolean'
    && (v.cancelledByAuthority === undefined || typeof v.cancelledByAuthority === 'boolean'))) return false;
  // Its superRefine: no competence, no challenge twice.
  return distinct(v.competences as Rec[], 'code') && distinct(v.challenges as Rec[], 'id');
}
function distinct(items: readonly Rec[], key: string): boolean {
  const seen = new Set<unknown>();
  for (const item of items) {
    if (seen.has(item[key])) return false;
    seen.add(item[key]);
  }
  return true;
}
const RESULT_KEYS = set(['status', 'reproducibilityRate', 'pix', 'competences', 'reason']);
const MARK_KEYS = set(['code', 'level', 'pix', 'challenges', 'correct', 'neutralized']);
function isScoringResult(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, RESULT_KEYS)
    && inSet(v.status, CERTIFICATION_STATUSES) && isInt(v.reproducibilityRate, 0, 100) && isInt(v.pix, 0)
    && everyOf(v.competences, (m) => isRecord(m) && onlyKeys(m, MARK_KEYS)
      && inSet(m.code, COMPETENCES) && isInt(m.level, -1) && isInt(m.pix, 0) && isInt(m.challenges, 0)
      && isInt(m.correct, 0) && isInt(m.neutralized, 0))
    && (v.reason === null || typeof v.reason === 'string');
}

/** The document around the tests: zod as before (≈ 60 small objects), each candidate's `test` left to the hand-written check. */
const ResultsShell = ResultsDocument.extend({ candidates: z.array(ResultsCandidate.extend({ test: z.unknown() })) });
const ResultsShellV2 = ResultsDocumentV2.extend({ candidates: z.array(ResultsCandidateV2.extend({ test: z.unknown() })) });

/**
 * The fast path of `ResultsDocument.safeParse` (format 3): the document when it is valid, else null — and then the
 * caller runs the zod schema for its field-naming French messages. The shell's output (zod's copy, its Birthplace and
 * names as zod gives them) with each candidate's test as parsed: ResultsTest has no transform or default, so zod's
 * copy of it would be equal.
 */
export function validResultsDocument(json: unknown): ResultsDocument | null {
  const shell = ResultsShell.safeParse(json);
  if (!shell.success) return null;
  for (const candidate of shell.data.candidates) if (candidate.test !== null && !isResultsTest(candidate.test)) return null;
  return shell.data as ResultsDocument;
}

/** The same for `ResultsDocumentV2.safeParse` (format 2). */
export function validResultsDocumentV2(json: unknown): ResultsDocumentV2 | null {
  const shell = ResultsShellV2.safeParse(json);
  if (!shell.success) return null;
  for (const candidate of shell.data.candidates) if (candidate.test !== null && !isResultsTestV2(candidate.test)) return null;
  return shell.data as ResultsDocumentV2;
}

/** The fast path of `AnyResultsDocument.safeParse`: by `formatVersion`, format 3's or format 2's check. */
export function validAnyResultsDocument(json: unknown): AnyResultsDocument | null {
  if (!isRecord(json)) return null;
  if (json.formatVersion === RESULTS_FORMAT_VERSION) return validResultsDocument(json);
  if (json.formatVersion === 2) return validResultsDocumentV2(json);
  return null;
}
