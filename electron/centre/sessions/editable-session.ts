import { ok, type Result } from '../../../shared/result';
import type { Session } from '../../../shared/formats/session';
import type { Db } from '../storage/database';
import { refuse, type Refusal } from '../storage/refusal';
import { lockedWord, sessionLock } from './session-lock';
import { SESSION_COLUMNS, toSession, type SessionRow } from './session-rows';

/** What both stores (sessions, candidates) check before a change: the session exists and is not finalised yet. */
export function editableSessionCheck(db: Db): (sessionId: number) => Result<Session, Refusal> {
  const sessionById = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`);
  /** R-FIN-3: a finalised (or signed) session is a record, kept as it is. */
  return (sessionId) => {
    const row = sessionById.get(sessionId);
    if (!row) return refuse('notFound', null, `Session introuvable (id ${sessionId}).`);
    const lock = sessionLock(db, row);
    if (lock !== null) return refuse('sessionLocked', null, `La session n° ${row.number} est ${lockedWord(lock)} : elle ne peut plus être modifiée.`);
    return ok(toSession(row));
  };
}
