/**
 * The floor group commit must beat: how many durable single-row commits per second SQLite makes on this disk
 * (better-sqlite3, WAL, `synchronous=FULL`, one INSERT per transaction, as the station would without batching).
 * Run as its own process: `--dir DOSSIER --seconds S` prints one JSON line `{"rawCommitsPerSecond":…}`.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export function measureRawCommits(dir: string, seconds: number): { commits: number; seconds: number; rawCommitsPerSecond: number } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `raw-commits-${process.pid}.sqlite`);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, at TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO rows (payload, at) VALUES (?, ?)');
    const payload = JSON.stringify({ challengeId: 'rec_0000000000', answer: { choice: '2' }, elapsedMs: 41_250 });
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(seconds * 1e9));
    let commits = 0;
    let now = start;
    // Autocommit: each run() is its own transaction, fsynced before it returns.
    while (now < end) {
      insert.run(payload, new Date().toISOString());
      commits++;
      now = process.hrtime.bigint();
    }
    const elapsed = Number(now - start) / 1e9;
    return { commits, seconds: elapsed, rawCommitsPerSecond: Math.round(commits / elapsed) };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, seconds: { type: 'string', default: '3' } } });
  if (!values.dir) throw new Error('--dir DOSSIER est obligatoire');
  process.stdout.write(`${JSON.stringify(measureRawCommits(values.dir, Number(values.seconds)))}\n`);
}
