import type { Db } from '../storage/database';
import type { Result } from '../../../shared/result';
import type { Refusal } from '../storage/refusal';
import { transactionRunner } from '../storage/transaction';

/** Writes committed together at most (one fsync for all of them). */
const MAX_BATCH = 256;

interface Pending {
  work: () => Result<unknown, Refusal>;
  resolve: (outcome: Result<unknown, Refusal>) => void;
  reject: (error: unknown) => void;
}

export type GroupCommit = ReturnType<typeof createGroupCommit>;

/**
 * Durable writes with group commit (architecture §4). Every write a kiosk or the console is answered about
 * (check-in, presence, start, answer, lockdown signal) waits in a queue; the next turn of the event loop runs
 * all of them in ONE transaction (one fsync, `synchronous=FULL`), each in its own savepoint so that a refusal or
 * a bug in one leaves the others untouched. A promise resolves only after that commit: nobody is told about a
 * write that is not on disk. Without it each write costs its own fsync, during which the station serves no one.
 */
export function createGroupCommit(db: Db) {
  let queue: Pending[] = [];
  let scheduled = false;

  /** One write in a savepoint (the runner nests inside the batch): its refusal or its failure rolls back only what it wrote. */
  const inSavepoint = transactionRunner(db);
  const runBatch = db.transaction((batch: readonly Pending[]) => batch.map((item): Result<unknown, Refusal> | { failed: unknown } => {
    try {
      return inSavepoint(item.work);
    } catch (error) {
      return { failed: error };
    }
  }));

  function flush(): void {
    scheduled = false;
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(MAX_BATCH);
    if (queue.length > 0) schedule();
    let outcomes: (Result<unknown, Refusal> | { failed: unknown })[];
    try {
      outcomes = runBatch(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const item = batch[i]!;
      if ('failed' in outcome) item.reject(outcome.failed);
      else item.resolve(outcome);
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /**
     * Runs `work` (synchronous reads and writes, returning an outcome) in the next batch. Resolves with its
     * outcome once the batch is on disk (a refusal wrote nothing); rejects if it threw or the commit failed.
     */
    run<T>(work: () => Result<T, Refusal>): Promise<Result<T, Refusal>> {
      return new Promise<Result<T, Refusal>>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (outcome: Result<unknown, Refusal>) => void, reject });
        schedule();
      });
    },
  };
}
