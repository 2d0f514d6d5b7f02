import type { Statement } from 'better-sqlite3';
import type { Db } from '../storage/database';

/**
 * kiosk-lockdown §2 — a kiosk may report the same signal (same kind, cause and challenge) many times a second
 * (a stuck key, a flapping display, a flood). Within this window after the previous one, a repeat is not a new
 * event: the first one's row counts it (`repeat_count`, `last_received_at`, migration 005) and the audit chain
 * keeps the first only, so that 1,000 signals in half a second do not bury the session's log.
 */
export const REPEAT_WINDOW_MS = 10_000;

interface Latest { id: number; kind: string; cause: string; challengeId: string | null; lastAt: string }

interface RepeatStatements {
  latest: Statement<[number], Latest>;
  count: Statement<[string, number]>;
}

const prepared = new WeakMap<Db, RepeatStatements>();
function statements(db: Db): RepeatStatements {
  let found = prepared.get(db);
  if (!found) {
    found = {
      latest: db.prepare<[number], Latest>(`SELECT id, kind, cause, challenge_id AS challengeId, coalesce(last_received_at, received_at) AS lastAt
        FROM lockdown_events WHERE entry_id = ? ORDER BY id DESC LIMIT 1`),
      count: db.prepare<[string, number]>('UPDATE lockdown_events SET repeat_count = repeat_count + 1, last_received_at = ? WHERE id = ?'),
    };
    prepared.set(db, found);
  }
  return found;
}

/**
 * When the entry's latest signal is the same (kind, cause, challenge) and came at most REPEAT_WINDOW_MS before
 * `at`, counts this one on it and returns true; else false (the caller records a new event). Inside the caller's
 * transaction.
 */
export function countIfRepeat(db: Db, entryId: number, signal: { kind: string; cause: string; challengeId: string | null }, at: Date): boolean {
  const sql = statements(db);
  const latest = sql.latest.get(entryId);
  if (!latest || latest.kind !== signal.kind || latest.cause !== signal.cause || latest.challengeId !== signal.challengeId) return false;
  if (at.getTime() - Date.parse(latest.lastAt) > REPEAT_WINDOW_MS) return false;
  sql.count.run(at.toISOString(), latest.id);
  return true;
}

/** The count and the duration (first to last reception, ms) of each listed signal. */
export function repeatsOf(db: Db, ids: readonly number[]): Map<number, { count: number; durationMs: number }> {
  const found = new Map<number, { count: number; durationMs: number }>();
  if (ids.length === 0) return found;
  const rows = db.prepare<number[], { id: number; count: number; first: string; last: string | null }>(
    `SELECT id, repeat_count AS count, received_at AS first, last_received_at AS last FROM lockdown_events WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids);
  for (const r of rows) found.set(r.id, { count: r.count, durationMs: r.last ? Math.max(0, Date.parse(r.last) - Date.parse(r.first)) : 0 });
  return found;
}
