import type { z } from 'zod';
import { questionNumbers } from '../../../shared/certification/finalisation';
import { incidentCategory, type IncidentCategory } from '../../../shared/certification/incidents';
import type { Incident, IncidentInput } from '../../../shared/formats/console-api';
import { appendEvent } from '../audit/event-chain';
import type { DeliveryContext } from './delivery-context';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';
import { inTransaction } from '../storage/transaction';
import type { Db } from '../storage/database';
import { finalisationChallenges } from './finalisation-challenges';
import { candidateOfSession, type Actor } from './session-candidate';

interface IncidentRow {
  id: number; candidateId: number; category: IncidentCategory; challengeId: string | null; questionNumber: number | null;
  description: string; createdBy: string; createdAt: string;
}

const COLUMNS = `id, candidate_id AS candidateId, category, challenge_id AS challengeId, question_number AS questionNumber,
  description, created_by AS createdBy, created_at AS createdAt`;

/** R-INC-1 — the session's incident reports, oldest first. */
export function listIncidents(db: Db, sessionId: number): Incident[] {
  return db.prepare<[number], IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE session_id = ? ORDER BY id`).all(sessionId);
}

/**
 * R-INC-1 — adds an incident report. For an E-code the invigilator points at a challenge of the candidate's
 * test and the question number (1-based, chronological answer order) is filled in; or gives the number and
 * the challenge is found. Both are kept: finalisation acts on the challenge pointed at.
 */
export function addIncident(context: DeliveryContext, sessionId: number, input: z.output<typeof IncidentInput>, actor: Actor): Result<Incident, Refusal> {
  const found = candidateOfSession(context, sessionId, input.candidateId);
  if (!found.ok) return found;
  const candidate = found.value;
  let challengeId: string | null = null;
  let questionNumber: number | null = null;
  if (incidentCategory(input.category)?.namesQuestion) {
    const test = context.store.testOfCandidate(candidate.id);
    const material = test ? context.tests.of(test) : null;
    if (!test || !material) {
      return refuse('testNotStarted', 'candidateId', `Un signalement ${input.category} désigne une question : ${candidate.lastName} ${candidate.firstName} n’a pas commencé de test.`);
    }
    const challenges = finalisationChallenges(material, context.store.answersOfTest(test.id));
    const numbers = questionNumbers(challenges);
    if (input.challengeId !== undefined) {
      const index = challenges.findIndex((c) => c.id === input.challengeId);
      if (index === -1) return refuse('challengeNotInTest', 'challengeId', `L’épreuve « ${input.challengeId} » ne fait pas partie du test de ce candidat.`);
      challengeId = input.challengeId;
      questionNumber = numbers[index]!;
    } else {
      const index = numbers.indexOf(input.questionNumber!);
      if (index === -1) {
        return refuse('questionNotInTest', 'questionNumber', `La question n° ${input.questionNumber} n’existe pas : le test compte ${challenges.length} questions.`);
      }
      challengeId = challenges[index]!.id;
      questionNumber = input.questionNumber!;
    }
  }
  const added = inTransaction(context.db, (): Result<Incident, Refusal> => {
    const at = context.now().toISOString();
    const { lastInsertRowid } = context.db.prepare(`INSERT INTO incidents (session_id, candidate_id, category, challenge_id, question_number,
        description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(sessionId, candidate.id, input.category, challengeId, questionNumber, input.description, actor, at);
    const id = Number(lastInsertRowid);
    appendEvent(context.db, sessionId, {
      kind: 'incident', candidateId: candidate.id, at,
      payload: { incidentId: id, category: input.category, challengeId, questionNumber, description: input.description, by: actor },
    });
    return ok({ id, candidateId: candidate.id, category: input.category, challengeId, questionNumber, description: input.description, createdBy: actor, createdAt: at });
  });
  // The report is the candidate's last event (issue 10 §1): the consoles hear of it.
  if (added.ok) context.candidateChanged(sessionId, candidate.id, false);
  return added;
}
