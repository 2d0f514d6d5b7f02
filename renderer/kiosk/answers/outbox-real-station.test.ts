import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { KioskAnswer } from '../../../shared/formats/kiosk-api';
import { createCentreServer, type CentreServer } from '../../../electron/centre/centre-server';
import { openDatabase, type Db } from '../../../electron/centre/storage/database';
import { enterTest, startHarness, type Harness } from '../../../electron/centre/testing/test-harness';
import { TEST_MANAGER_PASSWORD } from '../../../electron/centre/testing/test-server';
import type { LiveSocketConstructor } from '../../ui/live-connection';
import { openKioskLive } from '../../ui/station-live';
import { httpAnswerLink, liveAnswerLink } from './answer-links';
import { createAnswerStore } from './answer-store';
import { openKioskDatabase } from './kiosk-database';
import { createOutbox, type Outbox } from './outbox';
import { fetchTrusting } from '../../../electron/centre/testing/fetch-trusting';

// R-VAL-4 against a REAL centre server (HTTPS on loopback, SQLite file, the real kiosk socket): a kiosk answers
// through the outbox, the station is closed mid-test, the pupil goes on answering, a new server starts on the same
// data folder and database file and port, and every answer is stored exactly once. Node 20 has no browser
// WebSocket nor a fetch that trusts the station's certificate: the `ws` client and an https-based fetch stand in,
// with the device token a browser would send as its cookie.

