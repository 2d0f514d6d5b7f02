import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { KioskTest } from '../../../shared/formats/kiosk-api';
import { createAnswerStore } from './answer-store';
import { createKeptTestStore, sessionKeyOf, testKeyOf } from './kept-test-store';
import { openKioskDatabase, type KeptTest } from './kiosk-database';

const test = { candidate: { lastName: 'Dupont', firstName: 'Marie' }, startedAt: '2026-03-14T08:00:00.000Z', challenges: [] } as unknown as KioskTest;
const kept = (over: Partial<KeptTest> = {}): KeptTest => {
  const sessionKey = sessionKeyOf(42);
  return { testKey: testKeyOf(sessionKey, test), sessionKey, entryToken: 'pe_old', candidate: test.candidate, test, countdownSeconds: {}, focusLost: [], savedAt: 1, ...over };
};

describe('the kept test (R-SESS-5)', () => {
  it('the version-1 database of a kiosk is upgraded in place: its answers stay, the test and asset stores appear', async () => {
    const name = 'kept-upgrade';
    // A version-1 database as Step 4's first part left it, with one answer in it.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const answers = db.createObjectStore('answers', { keyPath: 'seq', autoIncrement: true });
        answers.createIndex('byChallenge', ['testKey', 'challengeId'], { unique: true });
        answers.createIndex('byClientAnswerId', 'clientAnswerId', { unique: true });
        answers.createIndex('bySession', 'sessionKey');
        answers.createIndex('byTest', 'testKey');
        db.createObjectStore('timers', { keyPath: ['testKey', 'challengeId'] }).createIndex('bySession', 'sessionKey');
      },
    });
    await v1.add('answers', { sessionKey: 's', testKey: 't', challengeId: 'ch_1', clientAnswerId: 'a-1', body: {}, keptAt: 1, state: { kind: 'pending' } });
    v1.close();
    const db = await openKioskDatabase(name);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['answers', 'assets', 'tests', 'timers']);
    expect(await db.count('answers')).toBe(1);
  });

  it('saved durably, read back after a reload; updated; the latest saved is the current one', async () => {
    const name = 'kept-save';
    const store = createKeptTestStore(await openKioskDatabase(name));
    expect(await store.current()).toBeNull();
    expect((await store.save(kept())).ok).toBe(true);
    const again = createKeptTestStore(await openKioskDatabase(name));
    expect(await again.current()).toEqual(kept());
    const updated = await again.update(kept().testKey, (t) => ({ ...t, entryToken: 'pe_new', countdownSeconds: { ch_2: 78 } }));
    expect(updated).toMatchObject({ entryToken: 'pe_new', countdownSeconds: { ch_2: 78 } });
    expect(await again.update('absent', (t) => t)).toBeNull();
    await again.save(kept({ testKey: 'other', savedAt: 5 }));
    expect((await again.current())?.testKey).toBe('other');
  });

  it('the test key is the session, the start and the pupil (the same test found again after a new check-in)', () => {
    expect(testKeyOf('session-42', test)).toBe('session-42/2026-03-14T08:00:00.000Z/Dupont/Marie');
    expect(testKeyOf('session-43', test)).not.toBe(testKeyOf('session-42', test));
  });

  it('the session finalised: its answers, timers, test and assets go; another session’s stay', async () => {
    const db = await openKioskDatabase('kept-clear');
    const tests = createKeptTestStore(db);
    const answers = createAnswerStore(db);
    const mine = kept();
    const theirs = kept({ testKey: 'session-7/x/Y/Z', sessionKey: 'session-7' });
    for (const k of [mine, theirs]) {
      await tests.save(k);
      await db.put('assets', { testKey: k.testKey, assetId: 'img', mediaType: 'image/png', bytes: new Uint8Array([1, 2, 3]).buffer });
      await answers.keep({ sessionKey: k.sessionKey, testKey: k.testKey },
        { challengeId: 'ch_1', answer: { skipped: true }, clientAnswerId: `a-${k.sessionKey}`, elapsedMs: 1, timedOut: false, focusLost: false });
    }
    expect(await answers.clearSession(mine.sessionKey)).toBe(1);
    expect((await db.getAll('tests')).map((t) => t.testKey)).toEqual([theirs.testKey]);
    expect((await db.getAll('assets')).map((a) => a.testKey)).toEqual([theirs.testKey]);
    expect((await db.getAll('answers')).map((a) => a.testKey)).toEqual([theirs.testKey]);
  });
});
