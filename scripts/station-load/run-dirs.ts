/** The temporary folder of one run (on the same disk as the raw-commit measurement) and the station's pieces in it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFile } from '../../electron/centre/storage/data-dir';

export interface RunDirs { root: string; station: string; database: string; loadConfig: string; ackFile: string; remove(): void }

export function createRunDirs(prefix: string): RunDirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const station = path.join(root, 'station');
  return {
    root,
    station,
    database: databaseFile(station),
    loadConfig: path.join(root, 'load-config.json'),
    ackFile: path.join(root, 'acks.ndjson'),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * The candidates a run needs: each sits once, so the pool must last the whole run. Sessions share one profile
 * package; a session has at least one candidate per kiosk, and up to POOL_PUPILS when few kiosks go fast.
 */
const ASSUMED_STATION_ANSWERS_PER_SECOND = 3000;
const ASSUMED_KIOSK_ANSWERS_PER_SECOND = 300;
/** The demo profiles' tests have 10 to 48 challenges; a shortish average keeps the estimate on the safe side. */
const ASSUMED_TEST_LENGTH = 16;
const MARGIN = 1.5;
const POOL_PUPILS = 500;

export function candidatePool(kiosks: number, seconds: number): { pupils: number; sessions: number } {
  const perKiosk = Math.min(ASSUMED_STATION_ANSWERS_PER_SECOND / kiosks, ASSUMED_KIOSK_ANSWERS_PER_SECOND);
  const needed = Math.ceil(kiosks * Math.max(1, (seconds * perKiosk) / ASSUMED_TEST_LENGTH) * MARGIN);
  const pupils = Math.max(kiosks, Math.min(needed, POOL_PUPILS));
  return { pupils, sessions: Math.ceil(needed / pupils) };
}
