import type { Db } from './storage/database';

/** A session still open (R-SESS-1 `created`, not finalised) with pupils at work or about to be. */
export interface LiveSessionActivity {
  sessionNumber: number;
  /** Tests started and not ended (R-SESS-6 `started`, suspended ones included). */
  inTest: number;
  /** Candidates checked in on a kiosk whose test has not started (waiting for « Confirmer la présence »). */
  waiting: number;
}

/**
 * What the station shell asks before quitting (electron/station/quit-policy.ts): closing the station stops the
 * server every kiosk of the room talks to. Read in-process from the centre's database; sessions without anyone
 * at work are left out, in session-number order.
 */
export function liveSessionActivity(db: Db): LiveSessionActivity[] {
  return db.prepare<[], LiveSessionActivity>(`
    SELECT s.number AS sessionNumber,
      (SELECT COUNT(*) FROM tests t WHERE t.session_id = s.id AND t.state = 'started') AS inTest,
      (SELECT COUNT(DISTINCT e.candidate_id) FROM entries e JOIN candidates c ON c.id = e.candidate_id
        WHERE c.session_id = s.id AND e.superseded_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM tests t2 WHERE t2.candidate_id = e.candidate_id)) AS waiting
    FROM sessions s WHERE s.status = 'created' ORDER BY s.number`).all().filter((s) => s.inTest + s.waiting > 0);
}
