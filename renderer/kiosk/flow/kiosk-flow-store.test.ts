import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../electron/centre/testing/test-harness';
import { openKioskDatabase } from '../answers/kiosk-database';
import { createKeptTestStore } from '../answers/kept-test-store';
import { createKioskFlowStore, type KioskFlowStore } from './kiosk-flow-store';
import { fetchTrusting } from '../../../electron/centre/testing/fetch-trusting';

// Issue 8 §1–3 — the flow store against a REAL centre server (HTTPS on loopback, SQLite file), IndexedDB from
// fake-indexeddb: a pupil sits part of a test, the link drops, an answer is kept here, a countdown begins, the page is "reloaded"
// (a new store on the same database): « appelez le surveillant » at once, the kept answers go first with the old
// entry token, the kiosk re-enters, waits for « Autoriser la reprise », continues at the first unanswered
// challenge, finishes; the session is finalised and the kiosk clears its copy. Node 20 has no browser WebSocket
// nor a fetch trusting the station's certificate: answers go by HTTP, an https-based fetch stands in, and
// `refreshState()` is called where a browser would get `stateChanged` on its socket.

let h: Harness;
afterAll(async () => { await h?.close(); });

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`attendu en ${ms} ms : ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const stationAnswers = (candidateId: number) => h.t.db.prepare(
  'SELECT a.challenge_id AS challengeId, a.timed_out AS timedOut FROM answers a JOIN tests t ON t.id = a.test_id WHERE t.candidate_id = ? ORDER BY a.position',
).all(candidateId) as { challengeId: string; timedOut: number }[];

describe('the test flow against a real station (R-SESS-5, R-VAL-4)', () => {
  it('sits a test, keeps answers through an outage and a reload, re-enters, resumes at the right question, and clears at finalisation', async () => {
    h = await startHarness();
    const device = await h.pairKiosk('Poste 12');
    const link = { offline: false };
    // The page's events the timer listens to (`pagehide` writes the time spent: what a reload or a crash keeps).
    const page = { window: new EventTarget(), document: new EventTarget() };
    let clock = 0; // the monotonic clock (performance.now() in a browser), moved by hand
    const tick = (ms: number) => { clock += ms; };
    const dbName = 'flow-real-station';
    const flowOptions = {
      baseUrl: h.t.server.url, fetch: fetchTrusting(h.t.tls.certPem, link), headers: () => ({ authorization: `Bearer ${device}` }),
      openDatabase: () => openKioskDatabase(dbName), pageEvents: page, retryBootMs: 50, timeoutMs: 2000,
      monotonicNow: () => clock, outbox: { backoff: { initialMs: 50, maxMs: 200, factor: 2 } }, assetUrls: { create: () => 'blob:test' },
    };
    const dupont = h.candidates.get('Dupont')!.id;

    // ---- First page: check-in, presence, « Commencer mon test ».
    const first: KioskFlowStore = createKioskFlowStore(flowOptions);
    const flow = first.store;
    await flow.getState().boot();
    expect(flow.getState().screen).toEqual({ name: 'checkIn' });
    const checkedIn = await h.checkIn(device, 'Dupont');
    flow.getState().checkedIn(checkedIn.json, h.sessionNumber);
    expect(flow.getState().screen.name).toBe('waiting');
    expect((await h.console('POST', `/candidates/${dupont}/confirm-presence`)).status).toBe(200);
    await flow.getState().refreshState();
    expect(flow.getState().screen.name).toBe('instructions');
    await flow.getState().start();
    expect(flow.getState().screen.name).toBe('test');
    const challenges = flow.getState().running!.kept.test.challenges;
    expect(challenges).toHaveLength(15);
    // Kept before the first challenge showed: the test, the entry token, the candidate, the session.
    const kept = await createKeptTestStore(await openKioskDatabase(dbName)).current();
    expect(kept).toMatchObject({ entryToken: checkedIn.json.entryToken, candidate: { lastName: 'Dupont', firstName: 'Marie' }, sessionKey: `session-${h.sessionNumber}` });

    /** Answers the challenge on screen (through its warnings); returns its id. */
    const answerOne = async (store = flow): Promise<string> => {
      const running = store.getState().running!;
      const id = challenges[running.index!]!.challengeId;
      expect(store.getState().currentChallengeId()).toBe(id);
      if (running.phase !== 'answering') await store.getState().begin();
      if (store.getState().running!.phase !== 'answering') await store.getState().begin();
      tick(1500);
      await store.getState().answer({ skipped: true });
      return id;
    };

    // ch_1 plain, ch_2 timed (its warning first, its countdown 60 s), ch_3, ch_4 focused (« Je suis prêt »), ch_5.
    expect(flow.getState().running!.phase).toBe('answering');
    await answerOne();
    expect(flow.getState().running!.phase).toBe('timedWarning');
    expect(flow.getState().countdown()).toMatchObject({ totalSeconds: 60 });
    await flow.getState().begin();
    tick(60_000); // R-VAL-5 — the time runs out; the pupil still answers
    expect(flow.getState().countdown()!.remainingMs()).toBe(0);
    await answerOne();
    await answerOne();
    expect(flow.getState().running!.phase).toBe('focusedWarning');
    await flow.getState().begin();
    flow.getState().focusLost();
    expect(flow.getState().running!.focusLost).toBe(true);
    await answerOne();
    await answerOne();
    await until(() => stationAnswers(dupont).length === 5, 'cinq réponses au poste');
    const firstFive = h.t.db.prepare(
      'SELECT a.challenge_id AS id, a.timed_out AS timedOut, a.focus_lost AS focusLost, a.elapsed_ms AS elapsedMs FROM answers a ORDER BY a.id',
    ).all() as { id: string; timedOut: number; focusLost: number; elapsedMs: number }[];
    expect(firstFive).toEqual([
      { id: 'ch_1', timedOut: 0, focusLost: 0, elapsedMs: 1500 },
      { id: 'ch_2', timedOut: 1, focusLost: 0, elapsedMs: 61_500 },
      { id: 'ch_3', timedOut: 0, focusLost: 0, elapsedMs: 1500 },
      { id: 'ch_4', timedOut: 0, focusLost: 1, elapsedMs: 1500 },
      { id: 'ch_5', timedOut: 0, focusLost: 0, elapsedMs: 1500 },
    ]);

    // ---- The station cannot be reached: the pupil goes on, two answers are kept here only.
    link.offline = true;
    await answerOne();
    await until(() => flow.getState().outbox?.getState().station === 'unreachable', 'bandeau « gardées ici »');
    expect(stationAnswers(dupont)).toHaveLength(5);
    // Question 7 is timed: its countdown begins, 20 s pass, then the page goes (a reload).
    expect(flow.getState().running).toMatchObject({ index: 6, phase: 'timedWarning' });
    await flow.getState().begin();
    tick(20_000);
    page.window.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 50));

    // ---- A reload (a new page on the same database), the link back: « appelez le surveillant » at once.
    first.dispose(); // the old page is gone, with its memory and its outbox
    link.offline = false;
    const second = createKioskFlowStore(flowOptions);
    // Every screen the new page shows, in order (the first one must come from IndexedDB, before any answer from the station).
    const shown: unknown[] = [];
    second.store.subscribe((state, previous) => { if (state.screen !== previous.screen) shown.push(state.screen); });
    const booting = second.store.getState().boot();
    await until(() => second.store.getState().screen.name !== 'loading', 'premier écran');
    expect(shown.find((screen) => (screen as { name: string }).name !== 'loading'))
      .toMatchObject({ name: 'resume', step: 'reEntering', candidate: { lastName: 'Dupont' } });
    await booting;
    // The kept answers went first, with the old token; then the re-entry: a new entry waits for the resume.
    expect(stationAnswers(dupont).map((a) => a.challengeId)).toEqual(challenges.slice(0, 6).map((c) => c.challengeId));
    expect(second.store.getState().screen).toMatchObject({ name: 'resume', step: 'waitingForResume' });
    expect(second.store.getState().entryToken).not.toBe(checkedIn.json.entryToken);
    const events = h.t.db.prepare("SELECT payload FROM events WHERE kind = 'reEntry'").pluck().all() as string[];
    expect(events.map((e) => JSON.parse(e) as { cause: string }).map((e) => e.cause)).toEqual(['reload']);

    // Blocked until « Autoriser la reprise »: a re-read changes nothing.
    await second.store.getState().refreshState();
    expect(second.store.getState().screen).toMatchObject({ name: 'resume', step: 'waitingForResume' });
    expect((await h.console('POST', `/candidates/${dupont}/authorise-resume`)).status).toBe(200);
    await second.store.getState().refreshState();
    await until(() => second.store.getState().screen.name === 'test', 'reprise');
    // R-SESS-5 — at the first unanswered challenge; none answered is asked again.
    expect(second.store.getState().currentChallengeId()).toBe(challenges[6]!.challengeId);
    // R-VAL-5 — its countdown is not restarted (nor warned about again): 40 s of its 60 are left.
    expect(second.store.getState().running!.phase).toBe('answering');
    expect(second.store.getState().countdown()).toMatchObject({ totalSeconds: 60 });
    expect(second.store.getState().countdown()!.remainingMs()).toBe(40_000);
    await answerOne(second.store);
    await until(() => stationAnswers(dupont).length === 7, 'la réponse à la question 7');
    const seventh = h.t.db.prepare("SELECT elapsed_ms AS elapsedMs, timed_out AS timedOut FROM answers WHERE challenge_id = 'ch_7'").get();
    expect(seventh).toEqual({ elapsedMs: 21_500, timedOut: 0 });

    while (second.store.getState().screen.name === 'test') await answerOne(second.store);
    expect(second.store.getState().screen).toMatchObject({ name: 'ended', end: 'completed' });
    await until(() => stationAnswers(dupont).length === 15, 'les 15 réponses au poste');
    const stored = stationAnswers(dupont);
    expect(new Set(stored.map((a) => a.challengeId)).size).toBe(15);
    await until(() => second.store.getState().outbox?.getState().pending === 0, 'file vide');
    await second.store.getState().refreshState();
    expect(second.store.getState().screen).toMatchObject({ name: 'ended', end: 'completed' });

    // ---- Another reload once the test is over: the kiosk is free for the next pupil (the copy stays until finalised).
    const third = createKioskFlowStore(flowOptions);
    await third.store.getState().boot();
    expect(third.store.getState().screen).toEqual({ name: 'checkIn' });
    third.dispose();

    // ---- Finalised: the kiosk clears its copy of the test and the answers, not before.
    const db = await openKioskDatabase(dbName);
    expect(await db.count('answers')).toBe(15);
    expect(await db.count('tests')).toBe(1);
    const finalised = await h.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false });
    expect(finalised.status, finalised.text).toBe(200);
    await second.store.getState().refreshState();
    await until(async () => (await db.count('tests')) === 0 && (await db.count('answers')) === 0, 'copie effacée');
    expect(second.store.getState().screen).toMatchObject({ name: 'ended', end: 'completed' });
  }, 60_000);
});
