import { SessionInput, SESSION_STATUSES, type Session, type SessionStatus } from '../../../shared/formats/session';
import { parseWith } from '../../../shared/formats/parse';
import { generateAccessCode } from '../../../shared/sessions/access-code';
import { generateInvigilatorPassword } from '../../../shared/sessions/invigilator-password';
import { normaliseName } from '../../../shared/sessions/names';
import { secureRandomInt, type RandomInt } from '../../../shared/sessions/random';
import { ok, type Result } from '../../../shared/result';
import type { Db } from '../storage/database';
import { isSqliteError } from '../storage/sqlite-error';
import { refuse, refuseInvalid, type Refusal } from '../storage/refusal';
import { createCandidateStore } from './candidate-store';
import { editableSessionCheck } from './editable-session';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password-hash';
import { SESSION_COLUMNS, frenchDate, sessionParams, toSession, type SessionRow } from './session-rows';

export interface SessionStoreOptions {
  /**
   * Why a session can no longer be deleted (e.g. "2 candidats ont commencé l’épreuve"), or null.
   * The module that owns the tests wires it; a foreign key from its tables is the backstop.
   */
  sessionInUse?: (sessionId: number) => string | null;
  /** Same for one candidate. */
  candidateInUse?: (candidateId: number) => string | null;
  now?: () => Date;
  random?: RandomInt;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * R-SESS-1 — the generated invigilator password uses only upper-case letters and digits, so what is typed is
 * upper-cased and trimmed before it is hashed or checked.
 */
function normaliseInvigilatorPassword(plain: string): string {
  return plain.trim().toUpperCase();
}

/**
 * The repository of sessions (R-SESS-1, R-SESS-2), over the centre's SQLite file, with their candidates'
 * (candidate-store.ts, R-SESS-3, R-SESS-4): one object, so that a caller holds one store.
 */
export function createSessionStore(db: Db, options: SessionStoreOptions = {}) {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const random = options.random ?? secureRandomInt;

  const sessionById = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`);
  const sessionByNumber = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE number = ?`);
  const sameSlot = db.prepare<[string, string, string, string, number], { number: number }>(
    'SELECT number FROM sessions WHERE site_key = ? AND room_key = ? AND date = ? AND start_time = ? AND id <> ?');
  const passwordHash = db.prepare<[number], string>('SELECT invigilator_password_hash FROM sessions WHERE id = ?').pluck();

  /** R-SESS-1 — refuses a second session in the same site, room, date and start time. */
  function slotTaken(fields: { siteAddress: string; room: string; date: string; startTime: string }, exceptId: number) {
    const other = sameSlot.get(normaliseName(fields.siteAddress), normaliseName(fields.room), fields.date, fields.startTime, exceptId);
    return other === undefined ? null : refuse('duplicateSession', null,
      `La session n° ${other.number} a déjà lieu à cette adresse, dans la salle « ${fields.room} », le ${frenchDate(fields.date)} à ${fields.startTime}.`);
  }

  const editableSession = editableSessionCheck(db);

  return {
    ...createCandidateStore(db, { candidateInUse: options.candidateInUse, now }),

    /** R-SESS-1, R-SESS-2 — returns the invigilator password in plain text this once; only its hash is kept. */
    createSession(input: SessionInput): Result<{ session: Session; invigilatorPassword: string }, Refusal> {
      const parsed = parseWith(SessionInput, input);
      if (!parsed.ok) return refuseInvalid('Session invalide.', parsed.errors);
      const taken = slotTaken(parsed.value, 0);
      if (taken) return taken;
      const invigilatorPassword = generateInvigilatorPassword(random);
      const insert = db.transaction(() => {
        // AUTOINCREMENT's counter: a deleted session's number is never handed out again.
        const next = (db.prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'sessions'), 0) + 1").pluck().get() as number);
        return db.prepare(`INSERT INTO sessions (number, centre, site_address, room, site_key, room_key, date, start_time, invigilator_name,
            description, max_level, locale, access_code, invigilator_password_hash, status, created_at)
          VALUES (@number, @centre, @site_address, @room, @site_key, @room_key, @date, @start_time, @invigilator_name, @description,
            @max_level, @locale, @access_code, @hash, 'created', @created_at)`)
          .run({ ...sessionParams(parsed.value), number: next, access_code: generateAccessCode(random), hash: hashPassword(normaliseInvigilatorPassword(invigilatorPassword)), created_at: now() });
      });
      const { lastInsertRowid } = insert();
      return ok({ session: toSession(sessionById.get(Number(lastInsertRowid))!), invigilatorPassword });
    },

