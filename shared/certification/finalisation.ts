import type { AnswerStatus, ChallengeType } from '../formats/challenge';
import type { CompetenceCode } from '../formats/common';
import type { AbortReason, ScoringChallenge } from '../formats/scoring';
import type { TestState } from '../formats/test-state';
import { incidentCategory, type IncidentCategory, type IncidentCategoryDefinition } from './incidents';

export type { TestState } from '../formats/test-state';

export interface FinalisationSession {
  finalised: boolean;
  tests: { candidateId: string; state: TestState; abortReason: AbortReason | null }[];
}

export interface FinalisationError {
  candidateId?: string;
  code: 'SESSION_ALREADY_FINALISED' | 'NO_CANDIDATE_STARTED' | 'ABORT_REASON_MISSING' | 'ABORT_REASON_FOR_COMPLETED_TEST';
  message: string;
}

/**
 * R-FIN-1 — can the session be finalised? Every problem is reported, not only the first. A test is
 * unfinished unless `completed` (so `endedByInvigilator` and `endedDueToFinalisation` need a reason too).
 */
export function checkFinalisation(session: FinalisationSession): { ok: true } | { ok: false; errors: FinalisationError[] } {
  const errors: FinalisationError[] = [];
  if (session.finalised) {
    errors.push({ code: 'SESSION_ALREADY_FINALISED', message: 'La session est déjà finalisée.' });
  }
  if (session.tests.length === 0) {
    errors.push({ code: 'NO_CANDIDATE_STARTED', message: 'Aucun candidat n’a commencé le test : la session ne peut pas être finalisée.' });
  }
  for (const test of session.tests) {
    if (test.state !== 'completed' && test.abortReason === null) {
      errors.push({
        candidateId: test.candidateId,
        code: 'ABORT_REASON_MISSING',
        message: `Candidat ${test.candidateId} : test non terminé, indiquez la raison de l’abandon (abandon du candidat ou problème technique).`,
      });
    } else if (test.state === 'completed' && test.abortReason !== null) {
      errors.push({
        candidateId: test.candidateId,
        code: 'ABORT_REASON_FOR_COMPLETED_TEST',
        message: `Candidat ${test.candidateId} : le test est terminé, il ne peut pas avoir de raison d’abandon.`,
      });
    }
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/** One challenge of a candidate's test as finalisation sees it (delivery order). */
export interface FinalisationChallenge {
  id: string;
  competence: CompetenceCode;
  type: ChallengeType;
  status: AnswerStatus | null;
  /** ISO date-time of the answer, null when unanswered. */
  answeredAt: string | null;
  hasIllustration: boolean;
  hasEmbed: boolean;
  hasAttachment: boolean;
  timed: boolean;
  focused: boolean;
}

export interface IncidentReport {
  category: IncidentCategory;
  /** E-codes: the question number in the candidate's chronological answer order, 1-based (R-INC-1). */
  questionNumber?: number;
}

export interface FinalisationEffect {
  challengeId: string | null;
  questionNumber: number | null;
  category: IncidentCategory | 'R-FIN-2';
  effect: 'neutralized' | 'autoSkipped' | 'validated' | 'none';
  /** French, for the invigilator and the authority. */
  reason: string;
}

export interface FinalisationInput {
  challenges: FinalisationChallenge[];
  abortReason: AbortReason | null;
  incidents: IncidentReport[];
}

/**
 * R-INC-1 — question number (1-based) of each challenge, by delivery index: answered challenges (status not
 * null) sorted by `answeredAt`, ties and missing or unreadable dates (after the dated ones) in delivery order;
 * then the unanswered ones in delivery order.
 */
export function questionNumbers(challenges: readonly FinalisationChallenge[]): number[] {
  const answered: { index: number; time: number }[] = [];
  const unanswered: number[] = [];
  challenges.forEach((c, index) => {
    if (c.status === null) {
      unanswered.push(index);
    } else {
      const time = c.answeredAt === null ? Number.NaN : Date.parse(c.answeredAt);
      answered.push({ index, time: Number.isNaN(time) ? Number.POSITIVE_INFINITY : time });
    }
  });
  answered.sort((a, b) => (a.time === b.time ? a.index - b.index : a.time < b.time ? -1 : 1));
  const numbers = new Array<number>(challenges.length);
  let next = 1;
  for (const a of answered) numbers[a.index] = next++;
  for (const index of unanswered) numbers[index] = next++;
  return numbers;
}

/**
 * R-FIN-2, R-INC-1, R-INC-2 — the challenges as scoring must see them after finalisation, and what was done to
 * each. First R-FIN-2 (abort reason `candidate` → unanswered challenges auto-skipped; `technical` → neutralised),
 * then the incidents in the given order. Readings where the rules are silent:
 * - neutralising (R-INC-2) acts on `ko` and `aband` answers and on auto-skipped challenges (they count as
 *   abandoned); any other answer (`ok`, `partially`, `timedout`, `focusedOut`) is kept, and so is a challenge
 *   still unanswered (no answer to repair; scoring reports it, R-SCORE-9): effect `none` with the reason;
 * - E10 treats an auto-skipped focused challenge like `aband` (neutralised);
 * - C-codes have no automatic effect and leave no effect line (C1 and C6 go to manual review by people);
 * - an E-code without a question number, or with one out of range, gives effect `none` with the reason.
 */
export function applyFinalisationRules(input: FinalisationInput): { challenges: ScoringChallenge[]; effects: FinalisationEffect[] } {
  const source = input.challenges;
  const numbers = questionNumbers(source);
  const challenges: ScoringChallenge[] = source.map((c) => ({
    id: c.id, competence: c.competence, type: c.type, neutralized: false, autoSkipped: false, status: c.status,
  }));
  const effects: FinalisationEffect[] = [];

  // R-FIN-2
  if (input.abortReason !== null) {
    challenges.forEach((c, index) => {
      if (c.status !== null) return;
      const effect = input.abortReason === 'candidate' ? 'autoSkipped' : 'neutralized';
      if (effect === 'autoSkipped') c.autoSkipped = true;
      else c.neutralized = true;
      effects.push({
        challengeId: c.id,
        questionNumber: numbers[index]!,
        category: 'R-FIN-2',
        effect,
        reason: effect === 'autoSkipped'
          ? 'R-FIN-2 : abandon du candidat, question sans réponse comptée fausse'
          : 'R-FIN-2 : problème technique, question sans réponse neutralisée',
      });
    });
  }

  const indexOfNumber = new Map<number, number>(numbers.map((n, index) => [n, index]));
  for (const incident of input.incidents) {
    const definition = incidentCategory(incident.category);
    if (definition === undefined || !definition.namesQuestion) continue; // C-codes: no automatic effect
    const code = definition.code;
    const number = incident.questionNumber;
    const index = number === undefined ? undefined : indexOfNumber.get(number);
    if (index === undefined) {
      effects.push({
        challengeId: null,
        questionNumber: number ?? null,
        category: code,
        effect: 'none',
        reason: number === undefined
          ? `${code} : numéro de question manquant`
          : `${code} : la question n° ${number} n’existe pas (le test compte ${source.length} questions)`,
      });
      continue;
    }
    effects.push(applyIncident(definition, source[index]!, challenges[index]!, number!));
  }
  return { challenges, effects };
}

/** R-INC-1 — one E-code on one challenge; mutates `challenge`. */
function applyIncident(
  definition: IncidentCategoryDefinition,
  facts: FinalisationChallenge,
  challenge: ScoringChallenge,
  questionNumber: number,
): FinalisationEffect {
  const code = definition.code;
  const none = (reason: string): FinalisationEffect => ({ challengeId: challenge.id, questionNumber, category: code, effect: 'none', reason: `${code} : ${reason}` });
  switch (definition.effect) {
    case 'neutraliseIfIllustrationOrEmbed':
      if (!facts.hasIllustration && !facts.hasEmbed) return none('la question n’a ni image ni simulateur, rien à neutraliser');
      return neutralise(challenge, code, questionNumber);
    case 'neutraliseIfAttachment':
      if (!facts.hasAttachment) return none('la question n’a pas de fichier joint, rien à neutraliser');
      return neutralise(challenge, code, questionNumber);
    case 'neutraliseIfTimed':
      if (!facts.timed) return none('la question n’est pas chronométrée, rien à neutraliser');
      return neutralise(challenge, code, questionNumber);
    case 'neutralise':
      return neutralise(challenge, code, questionNumber);
    case 'focusLoss':
      if (!facts.focused) return none('la question n’est pas une question « focus », rien à changer');
      if (challenge.status === 'focusedOut' && !challenge.neutralized) {
        challenge.status = 'ok';
        return { challengeId: challenge.id, questionNumber, category: code, effect: 'validated', reason: `${code} : perte de focus involontaire, la réponse « focusedOut » redevient « ok »` };
      }
      if (challenge.status === 'aband' || challenge.autoSkipped) return neutralise(challenge, code, questionNumber);
      return none(`seules les réponses « focusedOut » ou abandonnées sont concernées, la réponse ${describe(challenge)} est conservée`);
    case 'none':
    case 'manualReview':
      return none('pas d’effet automatique');
  }
}

/** R-INC-2 — neutralise only a `ko`, `aband` or auto-skipped challenge. */
function neutralise(challenge: ScoringChallenge, code: IncidentCategory, questionNumber: number): FinalisationEffect {
  const base = { challengeId: challenge.id, questionNumber, category: code };
  if (challenge.neutralized) return { ...base, effect: 'none', reason: `${code} : question déjà neutralisée` };
  if (challenge.autoSkipped || challenge.status === 'ko' || challenge.status === 'aband') {
    challenge.neutralized = true;
    return { ...base, effect: 'neutralized', reason: `${code} : question neutralisée (réponse ${describe(challenge)})` };
  }
  return { ...base, effect: 'none', reason: `${code} : R-INC-2, seules les réponses « ko » ou abandonnées sont neutralisées ; la réponse ${describe(challenge)} est conservée` };
}

function describe(challenge: ScoringChallenge): string {
  if (challenge.autoSkipped) return 'passée automatiquement';
  if (challenge.status === null) return 'absente';
  return `« ${challenge.status} »`;
}
