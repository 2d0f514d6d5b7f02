import type { Db } from '../storage/database';

/**
 * A refusal of a kiosk or console request, as a value: HTTP status, a stable code, a French message and the
 * field (or header) to blame. Domain functions return it; the route plugins turn it into `{error: …}`.
 */
export interface Refusal {
  status: 400 | 401 | 403 | 404 | 409 | 429;
  code: string;
  message: string;
  field: string;
  retryAfterSeconds?: number;
  /** Every problem when there are several (finalisation), each naming its field. */
  errors?: { field: string; message: string }[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });

export function refusal<T = never>(status: Refusal['status'], code: string, field: string, message: string, extra: Partial<Refusal> = {}): Outcome<T> {
  return { ok: false, refusal: { status, code, field, message, ...extra } };
}

/** Thrown inside a transaction to roll it back with a refusal; caught right outside it. */
export class RefusalRollback extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

const runners = new WeakMap<Db, (work: () => Outcome<unknown>) => Outcome<unknown>>();

/** Runs `body` in one transaction of `db`; a refusal rolls back everything it wrote and becomes the outcome. */
export function inTransaction<T>(db: Db, body: () => Outcome<T>): Outcome<T> {
  let run = runners.get(db);
  if (!run) {
    // better-sqlite3 builds a transaction function in several microseconds: one per database, reused.
    run = db.transaction((work: () => Outcome<unknown>) => {
      const outcome = work();
      if (!outcome.ok) throw new RefusalRollback(outcome.refusal);
      return outcome;
    });
    runners.set(db, run);
  }
  try {
    return run(body) as Outcome<T>;
  } catch (error) {
    if (error instanceof RefusalRollback) return { ok: false, refusal: error.refusal };
    throw error;
  }
}
