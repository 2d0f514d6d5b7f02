import type { Db } from '../storage/database';

/**
 * Why a session or a candidate can no longer be deleted once delivery has recorded something for them: the
 * `sessionInUse` / `candidateInUse` options of `createSessionStore` (the foreign keys of 003-delivery.sql are
 * the backstop). Null when nothing is recorded.
 */
export function deliveryInUse(db: Db) {
  const testsOfSession = db.prepare<[number], number>('SELECT COUNT(*) FROM tests WHERE session_id = ?').pluck();
  const checkInsOfSession = db.prepare<[number], number>(
    'SELECT COUNT(DISTINCT candidate_id) FROM entries WHERE candidate_id IN (SELECT id FROM candidates WHERE session_id = ?)').pluck();
  const testOfCandidate = db.prepare<[number], number>('SELECT COUNT(*) FROM tests WHERE candidate_id = ?').pluck();
  const checkInsOfCandidate = db.prepare<[number], number>('SELECT COUNT(*) FROM entries WHERE candidate_id = ?').pluck();
  return {
    sessionInUse(sessionId: number): string | null {
      const tests = testsOfSession.get(sessionId) ?? 0;
      if (tests > 0) return tests === 1 ? 'un candidat a commencé son test' : `${tests} candidats ont commencé leur test`;
      const checkIns = checkInsOfSession.get(sessionId) ?? 0;
      if (checkIns > 0) return checkIns === 1 ? 'un candidat s’est déjà connecté sur un poste' : `${checkIns} candidats se sont déjà connectés sur un poste`;
      return null;
    },
    candidateInUse(candidateId: number): string | null {
      if ((testOfCandidate.get(candidateId) ?? 0) > 0) return 'son test est commencé';
      if ((checkInsOfCandidate.get(candidateId) ?? 0) > 0) return 'il ou elle s’est déjà connecté(e) sur un poste';
      return null;
    },
  };
}
