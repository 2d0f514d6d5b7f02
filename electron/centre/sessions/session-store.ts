import { CandidateInput, CheckInQuery, SessionInput, SESSION_STATUSES, type Candidate, type CandidateFields, type Session, type SessionStatus } from '../../../shared/formats/session';
import { parseWith } from '../../../shared/formats/parse';
import { generateAccessCode } from '../../../shared/sessions/access-code';
import { generateInvigilatorPassword } from '../../../shared/sessions/invigilator-password';
import { normaliseName } from '../../../shared/sessions/names';
import { secureRandomInt, type RandomInt } from '../../../shared/sessions/random';
import type { Db } from '../storage/database';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password-hash';
import {
  CANDIDATE_COLUMNS, SESSION_COLUMNS, candidateParams, describeCandidate, frenchDate, sessionParams, toCandidate, toSession,
  type CandidateRow, type SessionRow,
} from './session-rows';
import { isSqliteError, ok, refuse, type StoreError, type StoreResult } from './store-result';

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

/** Thrown inside a transaction to roll it back with a user error (caught right outside). */
class Rollback {
  constructor(readonly error: StoreError) {}
}

/** The repository of sessions and their candidates (R-SESS-1 to R-SESS-4), over the centre's SQLite file. */
export function createSessionStore(db: Db, options: SessionStoreOptions = {}) {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const random = options.random ?? secureRandomInt;

  const sessionById = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`);
  const sessionByNumber = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE number = ?`);
  const sameSlot = db.prepare<[string, string, string, string, number], { number: number }>(
    'SELECT number FROM sessions WHERE site_key = ? AND room_key = ? AND date = ? AND start_time = ? AND id <> ?');
  const candidatesOf = db.prepare<[number], CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE session_id = ?
    ORDER BY last_name_key, first_name_key, birth_date, id`);
  const passwordHash = db.prepare<[number], string>('SELECT invigilator_password_hash FROM sessions WHERE id = ?').pluck();
  const candidateById = db.prepare<[number], CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id = ?`);
  const samePerson = db.prepare<[number, string, string, string, number], CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE session_id = ? AND last_name_key = ? AND first_name_key = ? AND birth_date = ? AND id <> ?`);
  const sameExternalId = db.prepare<[number, string, number], CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE session_id = ? AND external_id = ? AND id <> ?`);

  /** R-SESS-1 — refuses a second session in the same site, room, date and start time. */
  function slotTaken(fields: { siteAddress: string; room: string; date: string; startTime: string }, exceptId: number) {
    const other = sameSlot.get(normaliseName(fields.siteAddress), normaliseName(fields.room), fields.date, fields.startTime, exceptId);
    return other === undefined ? null : refuse('duplicateSession',
      `La session n° ${other.number} a déjà lieu à cette adresse, dans la salle « ${fields.room} », le ${frenchDate(fields.date)} à ${fields.startTime}.`);
  }

  /** A session that can still be edited (R-FIN-3: a finalised session is a record, kept as it is). */
  function editableSession(sessionId: number): StoreResult<Session> {
    const row = sessionById.get(sessionId);
    if (!row) return refuse('notFound', `Session introuvable (id ${sessionId}).`);
    if (row.status !== 'created') return refuse('sessionLocked', `La session n° ${row.number} est finalisée : elle ne peut plus être modifiée.`);
    return ok(toSession(row));
  }

  /** R-SESS-3 — the same person (normalised names + birth date) or the same pupil id twice in one session. */
  function candidateConflict(sessionId: number, fields: CandidateFields, exceptId: number) {
    const twin = samePerson.get(sessionId, normaliseName(fields.lastName), normaliseName(fields.firstName), fields.birthDate, exceptId);
    if (twin) return refuse('duplicateCandidate', `Ce candidat est déjà inscrit dans la session : ${describeCandidate(toCandidate(twin))}.`);
    if (fields.externalId !== undefined) {
      const holder = sameExternalId.get(sessionId, fields.externalId, exceptId);
      if (holder) return refuse('duplicateExternalId', `L’identifiant « ${fields.externalId} » est déjà celui de ${describeCandidate(toCandidate(holder))}.`);
    }
    return null;
  }

  const insertCandidate = db.prepare(`INSERT INTO candidates (session_id, last_name, first_name, last_name_key, first_name_key, sex, birth_date,
      birthplace_kind, birth_insee_code, birth_postal_code, birth_city, birth_country, external_id, email, extra_time_percent,
      accessibility_adjustment, created_at)
    VALUES (@session_id, @last_name, @first_name, @last_name_key, @first_name_key, @sex, @birth_date, @birthplace_kind, @birth_insee_code,
      @birth_postal_code, @birth_city, @birth_country, @external_id, @email, @extra_time_percent, @accessibility_adjustment, @created_at)`);

  function insertOne(sessionId: number, input: CandidateInput): StoreResult<Candidate> {
    const parsed = parseWith(CandidateInput, input);
    if (!parsed.ok) return refuse('invalid', 'Candidat invalide.', { errors: parsed.errors });
    const conflict = candidateConflict(sessionId, parsed.value, 0);
    if (conflict) return conflict;
    const { lastInsertRowid } = insertCandidate.run({ ...candidateParams(parsed.value), session_id: sessionId, created_at: now() });
    return ok(toCandidate(candidateById.get(Number(lastInsertRowid))!));
  }

  return {
    /** R-SESS-1, R-SESS-2 — returns the invigilator password in plain text this once; only its hash is kept. */
    createSession(input: SessionInput): StoreResult<{ session: Session; invigilatorPassword: string }> {
      const parsed = parseWith(SessionInput, input);
      if (!parsed.ok) return refuse('invalid', 'Session invalide.', { errors: parsed.errors });
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
          .run({ ...sessionParams(parsed.value), number: next, access_code: generateAccessCode(random), hash: hashPassword(invigilatorPassword), created_at: now() });
      });
      const { lastInsertRowid } = insert();
      return ok({ session: toSession(sessionById.get(Number(lastInsertRowid))!), invigilatorPassword });
    },

    updateSession(sessionId: number, input: SessionInput): StoreResult<Session> {
      const current = editableSession(sessionId);
      if (!current.ok) return current;
      const parsed = parseWith(SessionInput, input);
      if (!parsed.ok) return refuse('invalid', 'Session invalide.', { errors: parsed.errors });
      const taken = slotTaken(parsed.value, sessionId);
      if (taken) return taken;
      db.prepare(`UPDATE sessions SET centre = @centre, site_address = @site_address, room = @room, site_key = @site_key, room_key = @room_key,
          date = @date, start_time = @start_time, invigilator_name = @invigilator_name, description = @description, max_level = @max_level,
          locale = @locale WHERE id = @id`).run({ ...sessionParams(parsed.value), id: sessionId });
      return ok(toSession(sessionById.get(sessionId)!));
    },

    /** Refused once the session is finalised or in use (a test started); its candidates go with it. */
    deleteSession(sessionId: number): StoreResult<null> {
      const current = editableSession(sessionId);
      if (!current.ok) return current;
      const reason = options.sessionInUse?.(sessionId);
      if (reason) return refuse('inUse', `La session n° ${current.value.number} ne peut pas être supprimée : ${reason}.`);
      try {
        db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
      } catch (error) {
        if (!isSqliteError(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
        return refuse('inUse', `La session n° ${current.value.number} ne peut pas être supprimée : des données de passation y sont déjà rattachées (journal, épreuves).`);
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
    setSessionStatus(sessionId: number, status: SessionStatus): StoreResult<Session> {
      const row = sessionById.get(sessionId);
      if (!row) return refuse('notFound', `Session introuvable (id ${sessionId}).`);
      if (SESSION_STATUSES.indexOf(status) <= SESSION_STATUSES.indexOf(row.status as SessionStatus)) {
        return refuse('sessionLocked', `La session n° ${row.number} est déjà à l’état « ${row.status} » : impossible de passer à « ${status} ».`);
      }
      db.prepare('UPDATE sessions SET status = ? WHERE id = ?').run(status, sessionId);
      return ok(toSession(sessionById.get(sessionId)!));
    },

    /** R-SESS-1 — constant-time; an unknown session takes as long and answers false. */
    verifyInvigilatorPassword(sessionId: number, password: string): boolean {
      const hash = passwordHash.get(sessionId);
      return hash === undefined ? verifyAgainstNothing(password) : verifyPassword(password, hash);
    },

    /** A new invigilator password (the old one stops working), shown once like at creation. */
    resetInvigilatorPassword(sessionId: number): StoreResult<string> {
      const current = editableSession(sessionId);
      if (!current.ok) return current;
      const password = generateInvigilatorPassword(random);
      db.prepare('UPDATE sessions SET invigilator_password_hash = ? WHERE id = ?').run(hashPassword(password), sessionId);
      return ok(password);
    },

    /** R-SESS-3 — refused for the same person twice, a pupil id already used, or a finalised session. */
    addCandidate(sessionId: number, input: CandidateInput): StoreResult<Candidate> {
      const session = editableSession(sessionId);
      if (!session.ok) return session;
      return insertOne(sessionId, input);
    },

    /** All or nothing, in one transaction; on refusal `error.index` names the refused item and nothing is written. */
    addCandidates(sessionId: number, inputs: readonly CandidateInput[]): StoreResult<Candidate[]> {
      const session = editableSession(sessionId);
      if (!session.ok) return session;
      try {
        return db.transaction(() => {
          const added: Candidate[] = [];
          for (const [index, input] of inputs.entries()) {
            const result = insertOne(sessionId, input);
            if (!result.ok) throw new Rollback({ ...result.error, index });
            added.push(result.value);
          }
          return ok(added);
        })();
      } catch (error) {
        if (error instanceof Rollback) return { ok: false, error: error.error };
        throw error;
      }
    },

    updateCandidate(candidateId: number, input: CandidateInput): StoreResult<Candidate> {
      const row = candidateById.get(candidateId);
      if (!row) return refuse('notFound', `Candidat introuvable (id ${candidateId}).`);
      const session = editableSession(row.session_id);
      if (!session.ok) return session;
      const parsed = parseWith(CandidateInput, input);
      if (!parsed.ok) return refuse('invalid', 'Candidat invalide.', { errors: parsed.errors });
      const conflict = candidateConflict(row.session_id, parsed.value, candidateId);
      if (conflict) return conflict;
      const params = candidateParams(parsed.value);
      const assignments = Object.keys(params).map((column) => `${column} = @${column}`).join(', ');
      db.prepare(`UPDATE candidates SET ${assignments} WHERE id = @id`).run({ ...params, id: candidateId });
      return ok(toCandidate(candidateById.get(candidateId)!));
    },

    deleteCandidate(candidateId: number): StoreResult<null> {
      const row = candidateById.get(candidateId);
      if (!row) return refuse('notFound', `Candidat introuvable (id ${candidateId}).`);
      const session = editableSession(row.session_id);
      if (!session.ok) return session;
      const who = describeCandidate(toCandidate(row));
      const reason = options.candidateInUse?.(candidateId);
      if (reason) return refuse('inUse', `${who} ne peut pas être retiré(e) de la session : ${reason}.`);
      try {
        db.prepare('DELETE FROM candidates WHERE id = ?').run(candidateId);
      } catch (error) {
        if (!isSqliteError(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
        return refuse('inUse', `${who} ne peut pas être retiré(e) de la session : des données de passation le ou la concernent déjà (journal, épreuve).`);
      }
      return ok(null);
    },

    getCandidate(candidateId: number): Candidate | null {
      const row = candidateById.get(candidateId);
      return row ? toCandidate(row) : null;
    },

    /** Alphabetical, as on the attendance sheet. */
    listCandidates(sessionId: number): Candidate[] {
      return candidatesOf.all(sessionId).map(toCandidate);
    },

    /** R-SESS-4 — names compared once normalised, the birth date exactly. The access code is checked next, by the caller. */
    findCandidateForCheckIn(query: CheckInQuery): StoreResult<{ session: Session; candidate: Candidate }> {
      const parsed = parseWith(CheckInQuery, query);
      if (!parsed.ok) return refuse('invalid', 'Informations de connexion invalides.', { errors: parsed.errors });
      const sessionRow = sessionByNumber.get(parsed.value.sessionNumber);
      if (!sessionRow) return refuse('notFound', `Aucune session ne porte le numéro ${parsed.value.sessionNumber}.`);
      const row = samePerson.get(sessionRow.id, normaliseName(parsed.value.lastName), normaliseName(parsed.value.firstName), parsed.value.birthDate, 0);
      if (!row) return refuse('notFound', 'Aucun candidat de cette session ne correspond à ces nom, prénom et date de naissance.');
      return ok({ session: toSession(sessionRow), candidate: toCandidate(row) });
    },
  };
}