    updateSession(sessionId: number, input: SessionInput): Result<Session, Refusal> {
      const current = editableSession(sessionId);
      if (!current.ok) return current;
      const parsed = parseWith(SessionInput, input);
      if (!parsed.ok) return refuseInvalid('Session invalide.', parsed.errors);
      const taken = slotTaken(parsed.value, sessionId);
      if (taken) return taken;
      db.prepare(`UPDATE sessions SET centre = @centre, site_address = @site_address, room = @room, site_key = @site_key, room_key = @room_key,
          date = @date, start_time = @start_time, invigilator_name = @invigilator_name, description = @description, max_level = @max_level,
          locale = @locale WHERE id = @id`).run({ ...sessionParams(parsed.value), id: sessionId });
      return ok(toSession(sessionById.get(sessionId)!));
    },

    /** Refused once the session is finalised or in use (a test started); its candidates go with it. */
    deleteSession(sessionId: number): Result<null, Refusal> {
      const current = editableSession(sessionId);
      if (!current.ok) return current;
      const reason = options.sessionInUse?.(sessionId);
      if (reason) return refuse('inUse', null, `La session n° ${current.value.number} ne peut pas être supprimée : ${reason}.`);
      try {
        db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
      } catch (error) {
        if (!isSqliteError(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
        return refuse('inUse', null, `La session n° ${current.value.number} ne peut pas être supprimée : des données de passation y sont déjà rattachées (journal, épreuves).`);
      }
      return ok(null);
    },

    getSession(sessionId: number): Session | null {
      const row = sessionById.get(sessionId);
      return row ? toSession(row) : null;
    },

    getSessionByNumber(sessionNumber: number): Session | null {
      const row = sessionByNumber.get(sessionNumber);
      return row ? toSession(row) : null;
    },

    /** Soonest first. */
    listSessions(): Session[] {
      return db.prepare<[], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY date, start_time, number`).all().map(toSession);
    },

    /** R-SESS-1 — the status only moves forward: created → finalised → sent → resultsReceived. */
    setSessionStatus(sessionId: number, status: SessionStatus): Result<Session, Refusal> {
      const row = sessionById.get(sessionId);
      if (!row) return refuse('notFound', null, `Session introuvable (id ${sessionId}).`);
      if (SESSION_STATUSES.indexOf(status) <= SESSION_STATUSES.indexOf(toSession(row).status)) {
        return refuse('sessionLocked', null, `La session n° ${row.number} est déjà à l’état « ${row.status} » : impossible de passer à « ${status} ».`);
      }
      db.prepare('UPDATE sessions SET status = ? WHERE id = ?').run(status, sessionId);
      return ok(toSession(sessionById.get(sessionId)!));
    },

    /** R-SESS-1 — constant-time; an unknown session takes as long and answers false. */
    verifyInvigilatorPassword(sessionId: number, password: string): boolean {
      const hash = passwordHash.get(sessionId);
      const typed = normaliseInvigilatorPassword(password);
      return hash === undefined ? verifyAgainstNothing(typed) : verifyPassword(typed, hash);
    },

    /** A new invigilator password (the old one stops working), shown once like at creation. */
    resetInvigilatorPassword(sessionId: number): Result<string, Refusal> {
      const current = editableSession(sessionId);
      if (!current.ok) return current;
      const password = generateInvigilatorPassword(random);
      db.prepare('UPDATE sessions SET invigilator_password_hash = ? WHERE id = ?').run(hashPassword(normaliseInvigilatorPassword(password)), sessionId);
      return ok(password);
    },
  };
}
