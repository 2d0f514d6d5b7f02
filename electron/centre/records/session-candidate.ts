import type { Candidate } from '../../../shared/formats/session';
import type { DeliveryContext } from './delivery-context';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';
import { lockedWord, sessionLock } from '../sessions/session-lock';

/** Who acts, as the audit log names them (`invigilator:3`, `manager`). */
export type Actor = string;

/** A candidate of this session, in a session that can still change (not finalised). */
export function candidateOfSession(context: DeliveryContext, sessionId: number, candidateId: number): Result<Candidate, Refusal> {
  const session = context.sessions.getSession(sessionId);
  if (!session) return refuse('notFound', 'sessionId', `Session introuvable (id ${sessionId}).`);
  const candidate = context.sessions.getCandidate(candidateId);
  if (!candidate || candidate.sessionId !== sessionId) {
    return refuse('notFound', 'candidateId', `Candidat introuvable dans la session n° ${session.number} (id ${candidateId}).`);
  }
  const lock = sessionLock(context.db, session);
  if (lock !== null) {
    return refuse('sessionLocked', 'sessionId', `La session n° ${session.number} est ${lockedWord(lock)} : plus aucune action n’est possible.`);
  }
  return ok(candidate);
}
