import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KioskAnswer, AnswerAck } from '../../../shared/formats/kiosk-api';

/**
 * The kiosk's own IndexedDB database: the answers kept until the station acknowledges them (R-VAL-4) and the
 * time spent on each challenge (so that a reload does not restart a timer). One database, one version table.
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
}

export type KioskDb = IDBPDatabase<KioskDbSchema>;

export const KIOSK_DB_NAME = 'passation-kiosk';
const KIOSK_DB_VERSION = 1;

/** Opens (and on first use creates) the database; `name` differs only in tests (one database per test). */
export function openKioskDatabase(name: string = KIOSK_DB_NAME): Promise<KioskDb> {
  return openDB<KioskDbSchema>(name, KIOSK_DB_VERSION, {
    upgrade(db) {
      const answers = db.createObjectStore('answers', { keyPath: 'seq', autoIncrement: true });
      answers.createIndex('byChallenge', ['testKey', 'challengeId'], { unique: true });
      answers.createIndex('byClientAnswerId', 'clientAnswerId', { unique: true });
      answers.createIndex('bySession', 'sessionKey');
      answers.createIndex('byTest', 'testKey');
      const timers = db.createObjectStore('timers', { keyPath: ['testKey', 'challengeId'] });
      timers.createIndex('bySession', 'sessionKey');
    },
  });
}
