import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KioskAnswer, AnswerAck, KioskTest } from '../../../shared/formats/kiosk-api';

/**
 * The kiosk's own IndexedDB database: the answers kept until the station acknowledges them (R-VAL-4) and the
 * time spent on each challenge (so that a reload does not restart a timer); since version 2 also the pupil's test
 * as delivered, with the entry token (R-SESS-5: a reload shows the test again and re-enters with it), and the bytes
 * of its assets (an outage or a reload still shows them). One database, one version table.
 */

/** Where a kept answer stands. `sent` only with the station's acknowledgement; `setAside` will never succeed. */
export type AnswerState =
  | { kind: 'pending' }
  | { kind: 'sent'; ack: AnswerAck; ackedAt: number }
  | { kind: 'setAside'; status: number; code: string; at: number };

/** One answer on this computer: one per (test, challenge). */
export interface KeptAnswer {
  /** Order of keeping (IndexedDB key generator): the outbox sends the smallest first. */
  seq: number;
  /** The session (finalising it clears its answers). */
  sessionKey: string;
  /** The pupil's test on this kiosk — not the entry token, which changes at each re-entry (R-SESS-5). */
  testKey: string;
  challengeId: string;
  clientAnswerId: string;
  body: KioskAnswer;
  /** When it was kept (epoch ms). */
  keptAt: number;
  state: AnswerState;
}

/** The accumulated time of one challenge (see challenge-timer.ts). */
export interface KeptTimer {
  sessionKey: string;
  testKey: string;
  challengeId: string;
  accumulatedMs: number;
  /** When it was last written (epoch ms), for the record. */
  savedAt: number;
}

/** The pupil's test on this kiosk (kept-test-store.ts): what a reload needs to show it again and re-enter. */
export interface KeptTest {
  testKey: string;
  sessionKey: string;
  /** The latest entry token (check-in, re-entry): the outbox sends with it, a re-entry starts from it. */
  entryToken: string;
  candidate: { lastName: string; firstName: string };
  test: KioskTest;
  /** R-VAL-5, R-VAL-6 — the length of each countdown once begun (a countdown under way keeps its length), by challenge. */
  countdownSeconds: Record<string, number>;
  /** The focused challenges during which the page lost focus (sent with their answer). */
  focusLost: string[];
  /**
   * The test can no longer go on here (ended, reopened elsewhere, too late): a reload then shows the check-in form
   * (the kiosk is free for the next pupil), while its answers still go and stay until the session is finalised.
   */
  over?: boolean;
  savedAt: number;
}

/** The bytes of one asset of the test (an `ArrayBuffer`: every IndexedDB clones it). */
export interface KeptAsset {
  testKey: string;
  assetId: string;
  mediaType: string;
  bytes: ArrayBuffer;
}

export interface KioskDbSchema extends DBSchema {
  answers: {
    key: number;
    value: KeptAnswer;
    indexes: { byChallenge: [string, string]; byClientAnswerId: string; bySession: string; byTest: string };
  };
  timers: {
    key: [string, string];
    value: KeptTimer;
    indexes: { bySession: string };
  };
  tests: {
    key: string;
    value: KeptTest;
    indexes: { bySession: string };
  };
  assets: {
    key: [string, string];
    value: KeptAsset;
    indexes: { byTest: string };
  };
}

export type KioskDb = IDBPDatabase<KioskDbSchema>;

export const KIOSK_DB_NAME = 'passation-kiosk';
/** 1: answers and timers; 2: the kept test and its assets. */
const KIOSK_DB_VERSION = 2;

/** Opens (and on first use creates) the database; `name` differs only in tests (one database per test). */
export function openKioskDatabase(name: string = KIOSK_DB_NAME): Promise<KioskDb> {
  return openDB<KioskDbSchema>(name, KIOSK_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) createVersion1(db);
      if (oldVersion < 2) {
        const tests = db.createObjectStore('tests', { keyPath: 'testKey' });
        tests.createIndex('bySession', 'sessionKey');
        const assets = db.createObjectStore('assets', { keyPath: ['testKey', 'assetId'] });
        assets.createIndex('byTest', 'testKey');
      }
    },
  });
}

function createVersion1(db: IDBPDatabase<KioskDbSchema>): void {
  const answers = db.createObjectStore('answers', { keyPath: 'seq', autoIncrement: true });
  answers.createIndex('byChallenge', ['testKey', 'challengeId'], { unique: true });
  answers.createIndex('byClientAnswerId', 'clientAnswerId', { unique: true });
  answers.createIndex('bySession', 'sessionKey');
  answers.createIndex('byTest', 'testKey');
  const timers = db.createObjectStore('timers', { keyPath: ['testKey', 'challengeId'] });
  timers.createIndex('bySession', 'sessionKey');
}
