import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import { inTransaction, transactionRunner } from './transaction';
import { tempDatabase } from './temp-database';

let temp: ReturnType<typeof tempDatabase> | undefined;
afterEach(() => temp?.remove());

function notes() {
  temp = tempDatabase('passation-transaction-');
  temp.db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
  const db = temp.db;
  return {
    db,
    write: (text: string) => void db.prepare('INSERT INTO notes (text) VALUES (?)').run(text),
    all: () => db.prepare('SELECT text FROM notes ORDER BY rowid').pluck().all(),
  };
}

describe('one transaction with refusal (storage/transaction.ts)', () => {
  it('commits a success and returns its value', () => {
    const { db, write, all } = notes();
    expect(inTransaction(db, () => { write('a'); write('b'); return ok(2); })).toEqual({ ok: true, value: 2 });
    expect(all()).toEqual(['a', 'b']);
    expect(db.inTransaction).toBe(false);
  });

  it('an error result rolls back everything the body wrote and is returned as it is', () => {
    const { db, write, all } = notes();
    const refusal = err({ code: 'inUse', message: 'Refusé.' });
    expect(inTransaction(db, () => { write('a'); write('b'); return refusal; })).toBe(refusal);
    expect(all()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it('a thrown bug still throws, and rolls back', () => {
    const { db, write, all } = notes();
    expect(() => inTransaction(db, () => { write('a'); throw new RangeError('bogue'); })).toThrow(RangeError);
    expect(all()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it('nested: an inner refusal undoes only the inner writes, the outer goes on and commits', () => {
    const { db, write, all } = notes();
    const outcome = inTransaction(db, () => {
      write('outer-before');
      const inner = inTransaction(db, () => { write('inner'); return err('non'); });
      const kept = inTransaction(db, () => { write('inner-kept'); return ok(null); });
      write('outer-after');
      return ok([inner.ok, kept.ok]);
    });
    expect(outcome).toEqual({ ok: true, value: [false, true] });
    expect(all()).toEqual(['outer-before', 'inner-kept', 'outer-after']);
  });

  it('nested: an outer refusal undoes the inner writes that had succeeded', () => {
    const { db, write, all } = notes();
    const outcome = inTransaction(db, () => {
      inTransaction(db, () => { write('inner'); return ok(null); });
      return err('non');
    });
    expect(outcome).toEqual({ ok: false, error: 'non' });
    expect(all()).toEqual([]);
  });

  it('one runner per database, built once', () => {
    const { db } = notes();
    expect(transactionRunner(db)).toBe(transactionRunner(db));
  });
});
