import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, ensurePrivateFile, makePrivate } from './private-files';

export type Db = Database.Database;

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/**
 * Opens (or creates) the centre's SQLite file (architecture §4): WAL, foreign keys on,
 * `synchronous=FULL` so that whatever is acknowledged to a kiosk survives a power cut,
 * then applies the numbered migrations (`NNN-name.sql`) not yet applied, each in its own transaction.
 */
export function openDatabase(file: string): Db {
  const onDisk = file !== ':memory:';
  if (onDisk) {
    // Owner-only (0700 / 0600) before SQLite creates anything: its -wal and -shm take the database file's mode.
    // An existing folder keeps its mode here (`--db` may name any file); the station tightens its data folder.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    ensurePrivateFile(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  if (onDisk) for (const companion of [`${file}-wal`, `${file}-shm`]) makePrivate(companion);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Savepoints (one per write of a group commit) keep their undo pages in memory, not in a temporary file
  // written page by page. (A bigger page cache than SQLite's 2 MB gained nothing measurable and cost the memory.)
  db.pragma('temp_store = MEMORY');
  migrate(db);
  return db;
}

/** The migration files, in order: `[{version: 1, name: '001-sessions.sql', sql}]`. */
export function listMigrations(dir = MIGRATIONS_DIR): { version: number; name: string; sql: string }[] {
  return fs.readdirSync(dir)
    .filter((name) => /^\d{3}-[a-z0-9-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Applies the migrations not applied yet; returns the versions applied now. */
export function migrate(db: Db, dir = MIGRATIONS_DIR): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const applied: number[] = [];
  for (const m of listMigrations(dir)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
