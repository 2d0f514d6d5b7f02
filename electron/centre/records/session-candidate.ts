import type { Candidate } from '../../../shared/formats/session';
import type { DeliveryContext } from './delivery-context';
import { refusal, success, type Outcome } from './refusal';

/** Who acts, as the audit log names them (`invigilator:3`, `manager`). */
export type Actor = string;

/** A candidate of this session, in a session that can still change (not finalised). */
export function candidateOfSession(context: DeliveryContext, sessionId: number, candidateId: number): Outcome<Candidate> {
  const session = context.sessions.getSession(sessionId);
  if (!session) return refusal(404, 'notFound', 'sessionId', `Session introuvable (id ${sessionId}).`);
  const candidate = context.sessions.getCandidate(candidateId);
  if (!candidate || candidate.sessionId !== sessionId) {
    return refusal(404, 'notFound', 'candidateId', `Candidat introuvable dans la session n° ${session.number} (id ${candidateId}).`);
  }
  if (session.status !== 'created') {
    return refusal(409, 'sessionLocked', 'sessionId', `La session n° ${session.number} est finalisée : plus aucune action n’est possible.`);
  }
  return success(candidate);
}
