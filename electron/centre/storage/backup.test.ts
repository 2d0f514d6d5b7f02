import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../sessions/session-store';
import { backupDatabase } from './backup';
import { tempDatabase } from './temp-database';

/** Another connection, in another thread, writing two rows per transaction until told to stop. */
const WRITER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const flags = new Int32Array(workerData.flags);
const insert = db.prepare('INSERT INTO backup_probe (batch, filler) VALUES (?, ?)');
const pair = db.transaction((batch) => { insert.run(batch, 'x'.repeat(200)); insert.run(batch, 'y'.repeat(200)); });
let batch = 0;
while (Atomics.load(flags, 0) === 0) { pair(++batch); Atomics.store(flags, 1, batch); }
db.close();
parentPort.postMessage(batch);
`;

let temp: ReturnType<typeof tempDatabase>;
beforeEach(() => { temp = tempDatabase('passation-backup-'); });
afterEach(() => temp.remove());

describe('backupDatabase (architecture §4)', () => {
  it('copies a consistent snapshot while another connection writes; the copy opens and counts right', async () => {
    const store = createSessionStore(temp.db);
    const created = store.createSession({ centre: 'Collège', siteAddress: '1 rue A', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'M. B' });
    if (!created.ok) throw new Error(created.error.message);
    for (let i = 0; i < 40; i++) {
      store.addCandidate(created.value.session.id, { lastName: `Nom${i}`, firstName: 'Zoé', sex: 'F', birthDate: '2010-03-14', birthplace: { kind: 'insee', code: '69123' } });
    }
    temp.db.exec('CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, filler TEXT NOT NULL)');

    const flags = new Int32Array(new SharedArrayBuffer(8));
    const writer = new Worker(WRITER, { eval: true, workerData: { file: temp.file, flags: flags.buffer, driver: require.resolve('better-sqlite3') } });
    const finished = new Promise<number>((resolve, reject) => { writer.once('message', resolve); writer.once('error', reject); });
    while (Atomics.load(flags, 1) < 200) await new Promise((r) => setTimeout(r, 5));

    const writtenBefore = Atomics.load(flags, 1);
    const out = path.join(temp.dir, 'sauvegarde.sqlite');
    const result = await backupDatabase(temp.db, out);
    const writtenAfter = Atomics.load(flags, 1);
    while (Atomics.load(flags, 1) < writtenAfter + 50) await new Promise((r) => setTimeout(r, 5));
    Atomics.store(flags, 0, 1);
    const batches = await finished;

    expect(result.ok).toBe(true);
    const copy = new Database(out, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.prepare('SELECT COUNT(*) FROM candidates').pluck().get()).toBe(40);
      expect(copy.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(1);
      const probe = copy.prepare('SELECT COUNT(*) AS n, MAX(batch) AS last FROM backup_probe').get() as { n: number; last: number };
      // A snapshot: whole transactions only (2 rows each), taken while the writer was running.
      expect(probe.n).toBe(2 * probe.last);
      expect(probe.last).toBeGreaterThanOrEqual(writtenBefore);
      expect(probe.last).toBeLessThan(batches);
    } finally {
      copy.close();
    }
    expect(fs.readdirSync(temp.dir).filter((f) => f.startsWith('sauvegarde'))).toEqual(['sauvegarde.sqlite']);
  });

  it('refuses to overwrite an existing file, and a missing folder, as values', async () => {
    const out = path.join(temp.dir, 'deja-la.sqlite');
    fs.writeFileSync(out, 'précieux');
    expect(await backupDatabase(temp.db, out)).toEqual({ ok: false, message: `le fichier de sauvegarde existe déjà : ${out}` });
    expect(fs.readFileSync(out, 'utf8')).toBe('précieux');
    const missing = await backupDatabase(temp.db, path.join(temp.dir, 'absent', 'copie.sqlite'));
    expect(missing.ok).toBe(false);
  });
});
