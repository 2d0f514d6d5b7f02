import { applyFinalisationRules, questionNumbers, type IncidentReport } from '../../../shared/certification/finalisation';
import { incidentCategory, type IncidentCategory } from '../../../shared/certification/incidents';
import { scoreCertification } from '../../../shared/certification/scoring';
import type { Answer } from '../../../shared/formats/challenge';
import type { Incident } from '../../../shared/formats/console-api';
import { formatErrors, parseWith } from '../../../shared/formats/parse';
import type { PupilProfile } from '../../../shared/formats/profile-package';
import {
  RESULTS_FORMAT, RESULTS_FORMAT_VERSION, ResultsDocument, type ResultsAnswer, type ResultsCandidate, type ResultsTest,
} from '../../../shared/formats/results';
import type { AbortReason, ScoringInput, ScoringResult } from '../../../shared/formats/scoring';
import type { Candidate, Session } from '../../../shared/formats/session';
import type { DeliveryContext } from '../records/delivery-context';
import type { TestRecord } from '../records/delivery-store';
import type { PackageRef } from '../records/session-material';
import { finalisationChallenges } from '../records/finalisation-challenges';

export interface ResultsInput {
  session: Session;
  content: PackageRef;
  profiles: PackageRef;
  finalisedAt: string;
  globalComment: string;
  incidentDuringSession: boolean;
  joiningIssue: boolean;
  candidates: readonly Candidate[];
  /** By candidate id: the ended tests, with their abort reason and "écran de fin de test vu" already stored. */
  tests: ReadonlyMap<number, TestRecord>;
  incidents: readonly Incident[];
  /** The finalisation event's number and hash, and the SHA-256 of audit.jsonl up to it (audit/audit-log-file.ts). */
  chainHead: { seq: number; hash: string; logSha256: string };
}

/**
 * R-FIN-1..3 — the unsigned results document (format 3): per candidate the frozen profile, the test's seed and
 * challenge ids, every answer (raw value, timing), the lockdown events, the finalisation effects (R-FIN-2, R-INC-1)
 * and the provisional result (section 5); the attendance, the incidents and the audit chain's head. Checked against
 * its schema before it is returned: an invalid document is a bug, never stored.
 */
export function buildResultsDocument(context: DeliveryContext, input: ResultsInput): ResultsDocument {
  const { session } = input;
  const candidates = input.candidates.map((candidate): ResultsCandidate => {
    const test = input.tests.get(candidate.id);
    return {
      candidateId: candidate.id,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
      sex: candidate.sex,
      birthDate: candidate.birthDate,
      birthplace: candidate.birthplace,
      externalId: candidate.externalId ?? null,
      email: candidate.email ?? null,
      extraTimePercent: candidate.extraTimePercent,
      accessibilityAdjustment: candidate.accessibilityAdjustment,
      test: test ? resultsTest(context, session, test, input.incidents.filter((i) => i.candidateId === candidate.id)) : null,
    };
  });
  const document: ResultsDocument = {
    format: RESULTS_FORMAT,
    formatVersion: RESULTS_FORMAT_VERSION,
    session: {
      number: session.number, centre: session.centre, siteAddress: session.siteAddress, room: session.room, date: session.date,
      startTime: session.startTime, invigilatorName: session.invigilatorName, description: session.description ?? null,
      maxLevel: session.maxLevel, locale: session.locale,
    },
    content: { packageId: input.content.packageId, version: input.content.version, sha256: input.content.sha256 },
    profiles: { packageId: input.profiles.packageId, version: input.profiles.version, sha256: input.profiles.sha256 },
    finalisedAt: input.finalisedAt,
    globalComment: input.globalComment,
    incidentDuringSession: input.incidentDuringSession,
    joiningIssue: input.joiningIssue,
    attendance: input.candidates.map((c) => {
      const presenceConfirmedAt = context.store.presenceConfirmedAt(c.id);
      return {
        candidateId: c.id, lastName: c.lastName, firstName: c.firstName, birthDate: c.birthDate,
        present: presenceConfirmedAt !== null || input.tests.has(c.id), presenceConfirmedAt,
      };
    }),
    candidates,
    incidents: input.incidents.map((i) => ({
      id: i.id, candidateId: i.candidateId, category: i.category, challengeId: i.challengeId, questionNumber: i.questionNumber,
      description: i.description, createdAt: i.createdAt,
    })),
    auditChain: { seq: input.chainHead.seq, head: input.chainHead.hash, logSha256: input.chainHead.logSha256 },
  };
  const checked = parseWith(ResultsDocument, document);
  if (!checked.ok) throw new Error(`document de résultats invalide :\n${formatErrors(checked.errors)}`);
  return document;
}

