import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KioskCheckInAnswer, KioskState } from '../../../shared/formats/kiosk-api';
import { verifyChain } from '../audit/event-chain';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';

// R-SESS-5 — `POST /api/kiosk/re-entry` over the real HTTPS server (loopback, SQLite file): a kiosk that kept the
// pupil's test after a reload re-enters with the OLD entry token; a new entry waits for « Autoriser la reprise »,
// the old one still sends the answers held on the kiosk until the new one starts, and the refusals say why.

let h: Harness;
let kioskA: string;
let kioskB: string;
beforeAll(async () => {
  h = await startHarness();
  kioskA = await h.pairKiosk('Poste A');
  kioskB = await h.pairKiosk('Poste B');
});
afterAll(async () => { await h.close(); });

const answer = (challengeId: string, id: string) => ({
  challengeId, answer: { skipped: true }, clientAnswerId: id, elapsedMs: 1000, timedOut: false, focusLost: false,
});
const events = (kind: string) => h.t.db.prepare('SELECT payload FROM events WHERE kind = ? ORDER BY seq').pluck().all(kind) as string[];

describe('POST /api/kiosk/re-entry (R-SESS-5)', () => {
  test('a new entry for the same candidate on this kiosk, waiting for the resume, audited with cause reload; then the test continues', async () => {
    const { entry: old, test: delivered } = await enterTest(h, kioskA, 'Dupont');
    expect(delivered.status).toBe(200);
    expect((await h.kiosk('POST', '/api/kiosk/answers', kioskA, old, answer('ch_1', 'before-reload'))).status).toBe(200);

    const again = await h.kiosk('POST', '/api/kiosk/re-entry', kioskA, old);
    expect(again.status).toBe(200);
    const parsed = KioskCheckInAnswer.parse(again.json);
    expect(parsed.entryToken).toMatch(/^pe_/);
    expect(parsed.entryToken).not.toBe(old);
    expect(parsed.candidate).toEqual({ lastName: 'Dupont', firstName: 'Marie' });
    expect(parsed.state).toMatchObject({ state: 'waitingForResume', progress: { answered: 1, total: 15 }, sessionFinalised: false });
    const audited = events('reEntry').map((p) => JSON.parse(p) as { cause: string; entryId: number; previousEntryId: number });
    expect(audited).toHaveLength(1);
    expect(audited[0]!.cause).toBe('reload');
    expect(audited[0]!.entryId).not.toBe(audited[0]!.previousEntryId);
    const id = h.candidates.get('Dupont')!.id;
    const live = (await h.console('GET', '/live')).json.candidates as { candidateId: number; status: string }[];
    expect(live.find((c) => c.candidateId === id)?.status).toBe('waitingForResume');

    // The answers kept on the kiosk go first, with the OLD token, while the new entry waits.
    expect((await h.kiosk('POST', '/api/kiosk/answers', kioskA, old, answer('ch_2', 'kept-on-kiosk'))).status).toBe(200);
    // The new entry cannot start before « Autoriser la reprise ».
    expect((await h.kiosk('POST', '/api/kiosk/start', kioskA, parsed.entryToken)).json.error.code).toBe('notAuthorised');
    expect((await h.console('POST', `/candidates/${id}/authorise-resume`)).status).toBe(200);
    const resumed = await h.kiosk('POST', '/api/kiosk/start', kioskA, parsed.entryToken);
    expect(resumed.status).toBe(200);
    expect(resumed.json.answeredChallengeIds).toEqual(['ch_1', 'ch_2']);
    expect(resumed.json.resumeAt).toBe(2);
    // The old entry is replaced now: it neither answers nor re-enters.
    expect((await h.kiosk('POST', '/api/kiosk/answers', kioskA, old, answer('ch_3', 'late'))).json.error.code).toBe('entryReplaced');
    const replaced = await h.kiosk('POST', '/api/kiosk/re-entry', kioskA, old);
    expect(replaced.status).toBe(409);
    expect(replaced.json.error).toMatchObject({ code: 'entryReplaced', field: 'x-passation-entry' });
    expect(verifyChain(h.t.db, h.sessionId).ok).toBe(true);
  });

  test('a reload while waiting for the resume: re-entering again replaces the unstarted entry, one entry waits', async () => {
    const { entry: first } = await enterTest(h, kioskA, 'Bernard');
    const second = (await h.kiosk('POST', '/api/kiosk/re-entry', kioskA, first)).json.entryToken as string;
    // The token of the second entry was lost with the page: the kiosk still holds the first one.
    const third = await h.kiosk('POST', '/api/kiosk/re-entry', kioskA, first);
    expect(third.status).toBe(200);
    expect((await h.kiosk('GET', '/api/kiosk/state', kioskA, second)).json.state).toBe('replaced');
    expect((await h.kiosk('GET', '/api/kiosk/state', kioskA, third.json.entryToken)).json.state).toBe('waitingForResume');
  });

  test('refusals: no entry header, another kiosk’s token, a test never started, a test ended', async () => {
    const none = await h.kiosk('POST', '/api/kiosk/re-entry', kioskA);
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('entryMissing');

    const { entry } = await enterTest(h, kioskA, 'Roux');
    const foreign = await h.kiosk('POST', '/api/kiosk/re-entry', kioskB, entry);
    expect(foreign.status).toBe(401);
    expect(foreign.json.error.code).toBe('entryUnknown');

    const checkedIn = await h.checkIn(kioskB, 'Garnier');
    const notStarted = await h.kiosk('POST', '/api/kiosk/re-entry', kioskB, checkedIn.json.entryToken);
    expect(notStarted.status).toBe(409);
    expect(notStarted.json.error.code).toBe('testNotStarted');

    expect((await h.console('POST', `/candidates/${h.candidates.get('Roux')!.id}/end-test`)).status).toBe(200);
    const ended = await h.kiosk('POST', '/api/kiosk/re-entry', kioskA, entry);
    expect(ended.status).toBe(409);
    expect(ended.json.error.code).toBe('testEnded');
    expect(KioskState.parse((await h.kiosk('GET', '/api/kiosk/state', kioskA, entry)).json).state).toBe('endedByInvigilator');
  });

  test('the state says what suspended the test (kind and cause), and nothing once lifted', async () => {
    const { entry } = await enterTest(h, kioskB, 'Petit');
    const event = { kind: 'focusLost', cause: 'alt-tab', at: '2026-03-14T08:05:00Z', challengeId: 'ch_4', clientEventId: 'susp-1' };
    expect((await h.kiosk('POST', '/api/kiosk/events', kioskB, entry, event)).json.policy).toBe('suspend');
    const state = KioskState.parse((await h.kiosk('GET', '/api/kiosk/state', kioskB, entry)).json);
    expect(state.state).toBe('suspended');
    expect(state.suspension).toMatchObject({ kind: 'focusLost' });
    expect(state.suspension!.cause).toContain('alt-tab');
    expect((await h.console('POST', `/candidates/${h.candidates.get('Petit')!.id}/authorise-resume`)).status).toBe(200);
    const lifted = KioskState.parse((await h.kiosk('GET', '/api/kiosk/state', kioskB, entry)).json);
    expect(lifted.state).toBe('inTest');
    expect(lifted.suspension).toBeUndefined();
  });
});
