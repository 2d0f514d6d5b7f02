import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgresStore } from './postgres-store';
import type { PlatformStore } from './platform-store';
import { openSqliteStore } from './sqlite-store';

/**
 * Test support: the two engines the store suite runs on. SQLite is a real file in a scratch folder; PostgreSQL is
 * the server named by DATABASE_URL (`.ci/run` starts one, `.ci/postgres`), each run in a schema of its own,
 * dropped at the end. When no server answers, the PostgreSQL half is skipped and the reason printed.
 */
export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** Null when the engine can run; else why not (printed once). */
  unavailable: string | null;
  /** A fresh, empty store; `reopen` opens the same data again (a restart). */
  fresh(): Promise<{ store: PlatformStore; reopen: () => Promise<PlatformStore>; cleanup: () => Promise<void> }>;
}

export async function postgresAvailability(url: string | undefined): Promise<string | null> {
  if (!url) return 'DATABASE_URL n’est pas défini (`.ci/postgres` démarre un serveur et affiche l’URL)';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `aucun serveur PostgreSQL ne répond à DATABASE_URL (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const sqliteEngine: TestEngine = {
  name: 'sqlite',
  unavailable: null,
  fresh: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-platform-store-'));
    const file = path.join(dir, 'platform.sqlite');
    return {
      store: openSqliteStore(file),
      reopen: async () => openSqliteStore(file),
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export function postgresEngine(url: string | undefined, unavailable: string | null): TestEngine {
  return {
    name: 'postgres',
    unavailable,
    fresh: async () => {
      const schema = `test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
      const store = await openPostgresStore(url!, { schema });
      return {
        store,
        reopen: () => openPostgresStore(url!, { schema }),
        cleanup: async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  };
}