/** What finalisation derives for one test (R-FIN-2, R-INC-1, section 5): the document keeps the effects and result. */
export interface FinalisedTest {
  effects: ResultsTest['effects'];
  manualReview: IncidentCategory[];
  /** Not in the document (format 3: readers recompute it); the console's review reads it (results-scoring.ts). */
  scoringInput: ScoringInput;
  result: ScoringResult;
}

/**
 * One candidate's finalised test, from what the station stored: R-FIN-2 and R-INC-1 effects, then the provisional
 * score. The same after finalisation as at it: a finalised session changes no more.
 */
export function finaliseTest(context: DeliveryContext, session: Session, test: TestRecord, incidents: readonly Incident[]): FinalisedTest {
  const material = context.tests.of(test);
  if (!material) throw new Error(`test ${test.id} : paquet de contenu illisible`);
  if (test.state === 'started') throw new Error(`test ${test.id} : encore en cours à la finalisation`);
  const stored = context.store.answersOfTest(test.id);
  const challenges = finalisationChallenges(material, stored);
  const numbers = questionNumbers(challenges);
  const indexOf = new Map(challenges.map((c, i) => [c.id, i]));

  // The incident acts on the challenge the invigilator pointed at, numbered as finalisation numbers it now.
  const reports: IncidentReport[] = incidents.map((i) => {
    const index = i.challengeId === null ? undefined : indexOf.get(i.challengeId);
    const questionNumber = index === undefined ? i.questionNumber ?? undefined : numbers[index];
    return questionNumber === undefined ? { category: i.category } : { category: i.category, questionNumber };
  });
  const abortReason: AbortReason | null = test.abortReason;
  const { challenges: scoringChallenges, effects } = applyFinalisationRules({ challenges, abortReason, incidents: reports });
  const scoringInput: ScoringInput = {
    maxLevel: session.maxLevel,
    competences: material.generated.competences,
    challenges: scoringChallenges,
    abortReason,
    // C6 (fraud) goes to a person's review; the station never rejects on its own (R-INC-1).
    fraud: false,
  };
  const manualReview = [...new Set(incidents.map((i) => i.category).filter((c) => incidentCategory(c)?.effect === 'manualReview'))] as IncidentCategory[];
  return { effects, manualReview, scoringInput, result: scoreCertification(scoringInput) };
}

/**
 * One candidate's test in the document (format 3): the raw facts — frozen profile, what the test was drawn with and
 * its challenge ids, each answer as received — with the finalisation's effects and the provisional result.
 */
function resultsTest(context: DeliveryContext, session: Session, test: TestRecord, incidents: readonly Incident[]): ResultsTest {
  const { effects, manualReview, result } = finaliseTest(context, session, test, incidents);
  const generated = context.tests.of(test)!.generated;
  const answers: ResultsAnswer[] = [...context.store.answersOfTest(test.id)].sort((a, b) => a.position - b.position).map((a) => ({
    challengeId: a.challengeId,
    answer: JSON.parse(a.answer) as Answer,
    answeredAt: a.answeredAt,
    elapsedMs: a.elapsedMs,
    timedOut: a.timedOut,
    focusLost: a.focusLost,
    kioskId: a.kioskId,
  }));

  return {
    verificationCode: test.verificationCode,
    state: test.state as ResultsTest['state'],
    startedAt: test.startedAt,
    endedAt: test.endedAt!,
    abortReason: test.abortReason,
    endScreenSeen: test.endScreenSeen,
    frozenProfile: JSON.parse(context.store.testDocuments(test.id)!.profileSnapshot) as PupilProfile,
    drawnTest: {
      contentId: generated.contentId, contentVersion: generated.contentVersion, seed: generated.seed, locale: generated.locale,
      challengeIds: generated.challenges.map((c) => c.challengeId),
    },
    answers,
    lockdownEvents: context.store.lockdownEventsOfCandidate(test.candidateId).map((e) => ({
      kind: e.kind, cause: e.cause, occurredAt: e.occurredAt, receivedAt: e.receivedAt, challengeId: e.challengeId,
      kioskId: e.kioskId, policy: e.policy, details: JSON.parse(e.details) as Record<string, string | number | boolean | null>,
    })),
    effects,
    manualReview,
    result,
  };
}
