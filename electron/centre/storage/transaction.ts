import type { Result } from '../../../shared/result';
import type { Db } from './database';

/** Thrown inside the transaction to roll it back with an error result; caught right outside it. */
class ErrorRollback {
  constructor(readonly result: { ok: false; error: unknown }) {}
}

type Body = () => Result<unknown, unknown>;
type Runner = <T, E>(body: () => Result<T, E>) => Result<T, E>;

// better-sqlite3 builds a transaction function in several microseconds: one per database, built once, reused.
const runners = new WeakMap<Db, Runner>();

/**
 * The transaction runner of `db`: `run(body)` runs `body` in one transaction (a savepoint when called inside an
 * outer one); an error result rolls back everything it wrote and is returned; a success commits; a throw (a bug)
 * rolls back and goes on up. Callers on a hot path keep the runner instead of looking it up each time.
 */
export function transactionRunner(db: Db): Runner {
  let run = runners.get(db);
  if (!run) {
    const transaction = db.transaction((body: Body) => {
      const result = body();
      if (!result.ok) throw new ErrorRollback(result);
      return result;
    });
    run = (<T, E>(body: () => Result<T, E>): Result<T, E> => {
      try {
        return transaction(body) as Result<T, E>;
      } catch (error) {
        if (error instanceof ErrorRollback) return error.result as Result<T, E>;
        throw error;
      }
    });
    runners.set(db, run);
  }
  return run;
}

/** Runs `body` in one transaction of `db`: an error result rolls back everything it wrote (see transactionRunner). */
export function inTransaction<T, E>(db: Db, body: () => Result<T, E>): Result<T, E> {
  return transactionRunner(db)(body);
}
