import fs from 'node:fs';
import path from 'node:path';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered migration files of one engine (`migrations/sqlite/001-authority.sql`…), in order. */
export function listMigrations(engine: 'sqlite' | 'postgres'): Migration[] {
  const dir = path.join(__dirname, 'migrations', engine);
  return fs.readdirSync(dir)
    .filter((name) => /^\d{3}-[a-z0-9-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** The migrations still to apply, given the versions already applied. */
export function pendingMigrations(all: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
  return all.filter((m) => !applied.has(m.version));
}
