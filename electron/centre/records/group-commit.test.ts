import { afterEach, beforeEach, expect, test } from 'vitest';
import { tempDatabase } from '../storage/temp-database';
import { createGroupCommit } from './group-commit';
import { ok } from '../../../shared/result';
import { refuse } from '../storage/refusal';

let temp: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  temp = tempDatabase('passation-group-commit-');
  temp.db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
});
afterEach(() => temp.remove());

const notes = () => temp.db.prepare('SELECT text FROM notes ORDER BY id').pluck().all();
const write = (text: string) => temp.db.prepare('INSERT INTO notes (text) VALUES (?)').run(text);

test('writes of one turn share a batch: a refusal or a failure undoes only its own writes, the others are stored', async () => {
  const commits = createGroupCommit(temp.db);
  const results = await Promise.allSettled([
    commits.run(() => ok(write('premier'))),
    commits.run(() => {
      write('refusé');
      return refuse('inUse', 'text', 'Refusé.');
    }),
    commits.run(() => {
      write('en panne');
      throw new Error('panne simulée');
    }),
    commits.run(() => ok(write('dernier'))),
  ]);
  expect(results.map((r) => (r.status === 'fulfilled' ? (r.value.ok ? 'ok' : r.value.error.code) : 'rejected'))).toEqual(['ok', 'inUse', 'rejected', 'ok']);
  expect(notes()).toEqual(['premier', 'dernier']);
});

test('a write sees the writes queued before it in the same batch, and the promise resolves after the commit', async () => {
  const commits = createGroupCommit(temp.db);
  const first = commits.run(() => ok(write('a')));
  const second = commits.run(() => ok(temp.db.prepare('SELECT COUNT(*) FROM notes').pluck().get()));
  expect(notes()).toEqual([]);
  await first;
  expect(temp.db.inTransaction).toBe(false);
  expect(notes()).toEqual(['a']);
  expect(await second).toEqual({ ok: true, value: 1 });
});
