import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterTest, startHarness, type Harness } from './testing/test-harness';
import { liveSessionActivity } from './station-activity';

/** What the station shell's quit confirmation reads, on a real centre (HTTPS, SQLite file) driven through its API. */
let h: Harness;
let kioskA: string;
let kioskB: string;
beforeAll(async () => {
  h = await startHarness();
  kioskA = await h.pairKiosk('Poste A');
  kioskB = await h.pairKiosk('Poste B');
});
afterAll(() => h.close());

describe('liveSessionActivity', () => {
  it('is empty while nobody has checked in', () => {
    expect(liveSessionActivity(h.t.db)).toEqual([]);
  });

  it('counts a checked-in pupil as waiting, then as in test once started; the other stays waiting', async () => {
    const checkedIn = await h.checkIn(kioskB, 'Martin');
    expect(checkedIn.status).toBe(200);
    expect(liveSessionActivity(h.t.db)).toEqual([{ sessionNumber: h.sessionNumber, inTest: 0, waiting: 1 }]);
    const { test } = await enterTest(h, kioskA, 'Dupont');
    expect(test.status).toBe(200);
    expect(liveSessionActivity(h.t.db)).toEqual([{ sessionNumber: h.sessionNumber, inTest: 1, waiting: 1 }]);
    // A second check-in of the same pupil replaces the first entry: still one pupil waiting.
    expect((await h.checkIn(kioskA, 'Martin')).status).toBe(200);
    expect(liveSessionActivity(h.t.db)).toEqual([{ sessionNumber: h.sessionNumber, inTest: 1, waiting: 1 }]);
  });

  it('a test ended by the invigilator is no longer in test (a suspended one would still be)', async () => {
    const ended = await h.console('POST', `/candidates/${h.candidates.get('Dupont')!.id}/end-test`);
    expect(ended.status).toBe(200);
    expect(liveSessionActivity(h.t.db)).toEqual([{ sessionNumber: h.sessionNumber, inTest: 0, waiting: 1 }]);
  });
});
