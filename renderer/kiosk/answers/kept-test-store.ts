import type { KioskTest } from '../../../shared/formats/kiosk-api';
import { err, ok, type Result } from '../../../shared/result';
import type { KeptTest, KioskDb } from './kiosk-database';

/**
 * The pupil's test kept on this computer (R-SESS-5): the delivered `KioskTest`, the candidate, the latest entry
 * token and the session, written with strict durability BEFORE the first challenge shows, so that a reload, a
 * crash or a power cut shows « appelez le surveillant » at once, from here, without the network. It leaves with
 * the session's answers when the station reports the session finalised (answer-store.ts `clearSession`).
 */
export interface KeptTestStore {
  /** Writes the whole record (first start, resume); resolves once on disk. */
  save(test: KeptTest): Promise<Result<KeptTest, string>>;
  /** The test this kiosk holds (the latest saved, if several sessions left one), or null. */
  current(): Promise<KeptTest | null>;
  /** Changes one record (a new entry token, a countdown begun, a focus loss), durably. Null when it is gone. */
  update(testKey: string, change: (test: KeptTest) => KeptTest): Promise<KeptTest | null>;
}

const STRICT = { durability: 'strict' } as const;

/** The session as the kiosk names it (the session number typed at check-in). */
export const sessionKeyOf = (sessionNumber: number): string => `session-${sessionNumber}`;

/**
 * The pupil's test, named by what never changes for it: the session, the pupil, the start. A second check-in of the
 * same pupil on this kiosk (after the browser's data was kept) finds the same answers again.
 */
export const testKeyOf = (sessionKey: string, test: Pick<KioskTest, 'candidate' | 'startedAt'>): string =>
  `${sessionKey}/${test.startedAt}/${test.candidate.lastName}/${test.candidate.firstName}`;

const messageOf = (error: unknown) => (error instanceof Error ? `${error.name} : ${error.message}` : String(error));

export function createKeptTestStore(db: KioskDb): KeptTestStore {
  return {
    async save(test) {
      try {
        const tx = db.transaction('tests', 'readwrite', STRICT);
        await tx.store.put(test);
        await tx.done;
        return ok(test);
      } catch (error) {
        return err(`Test non gardé sur cet ordinateur : ${messageOf(error)}`);
      }
    },
    async current() {
      const all = await db.getAll('tests');
      return all.sort((a, b) => b.savedAt - a.savedAt)[0] ?? null;
    },
    async update(testKey, change) {
      const tx = db.transaction('tests', 'readwrite', STRICT);
      const found = await tx.store.get(testKey);
      if (!found) {
        await tx.done;
        return null;
      }
      const changed = change(found);
      await tx.store.put(changed);
      await tx.done;
      return changed;
    },
  };
}
