import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from './database';

/** For tests: a real SQLite file (WAL and all) in a fresh temporary folder; `remove()` closes and deletes it. */
export function tempDatabase(prefix = 'passation-db-'): { db: Db; file: string; dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, 'centre.sqlite');
  const db = openDatabase(file);
  return {
    db,
    file,
    dir,
    remove: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
