import type { FailureLimiter } from '../auth/failure-limiter';
import type { PackageStore } from '../packages/package-store';
import type { SessionStore } from '../sessions/session-store';
import type { Db } from '../storage/database';
import { createDeliveryStore, type DeliveryStore } from './delivery-store';
import { createGroupCommit, type GroupCommit } from './group-commit';
import { createMaterialCache, type MaterialCache } from './session-material';
import { createTestMaterialCache, type TestMaterialCache } from './test-material';

/** Everything the delivery, supervision and finalisation modules share. Built once per server. */
export interface DeliveryContext {
  db: Db;
  store: DeliveryStore;
  /** Every durable write a kiosk or the console is answered about goes through it (one fsync per batch). */
  commits: GroupCommit;
  sessions: SessionStore;
  packages: PackageStore;
  materials: MaterialCache;
  tests: TestMaterialCache;
  now: () => Date;
  /** Draws a test's seed: a uniform 32-bit integer (crypto by default, R-GEN-4). */
  drawSeed: () => number;
  /** Failed check-ins, keyed `kiosk:<id>` and `session:<number>`. */
  checkInFailures: { perKiosk: FailureLimiter; perSession: FailureLimiter };
  /** Called after a session's alert (too many failed check-ins) was raised or lifted: the consoles hear of it. */
  sessionAlertChanged: (sessionId: number) => void;
  /**
   * Called after a change of a candidate's live state has been committed. The consoles hear of it; so does the
   * candidate's kiosk unless `toKiosk` is false (an answer: the kiosk already has the acknowledgement).
   */
  candidateChanged: (sessionId: number, candidateId: number, toKiosk?: boolean) => void;
}

export interface DeliveryContextOptions {
  db: Db;
  sessions: SessionStore;
  packages: PackageStore;
  now?: () => Date;
  drawSeed?: () => number;
  checkInFailures: { perKiosk: FailureLimiter; perSession: FailureLimiter };
  candidateChanged?: (sessionId: number, candidateId: number, toKiosk?: boolean) => void;
  sessionAlertChanged?: (sessionId: number) => void;
}

export function createDeliveryContext(options: DeliveryContextOptions): DeliveryContext {
  const materials = createMaterialCache(options.packages);
  const store = createDeliveryStore(options.db);
  return {
    db: options.db,
    store,
    commits: createGroupCommit(options.db),
    sessions: options.sessions,
    packages: options.packages,
    materials,
    tests: createTestMaterialCache(materials, store.testDocuments),
    now: options.now ?? (() => new Date()),
    drawSeed: options.drawSeed ?? secureSeed,
    checkInFailures: options.checkInFailures,
    candidateChanged: options.candidateChanged ?? (() => {}),
    sessionAlertChanged: options.sessionAlertChanged ?? (() => {}),
  };
}

const UINT32_RANGE = 0x1_0000_0000;

function secureSeed(): number {
  const buffer = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buffer);
  return buffer[0]! % UINT32_RANGE;
}
