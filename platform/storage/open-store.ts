import path from 'node:path';
import type { PlatformStore } from './platform-store';

/** Where the platform's data lives: PostgreSQL when DATABASE_URL is set, else the SQLite file of the authority's folder. */
export type StoreLocation = { engine: 'postgres'; url: string } | { engine: 'sqlite'; file: string };

export function storeLocation(env: Record<string, string | undefined>, authorityDir: string, sqliteFile: string): StoreLocation {
  const url = env.DATABASE_URL?.trim();
  return url ? { engine: 'postgres', url } : { engine: 'sqlite', file: path.resolve(authorityDir, sqliteFile) };
}

/** Opens the store (modules loaded on demand: a SQLite platform never loads `pg`, and the reverse). */
export async function openStore(location: StoreLocation): Promise<PlatformStore> {
  if (location.engine === 'postgres') {
    const { openPostgresStore } = require('./postgres-store') as typeof import('./postgres-store');
    return openPostgresStore(location.url);
  }
  const { openSqliteStore } = require('./sqlite-store') as typeof import('./sqlite-store');
  return openSqliteStore(location.file);
}
