import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './database';
import { makePrivate } from './private-files';

export type BackupResult = { ok: true; file: string; pages: number } | { ok: false; message: string };

/** Copy every page in one step: a concurrent writer on another connection cannot make the copy start over. */
const ALL_PAGES = 0x7fffffff;

/**
 * Architecture §4 — copies the live database through SQLite's online backup API (never by copying the open
 * file): a consistent snapshot, even while other connections write. The copy is written beside `outFile`
 * under a temporary name, checked (`PRAGMA quick_check`), then renamed, so `outFile` is never half written.
 * Refuses to overwrite an existing file.
 */
export async function backupDatabase(db: Db, outFile: string): Promise<BackupResult> {
  const target = path.resolve(outFile);
  if (fs.existsSync(target)) return { ok: false, message: `le fichier de sauvegarde existe déjà : ${target}` };
  if (!fs.existsSync(path.dirname(target))) return { ok: false, message: `dossier introuvable : ${path.dirname(target)}` };
  const partial = `${target}.partial-${process.pid}-${Date.now()}`;
  try {
    const progress = await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') return { ok: false, message: `la copie est incohérente (${String(check)})` };
      // A standalone file: no -wal beside it, readable by any SQLite tool.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    makePrivate(partial);
    fs.renameSync(partial, target);
    return { ok: true, file: target, pages: progress.totalPages };
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(leftover, { force: true });
  }
}
