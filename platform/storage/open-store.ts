import path from 'node:path';
import type { PlatformStore } from './platform-store';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';

/** Where the platform's data lives: PostgreSQL when DATABASE_URL is set, else the SQLite file of the authority's folder. */
export type StoreLocation = { engine: 'postgres'; url: string } | { engine: 'sqlite'; file: string };

export function storeLocation(env: Record<string, string | undefined>, authorityDir: string, sqliteFile: string): StoreLocation {
  const url = env.DATABASE_URL?.trim();
  return url ? { engine: 'postgres', url } : { engine: 'sqlite', file: path.resolve(authorityDir, sqliteFile) };
}

export async function openStore(location: StoreLocation): Promise<PlatformStore> {
  return location.engine === 'postgres' ? openPostgresStore(location.url) : openSqliteStore(location.file);
}
