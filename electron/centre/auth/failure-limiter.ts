import type { Db } from '../storage/database';

/**
 * Counts failed attempts per key (an IP, a kiosk, a session) in a sliding window and says when a key must wait:
 * logins and pairing per IP, check-in per kiosk and per session. The failures are rows of `failed_attempts`
 * (migration 005), so a restart of the station does not forget them. Only failures write (never a success's
 * hot path); each limiter has its own name, so that two limiters never share a count.
 */
export interface FailureLimiter {
  /** Null when the key may try again, else how long it must wait. */
  blocked(key: string): { retryAfterSeconds: number } | null;
  /** Records a failure. */
  fail(key: string): void;
  /** Forgets a key's failures (after a success, or an invigilator's unblock). */
  reset(key: string): void;
  /** The key's failures within the window, and the first of them (ms), or null when there is none. */
  recent(key: string): { failures: number; since: number } | null;
}

export interface FailureLimit {
  /** Failures allowed within the window; the next attempt is refused until the oldest leaves the window. */
  maxFailures: number;
  windowMs: number;
  /**
   * Growing delays before that: after `afterFailures` failures, each further attempt waits `baseMs`, then twice
   * as long after each new failure (counted from the last failure).
   */
  backoff?: { afterFailures: number; baseMs: number };
}

/** Failures kept per key at most (a session's count stops there; a blocked key stops failing long before). */
const MAX_ROWS_PER_KEY = 1000;
/** Longer than every limiter's window: rows older than this serve no count. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Forgets the failures older than a day (at start: keys that never failed again leave no rows behind). */
export function purgeOldFailures(db: Db, now: Date): void {
  db.prepare('DELETE FROM failed_attempts WHERE at_ms < ?').run(now.getTime() - KEEP_MS);
}

interface Statements {
  times: (limiter: string, key: string, since: number, limit: number) => number[];
  count: (limiter: string, key: string, since: number) => { failures: number; since: number | null };
  insert: (limiter: string, key: string, at: number) => void;
  prune: (limiter: string, key: string, before: number) => void;
  cap: (limiter: string, key: string) => void;
  reset: (limiter: string, key: string) => void;
}

const prepared = new WeakMap<Db, Statements>();
function statements(db: Db): Statements {
  let found = prepared.get(db);
  if (!found) {
    const times = db.prepare<[string, string, number, number], number>(
      'SELECT at_ms FROM failed_attempts WHERE limiter = ? AND key = ? AND at_ms > ? ORDER BY at_ms DESC LIMIT ?').pluck();
    const count = db.prepare<[string, string, number], { failures: number; since: number | null }>(
      'SELECT count(*) AS failures, min(at_ms) AS since FROM failed_attempts WHERE limiter = ? AND key = ? AND at_ms > ?');
    const insert = db.prepare<[string, string, number]>('INSERT INTO failed_attempts (limiter, key, at_ms) VALUES (?, ?, ?)');
    const prune = db.prepare<[string, string, number]>('DELETE FROM failed_attempts WHERE limiter = ? AND key = ? AND at_ms <= ?');
    const reset = db.prepare<[string, string]>('DELETE FROM failed_attempts WHERE limiter = ? AND key = ?');
    const cap = db.prepare<[string, string, string, string, number]>(`DELETE FROM failed_attempts WHERE limiter = ? AND key = ? AND rowid NOT IN (
      SELECT rowid FROM failed_attempts WHERE limiter = ? AND key = ? ORDER BY at_ms DESC LIMIT ?)`);
    found = {
      times: (l, k, since, limit) => times.all(l, k, since, limit),
      count: (l, k, since) => count.get(l, k, since)!,
      insert: (l, k, at) => { insert.run(l, k, at); },
      prune: (l, k, before) => { prune.run(l, k, before); },
      reset: (l, k) => { reset.run(l, k); },
      cap: (l, k) => { cap.run(l, k, l, k, MAX_ROWS_PER_KEY); },
    };
    prepared.set(db, found);
  }
  return found;
}

export function createFailureLimiter(db: Db, name: string, limit: FailureLimit, now: () => Date = () => new Date()): FailureLimiter {
  const sql = statements(db);
  const wait = (until: number, at: number) => ({ retryAfterSeconds: Math.max(1, Math.ceil((until - at) / 1000)) });
  return {
    blocked(key) {
      const at = now().getTime();
      const times = sql.times(name, key, at - limit.windowMs, limit.maxFailures);
      if (times.length >= limit.maxFailures) return wait(times[limit.maxFailures - 1]! + limit.windowMs, at);
      const backoff = limit.backoff;
      if (backoff && times.length >= backoff.afterFailures) {
        const until = times[0]! + backoff.baseMs * 2 ** (times.length - backoff.afterFailures);
        if (until > at) return wait(until, at);
      }
      return null;
    },
    fail(key) {
      const at = now().getTime();
      db.transaction(() => {
        sql.prune(name, key, at - limit.windowMs);
        sql.insert(name, key, at);
        if (sql.count(name, key, at - limit.windowMs).failures > MAX_ROWS_PER_KEY) sql.cap(name, key);
      })();
    },
    reset(key) {
      sql.reset(name, key);
    },
    recent(key) {
      const found = sql.count(name, key, now().getTime() - limit.windowMs);
      return found.failures === 0 || found.since === null ? null : { failures: found.failures, since: found.since };
    },
  };
}
