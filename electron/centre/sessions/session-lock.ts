import type { Db } from '../storage/database';

/**
 * Why a session can no longer change, in French (R-FIN-3): a finalised session is a record, a signed one
 * (electron/centre/signing/, migration 006) is also a signed record that the signature would no longer match.
 * Null while the session may still change (`created`).
 */
export type SessionLock = 'finalised' | 'signed' | null;

const signedQueries = new WeakMap<Db, (sessionId: number) => boolean>();

/** Whether the session has a signature (a row of `session_signatures`). */
export function isSessionSigned(db: Db, sessionId: number): boolean {
  let query = signedQueries.get(db);
  if (query === undefined) {
    const statement = db.prepare<[number], number>('SELECT 1 FROM session_signatures WHERE session_id = ?').pluck();
    query = (id) => statement.get(id) !== undefined;
    signedQueries.set(db, query);
  }
  return query(sessionId);
}

export function sessionLock(db: Db, session: { id: number; status: string }): SessionLock {
  if (session.status === 'created') return null;
  return isSessionSigned(db, session.id) ? 'signed' : 'finalised';
}

/** « finalisée » or « signée », for the refusal messages. */
export function lockedWord(lock: Exclude<SessionLock, null>): string {
  return lock === 'signed' ? 'signée' : 'finalisée';
}
