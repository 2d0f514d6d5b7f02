import { createSessionStore, type SessionStore } from '../sessions/session-store';
import { tempDatabase } from '../storage/temp-database';

/**
 * Test support for the roster fuzz tests: a real SQLite file with one session and one witness candidate
 * that every refused import must leave alone.
 */
export interface FuzzSession {
  store: SessionStore;
  sessionId: number;
  /** Counts and shape of the candidates table, to compare before and after a refused import. */
  snapshot(): { n: number };
  /** Removes what an accepted import added, keeping the witness. */
  removeImported(): void;
  remove(): void;
}

export function fuzzSession(prefix: string): FuzzSession {
  const temp = tempDatabase(prefix);
  // Speed only: durability is not what these tests check (it is still a real file in WAL mode).
  temp.db.pragma('synchronous = OFF');
  const store = createSessionStore(temp.db);
  const created = store.createSession({ centre: 'Collège', siteAddress: '1 rue A', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'M. B' });
  if (!created.ok) throw new Error(created.error.message);
  const sessionId = created.value.session.id;
  store.addCandidate(sessionId, { lastName: 'Témoin', firstName: 'Fixe', sex: 'F', birthDate: '2000-01-01', birthplace: { kind: 'insee', code: '69123' } });
  return {
    store,
    sessionId,
    snapshot: () => temp.db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last, COALESCE(SUM(length(last_name)), 0) AS size FROM candidates').get() as { n: number },
    removeImported: () => { temp.db.prepare("DELETE FROM candidates WHERE last_name <> 'Témoin'").run(); },
    remove: () => temp.remove(),
  };
}