let h: Harness;
let second: { server: CentreServer; db: Db } | null = null;
const cleanups: (() => void)[] = [];

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`attendu en ${ms} ms : ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

afterAll(async () => {
  for (const c of cleanups) c();
  if (second) {
    await second.server.close();
    second.db.close();
  }
  fs.rmSync(h.t.dataDir, { recursive: true, force: true });
});

describe('the outbox against a real station that goes away and comes back', () => {
  it('stores every answer exactly once, through the socket, HTTP and a restart of the station', async () => {
    h = await startHarness();
    const deviceToken = await h.pairKiosk('Poste 3');
    const { entry, test } = await enterTest(h, deviceToken, 'Dupont');
    expect(test.status).toBe(200);
    const challenges = test.json.challenges as { challengeId: string; position: number }[];
    expect(challenges.length).toBeGreaterThanOrEqual(6);

    const url = new URL(h.t.server.url);
    const origin = { protocol: url.protocol, host: url.host };
    const ca = h.t.tls.certPem;
    const Socket = class extends WebSocket {
      constructor(u: string) { super(u, { ca, headers: { authorization: `Bearer ${deviceToken}` } }); }
    } as unknown as LiveSocketConstructor;

    const owner = { sessionKey: String(h.sessionNumber), testKey: `${h.sessionNumber}:${test.json.startedAt as string}` };
    const store = createAnswerStore(await openKioskDatabase('real-station'));
    let outbox: Outbox | null = null;
    const live = openKioskLive(origin, (m) => outbox?.receive(m), { WebSocket: Socket, backoff: { initialMs: 100, maxMs: 1000, factor: 2 } });
    cleanups.push(() => live.stop());
    const http = httpAnswerLink({ baseUrl: h.t.server.url, fetch: fetchTrusting(ca), headers: () => ({ authorization: `Bearer ${deviceToken}` }), timeoutMs: 2000 });
    const socketLink = liveAnswerLink(live);
    const tally = { socketSends: 0, httpTries: 0, httpAcks: 0, httpFailures: 0 };
    let afterSocketSend: (() => void) | null = null;
    outbox = createOutbox({
      store, owner, entryToken: () => entry,
      live: { ...socketLink, send: (e, b) => { const sent = socketLink.send(e, b); if (sent) { tally.socketSends += 1; afterSocketSend?.(); } return sent; } },
      http: async (e, b) => {
        tally.httpTries += 1;
        const result = await http(e, b);
        if (result.ok) tally.httpAcks += 1; else tally.httpFailures += 1;
        return result;
      },
      backoff: { initialMs: 100, maxMs: 1000, factor: 2 },
    });
    cleanups.push(() => outbox?.stop());
    const box = outbox;
    await until(() => live.state.getState().status.kind === 'open', 'socket ouverte');

    const answer = (i: number): KioskAnswer => ({
      challengeId: challenges[i]!.challengeId, answer: { skipped: true }, clientAnswerId: `kiosk-${i}`, elapsedMs: 1000 + i, timedOut: false, focusLost: false,
    });
    const half = Math.floor(challenges.length / 2);

    // 1. The station is up: answers go on the socket and are acknowledged.
    for (let i = 0; i < half - 1; i++) expect((await box.keep(answer(i))).ok).toBe(true);
    await until(() => box.state.getState().pending === 0, 'première moitié accusée');
    expect(box.state.getState()).toMatchObject({ station: 'reachable', lastError: null });

    // 2. The station goes away (closed; its database file stays) with an answer on its way, stored or not, its
    // acknowledgement lost or not. The pupil goes on: each answer is kept at once.
    const dbFile = path.join(h.t.dataDir, 'centre.sqlite');
    const port = Number(url.port);
    const onItsWay = new Promise<void>((resolve) => { afterSocketSend = resolve; });
    expect((await box.keep(answer(half - 1))).ok).toBe(true);
    await onItsWay;
    afterSocketSend = null;
    await h.t.server.close();
    h.t.db.close();
    await until(() => live.state.getState().status.kind !== 'open', 'socket fermée');
    for (let i = half; i < challenges.length; i++) {
      const started = Date.now();
      expect((await box.keep(answer(i))).ok).toBe(true);
      expect(Date.now() - started).toBeLessThan(500); // never waits for the network
    }
    await until(() => box.state.getState().station === 'unreachable', 'poste injoignable');
    // The one on its way when the station closed is still pending unless its acknowledgement made it.
    expect(box.state.getState().pending).toBeGreaterThanOrEqual(challenges.length - half);
    expect(box.state.getState().pending).toBeLessThanOrEqual(challenges.length - half + 1);

    // 3. A new station on the same data folder, database file and port: the queue drains by itself.
    second = { db: openDatabase(dbFile), server: null as unknown as CentreServer };
    second.server = await createCentreServer({
      db: second.db, dataDir: h.t.dataDir, host: '127.0.0.1', port, tls: h.t.tls, clock: () => new Date(h.t.now()),
      config: { managerPassword: TEST_MANAGER_PASSWORD, checkResponses: true },
    });
    await until(() => box.state.getState().pending === 0, 'file vidée après le redémarrage');
    expect(box.state.getState()).toMatchObject({ station: 'reachable', setAside: 0 });

    // Every answer stored exactly once, with the kiosk's own id; every local record holds the station's ack.
    const rows = second.db.prepare(
      `SELECT a.challenge_id AS challengeId, a.client_answer_id AS clientAnswerId, a.elapsed_ms AS elapsedMs, a.ack AS ack
       FROM answers a JOIN tests t ON t.id = a.test_id JOIN candidates c ON c.id = t.candidate_id WHERE c.id = ? ORDER BY a.position`,
    ).all(h.candidates.get('Dupont')!.id) as { challengeId: string; clientAnswerId: string; elapsedMs: number; ack: string }[];
    expect(rows.map((r) => r.challengeId).sort()).toEqual(challenges.map((c) => c.challengeId).sort());
    expect(new Set(rows.map((r) => r.challengeId)).size).toBe(rows.length);
    const kept = await store.answersOf(owner.testKey);
    expect(kept).toHaveLength(challenges.length);
    for (const k of kept) {
      const row = rows.find((r) => r.challengeId === k.challengeId)!;
      expect(row.clientAnswerId).toBe(k.clientAnswerId);
      expect(row.elapsedMs).toBe(k.body.elapsedMs);
      expect(k.state.kind === 'sent' && k.state.ack).toEqual(JSON.parse(row.ack));
    }
    expect(kept.some((k) => k.state.kind === 'sent' && k.state.ack.testCompleted)).toBe(true);
    // Both ways were used: the socket while it was open, HTTP (failing) while the station was away.
    expect(tally.socketSends).toBeGreaterThanOrEqual(half - 1);
    expect(tally.httpFailures).toBeGreaterThanOrEqual(1);

    // A replay by HTTP after all this changes nothing and gives the first acknowledgement again.
    const replay = await http(entry, { ...answer(0), clientAnswerId: 'kiosk-replay', answer: { skipped: true } });
    expect(replay.ok && replay.value).toEqual(JSON.parse(rows.find((r) => r.challengeId === answer(0).challengeId)!.ack));
    expect((second.db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n).toBe(rows.length);
    process.stdout.write(`outbox contre le vrai poste : ${challenges.length} réponses, ${JSON.stringify(tally)}\n`);
  }, 60_000);
});
