import { CandidateInput, CheckInQuery, type Candidate, type CandidateFields, type Session } from '../../../shared/formats/session';
import { parseWith } from '../../../shared/formats/parse';
import { normaliseName } from '../../../shared/sessions/names';
import { ok, type Result } from '../../../shared/result';
import type { Db } from '../storage/database';
import { isSqliteError } from '../storage/sqlite-error';
import { refuse, refuseInvalid, type Refusal } from '../storage/refusal';
import { inTransaction } from '../storage/transaction';
import { CANDIDATE_COLUMNS, candidateParams, describeCandidate, toCandidate, type CandidateRow } from './candidate-rows';
import { editableSessionCheck } from './editable-session';
import { SESSION_COLUMNS, toSession, type SessionRow } from './session-rows';

export interface CandidateStoreOptions {
  /** Why a candidate can no longer be removed, or null (see SessionStoreOptions.sessionInUse). */
  candidateInUse?: ((candidateId: number) => string | null) | undefined;
  now: () => string;
}

export type CandidateStore = ReturnType<typeof createCandidateStore>;

/** The repository of a session's candidates (R-SESS-3, R-SESS-4), over the centre's SQLite file. */
export function createCandidateStore(db: Db, options: CandidateStoreOptions) {
  const editableSession = editableSessionCheck(db);
  const sessionByNumber = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE number = ?`);
  const candidatesOf = db.prepare<[number], CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE session_id = ?
    ORDER BY last_name_key, first_name_key, birth_date, id`);
  const candidateById = db.prepare<[number], CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id = ?`);
  const samePerson = db.prepare<[number, string, string, string, number], CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE session_id = ? AND last_name_key = ? AND first_name_key = ? AND birth_date = ? AND id <> ?`);
  const sameExternalId = db.prepare<[number, string, number], CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE session_id = ? AND external_id = ? AND id <> ?`);
  const insertCandidate = db.prepare(`INSERT INTO candidates (session_id, last_name, first_name, last_name_key, first_name_key, sex, birth_date,
      birthplace_kind, birth_insee_code, birth_postal_code, birth_city, birth_country, external_id, email, extra_time_percent,
      accessibility_adjustment, created_at)
    VALUES (@session_id, @last_name, @first_name, @last_name_key, @first_name_key, @sex, @birth_date, @birthplace_kind, @birth_insee_code,
      @birth_postal_code, @birth_city, @birth_country, @external_id, @email, @extra_time_percent, @accessibility_adjustment, @created_at)`);

  /** R-SESS-3 — the same person (normalised names + birth date) or the same pupil id twice in one session. */
  function candidateConflict(sessionId: number, fields: CandidateFields, exceptId: number) {
    const twin = samePerson.get(sessionId, normaliseName(fields.lastName), normaliseName(fields.firstName), fields.birthDate, exceptId);
    if (twin) return refuse('duplicateCandidate', null, `Ce candidat est déjà inscrit dans la session : ${describeCandidate(toCandidate(twin))}.`);
    if (fields.externalId !== undefined) {
      const holder = sameExternalId.get(sessionId, fields.externalId, exceptId);
      if (holder) return refuse('duplicateExternalId', null, `L’identifiant « ${fields.externalId} » est déjà celui de ${describeCandidate(toCandidate(holder))}.`);
    }
    return null;
  }

  function insertOne(sessionId: number, input: CandidateInput): Result<Candidate, Refusal> {
    const parsed = parseWith(CandidateInput, input);
    if (!parsed.ok) return refuseInvalid('Candidat invalide.', parsed.errors);
    const conflict = candidateConflict(sessionId, parsed.value, 0);
    if (conflict) return conflict;
    const { lastInsertRowid } = insertCandidate.run({ ...candidateParams(parsed.value), session_id: sessionId, created_at: options.now() });
    return ok(toCandidate(candidateById.get(Number(lastInsertRowid))!));
  }

  return {
    /** R-SESS-3 — refused for the same person twice, a pupil id already used, or a finalised session. */
    addCandidate(sessionId: number, input: CandidateInput): Result<Candidate, Refusal> {
      const session = editableSession(sessionId);
      if (!session.ok) return session;
      return insertOne(sessionId, input);
    },

    /** All or nothing, in one transaction; on refusal `error.index` names the refused item and nothing is written. */
    addCandidates(sessionId: number, inputs: readonly CandidateInput[]): Result<Candidate[], Refusal> {
      const session = editableSession(sessionId);
      if (!session.ok) return session;
      return inTransaction(db, (): Result<Candidate[], Refusal> => {
        const added: Candidate[] = [];
        for (const [index, input] of inputs.entries()) {
          const result = insertOne(sessionId, input);
          if (!result.ok) return { ok: false, error: { ...result.error, index } };
          added.push(result.value);
        }
        return ok(added);
      });
    },

    updateCandidate(candidateId: number, input: CandidateInput): Result<Candidate, Refusal> {
      const row = candidateById.get(candidateId);
      if (!row) return refuse('notFound', null, `Candidat introuvable (id ${candidateId}).`);
      const session = editableSession(row.session_id);
      if (!session.ok) return session;
      const parsed = parseWith(CandidateInput, input);
      if (!parsed.ok) return refuseInvalid('Candidat invalide.', parsed.errors);
      const conflict = candidateConflict(row.session_id, parsed.value, candidateId);
      if (conflict) return conflict;
      const params = candidateParams(parsed.value);
      const assignments = Object.keys(params).map((column) => `${column} = @${column}`).join(', ');
      db.prepare(`UPDATE candidates SET ${assignments} WHERE id = @id`).run({ ...params, id: candidateId });
      return ok(toCandidate(candidateById.get(candidateId)!));
    },

    deleteCandidate(candidateId: number): Result<null, Refusal> {
      const row = candidateById.get(candidateId);
      if (!row) return refuse('notFound', null, `Candidat introuvable (id ${candidateId}).`);
      const session = editableSession(row.session_id);
      if (!session.ok) return session;
      const who = describeCandidate(toCandidate(row));
      const reason = options.candidateInUse?.(candidateId);
      if (reason) return refuse('inUse', null, `${who} ne peut pas être retiré(e) de la session : ${reason}.`);
      try {
        db.prepare('DELETE FROM candidates WHERE id = ?').run(candidateId);
      } catch (error) {
        if (!isSqliteError(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
        return refuse('inUse', null, `${who} ne peut pas être retiré(e) de la session : des données de passation le ou la concernent déjà (journal, épreuve).`);
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
    findCandidateForCheckIn(query: CheckInQuery): Result<{ session: Session; candidate: Candidate }, Refusal> {
      const parsed = parseWith(CheckInQuery, query);
      if (!parsed.ok) return refuseInvalid('Informations de connexion invalides.', parsed.errors);
      const sessionRow = sessionByNumber.get(parsed.value.sessionNumber);
      if (!sessionRow) return refuse('notFound', null, `Aucune session ne porte le numéro ${parsed.value.sessionNumber}.`);
      const row = samePerson.get(sessionRow.id, normaliseName(parsed.value.lastName), normaliseName(parsed.value.firstName), parsed.value.birthDate, 0);
      if (!row) return refuse('notFound', null, 'Aucun candidat de cette session ne correspond à ces nom, prénom et date de naissance.');
      return ok({ session: toSession(sessionRow), candidate: toCandidate(row) });
    },
  };
}
