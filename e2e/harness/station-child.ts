/**
 * The station of the outage proofs, in its OWN process (e2e/harness/station-process.ts starts it): a real centre
 * server over HTTPS on 127.0.0.1, on a fixed data folder and a fixed port, with the test-only certificate and key
 * of every e2e test (so Chromium's SPKI pin, the page's origin and its service worker survive a restart), serving
 * the built screens, in demo mode (no kiosk attestation: the page runs in Chromium, not in the shell).
 *
 * `--data DIR --port N [--seed]`. With `--seed` and no `DIR/seed.json` yet, it seeds a session (e2e/session-seed.ts)
 * and writes the facts there. Prints ONE line `{"ready":true,"pid","url","seed"}` once listening; SIGTERM stops
 * it cleanly; SIGKILL is what the proofs send.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCentreServer } from '../../electron/centre/centre-server';
import { screensPlugin } from '../../electron/centre/screens/screens-plugin';
import { openDatabase } from '../../electron/centre/storage/database';
import { MANAGER_PASSWORD, seedSession, type SeedFacts } from '../session-seed';
import { TEST_STATION_TLS } from '../station-tls';

const SEED_FILE = 'seed.json';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' }, seed: { type: 'boolean', default: false } } });
  if (!values.data || !values.port) throw new Error('usage : station-child.ts --data DOSSIER --port N [--seed]');
  const dataDir = path.resolve(values.data);
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
  const server = await createCentreServer({
    db, dataDir, host: '127.0.0.1', port: Number(values.port), tls: TEST_STATION_TLS,
    config: { managerPassword: MANAGER_PASSWORD, plugins: [screensPlugin()], kioskAttestation: { mode: 'demo' }, logError: (e, where) => process.stderr.write(`[station-child] ${where} : ${String(e)}\n`) },
  });
  const seedFile = path.join(dataDir, SEED_FILE);
  let seed: SeedFacts | null = fs.existsSync(seedFile) ? JSON.parse(fs.readFileSync(seedFile, 'utf8')) as SeedFacts : null;
  if (values.seed && seed === null) {
    seed = (await seedSession({ url: server.url, dataDir, server })).seed;
    fs.writeFileSync(`${seedFile}.tmp`, JSON.stringify(seed));
    fs.renameSync(`${seedFile}.tmp`, seedFile);
  }
  const stop = () => { server.close().then(() => { db.close(); process.exit(0); }, () => process.exit(1)); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, url: server.url, seed })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[station-child] ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
