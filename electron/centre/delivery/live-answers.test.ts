import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answer } from '../../../shared/formats/challenge';
import { KIOSK_MESSAGE_RATE, LIVE_MAX_PAYLOAD } from '../../../shared/formats/live-messages';
import { closed, nextMessage } from '../testing/test-server';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';

/**
 * R-VAL-3, R-VAL-4 — answers sent on the kiosk's live WebSocket (`/api/kiosk/live`, docs/delivery-api.md), over a
 * real WSS socket: the same store, the same refusals and the same acknowledgement bytes as `POST /api/kiosk/answers`.
 */

let h: Harness;
let kiosk1: string;
let kiosk2: string;
let kiosk3: string;
let kiosk4: string;

beforeAll(async () => {
  h = await startHarness();
  kiosk1 = await h.pairKiosk('Poste 1');
  kiosk2 = await h.pairKiosk('Poste 2');
  kiosk3 = await h.pairKiosk('Poste 3');
  kiosk4 = await h.pairKiosk('Poste 4');
});
afterAll(async () => { await h.close(); });

type Message = { type: string; [key: string]: unknown };
interface Frame { text: string; message: Message; taken: boolean }

/**
 * Every text frame a socket receives from now on, raw and parsed (the acknowledgement is checked byte for byte);
 * `next(match)` takes the first frame not taken yet that matches, waiting for it at most `ms`.
 */
function inbox(ws: WebSocket) {
  const frames: Frame[] = [];
  const waiting: { match: (m: Message) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    const frame: Frame = { text, message: JSON.parse(text) as Message, taken: false };
    frames.push(frame);
    const i = waiting.findIndex((w) => w.match(frame.message));
    if (i >= 0) {
      frame.taken = true;
      waiting.splice(i, 1)[0]!.resolve(frame);
    }
  });
  return {
    frames,
    next(match: (m: Message) => boolean, what: string, ms = 3000): Promise<Frame> {
      const ready = frames.find((f) => !f.taken && match(f.message));
      if (ready) {
        ready.taken = true;
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (f: Frame) => { clearTimeout(timer); resolve(f); } };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(new Error(`aucun message « ${what} » reçu en ${ms} ms`));
        }, ms);
        waiting.push(waiter);
      });
    },
    /** The reply (`answerSaved` or `answerRefused`) naming `clientAnswerId`. */
    reply(clientAnswerId: string | null): Promise<Frame> {
      return this.next((m) => (m.type === 'answerSaved' || m.type === 'answerRefused') && m.clientAnswerId === clientAnswerId, `réponse à ${clientAnswerId}`);
    },
  };
}
type Inbox = ReturnType<typeof inbox>;

/** A kiosk's live socket, its hello read, its frames recorded. */
async function kioskSocket(kioskToken: string): Promise<{ ws: WebSocket; box: Inbox }> {
  const ws = await h.t.socket('/api/kiosk/live', kioskToken);
  const box = inbox(ws);
  expect((await nextMessage(ws)).type).toBe('hello');
  return { ws, box };
}

const body = (challengeId: string, value: Answer, extra: Partial<{ clientAnswerId: string; timedOut: boolean; focusLost: boolean; elapsedMs: number }> = {}) => ({
  challengeId, answer: value, clientAnswerId: extra.clientAnswerId ?? `c-${challengeId}`, elapsedMs: extra.elapsedMs ?? 12_000,
  timedOut: extra.timedOut ?? false, focusLost: extra.focusLost ?? false,
});
const sendAnswer = (ws: WebSocket, entryToken: unknown, answerBody: unknown) => {
  ws.send(JSON.stringify({ type: 'answer', entryToken, body: answerBody }));
};
const ping = async (ws: WebSocket, box: Inbox) => {
  ws.send('{"type":"ping"}');
  await box.next((m) => m.type === 'pong', 'pong');
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const idOf = (lastName: string) => h.candidates.get(lastName)!.id;
const count = (table: string): number => h.t.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
interface Row { challenge_id: string; status: string; client_answer_id: string; kiosk_id: number; elapsed_ms: number; ack: string }
const answersOf = (lastName: string): Row[] => h.t.db.prepare(
  'SELECT a.* FROM answers a JOIN tests t ON t.id = a.test_id WHERE t.candidate_id = ? ORDER BY a.id',
).all(idOf(lastName)) as Row[];
const rowOf = (lastName: string, challengeId: string): Row | undefined => answersOf(lastName).find((r) => r.challenge_id === challengeId);
/** The acknowledgement as the station writes it (RFC 8785: keys sorted), written out by hand. */
const expectedAck = (challengeId: string, clientAnswerId: string, testCompleted = false) =>
  `{"challengeId":"${challengeId}","clientAnswerId":"${clientAnswerId}","saved":true,"savedAt":"${new Date(h.t.now()).toISOString()}","testCompleted":${testCompleted}}`;

describe('answers on the kiosk live socket (R-VAL-3, R-VAL-4)', () => {
  let entry: string;
  let ws1: WebSocket;
  let box1: Inbox;

  test('R-VAL-3, R-VAL-4 — an answer sent on the socket is judged and stored; answerSaved carries the stored ack, byte for byte', async () => {
    entry = (await enterTest(h, kiosk1, 'Dupont')).entry;
    ({ ws: ws1, box: box1 } = await kioskSocket(kiosk1));
    const events = count('events');
    // Two at once, replies matched by clientAnswerId. Known statuses (plan of kiosk-routes.test.ts): ch_1 "2" is
    // right, ch_6 "1" is wrong.
    sendAnswer(ws1, entry, body('ch_1', { choice: '2' }));
    sendAnswer(ws1, entry, body('ch_6', { choice: '1' }, { elapsedMs: 4321 }));
    const [first, sixth] = await Promise.all([box1.reply('c-ch_1'), box1.reply('c-ch_6')]);

    const rows = answersOf('Dupont');
    expect(rows.map((r) => [r.challenge_id, r.status, r.client_answer_id]).sort()).toEqual([
      ['ch_1', 'ok', 'c-ch_1'],
      ['ch_6', 'ko', 'c-ch_6'],
    ]);
    expect(rowOf('Dupont', 'ch_6')!.elapsed_ms).toBe(4321);
    const poste1 = h.t.db.prepare("SELECT id FROM kiosks WHERE name = 'Poste 1'").pluck().get();
    expect(rows.map((r) => r.kiosk_id)).toEqual([poste1, poste1]);
    expect(rowOf('Dupont', 'ch_1')!.ack).toBe(expectedAck('ch_1', 'c-ch_1'));
    expect(rowOf('Dupont', 'ch_6')!.ack).toBe(expectedAck('ch_6', 'c-ch_6'));
    expect(first.text).toBe(`{"type":"answerSaved","clientAnswerId":"c-ch_1","ack":${rowOf('Dupont', 'ch_1')!.ack}}`);
    expect(sixth.text).toBe(`{"type":"answerSaved","clientAnswerId":"c-ch_6","ack":${rowOf('Dupont', 'ch_6')!.ack}}`);
    // Audited like the HTTP route; the reply never says whether the answer was right.
    expect(h.t.db.prepare("SELECT COUNT(*) FROM events WHERE kind = 'answer'").pluck().get()).toBe(2);
    expect(count('events')).toBe(events + 2);
    for (const frame of [first, sixth]) expect(frame.text).not.toMatch(/"(ok|ko|partially|aband|timedout|focusedOut)"/);
  });

  test('a kiosk answering on its socket is seen: the console’s « vu pour la dernière fois » moves with its answers, at most once a minute', async () => {
    const seen = () => h.t.db.prepare("SELECT last_seen_at FROM kiosks WHERE name = 'Poste 1'").pluck().get() as string;
    h.t.db.prepare("UPDATE kiosks SET last_seen_at = '2000-01-01T00:00:00.000Z' WHERE name = 'Poste 1'").run();
    h.t.advance(61_000);
    sendAnswer(ws1, entry, body('ch_11', { choice: '2' }));
    await box1.reply('c-ch_11');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen()).toBe(new Date(h.t.now()).toISOString());
    // Within the minute, no new note (one UPDATE a minute per kiosk, not one per answer).
    h.t.db.prepare("UPDATE kiosks SET last_seen_at = '2000-01-01T00:00:00.000Z' WHERE name = 'Poste 1'").run();
    h.t.advance(30_000);
    sendAnswer(ws1, entry, body('ch_12', { choices: ['1'] }));
    await box1.reply('c-ch_12');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen()).toBe('2000-01-01T00:00:00.000Z');
    // Put the real date back: a kiosk unseen for 30 days is expired (kiosk-scope.test.ts), and the next tests use it.
    h.t.db.prepare("UPDATE kiosks SET last_seen_at = ? WHERE name = 'Poste 1'").run(new Date(h.t.now()).toISOString());
  });

  test('R-VAL-4 — a replay on the socket gets the FIRST ack and changes nothing; the HTTP route gives the same bytes (one store)', async () => {
    const before = h.t.db.prepare("SELECT * FROM answers WHERE challenge_id = 'ch_1'").all();
    const answers = count('answers');
    const events = count('events');
    const firstAck = rowOf('Dupont', 'ch_1')!.ack;

    sendAnswer(ws1, entry, body('ch_1', { choice: '3' }, { clientAnswerId: 'rejeu-1' }));
    const replay = await box1.reply('rejeu-1');
    // The reply names the id the kiosk just sent; the ack inside is the first one (first clientAnswerId included).
    expect(replay.text).toBe(`{"type":"answerSaved","clientAnswerId":"rejeu-1","ack":${firstAck}}`);
    expect(count('answers')).toBe(answers);
    expect(count('events')).toBe(events);
    expect(h.t.db.prepare("SELECT * FROM answers WHERE challenge_id = 'ch_1'").all()).toEqual(before);

    const overHttp = await h.kiosk('POST', '/api/kiosk/answers', kiosk1, entry, body('ch_1', { choice: '1' }, { clientAnswerId: 'rejeu-http' }));
    expect(overHttp.status).toBe(200);
    expect(overHttp.text).toBe(firstAck);

    // The other way round: stored over HTTP, replayed on the socket.
    const stored = await h.kiosk('POST', '/api/kiosk/answers', kiosk1, entry, body('ch_2', { choices: ['3', '1'] }, { timedOut: true }));
    expect(stored.status).toBe(200);
    expect(stored.text).toBe(expectedAck('ch_2', 'c-ch_2'));
    sendAnswer(ws1, entry, body('ch_2', { choices: ['1'] }, { clientAnswerId: 'rejeu-2' }));
    expect((await box1.reply('rejeu-2')).text).toBe(`{"type":"answerSaved","clientAnswerId":"rejeu-2","ack":${stored.text}}`);
    expect(rowOf('Dupont', 'ch_2')!.status).toBe('timedout');

    // Both channels at once for a new answer: one row, the same ack on both.
    const events2 = count('events');
    sendAnswer(ws1, entry, body('ch_3', { value: 'XYLOPHONE2' }, { clientAnswerId: 'ws-3' }));
    const [viaSocket, viaHttp] = await Promise.all([
      box1.reply('ws-3'),
      h.kiosk('POST', '/api/kiosk/answers', kiosk1, entry, body('ch_3', { value: 'faux' }, { clientAnswerId: 'http-3' })),
    ]);
    const row = rowOf('Dupont', 'ch_3')!;
    expect(['ws-3', 'http-3']).toContain(row.client_answer_id);
    expect(row.status).toBe(row.client_answer_id === 'ws-3' ? 'ok' : 'ko');
    expect(row.ack).toBe(expectedAck('ch_3', row.client_answer_id));
    expect(viaHttp.text).toBe(row.ack);
    expect(viaSocket.text).toBe(`{"type":"answerSaved","clientAnswerId":"ws-3","ack":${row.ack}}`);
    expect(answersOf('Dupont').filter((r) => r.challenge_id === 'ch_3')).toHaveLength(1);
    expect(count('events')).toBe(events2 + 1);
  });

  test('refusals carry the status, code and field the HTTP route gives, under the sent clientAnswerId', async () => {
    const answers = count('answers');
    const refused = async (entryToken: unknown, answerBody: unknown, clientAnswerId: string | null) => {
      sendAnswer(ws1, entryToken, answerBody);
      const frame = await box1.reply(clientAnswerId);
      expect(frame.message.type).toBe('answerRefused');
      return frame.message as unknown as { status: number; error: { code: string; field: string; message: string; retryAfterSeconds?: number } };
    };

    const notInTest = await refused(entry, body('ch_unused', { choice: '1' }), 'c-ch_unused');
    expect(notInTest.status).toBe(404);
    expect(notInTest.error).toMatchObject({ code: 'challengeNotInTest', field: 'challengeId' });
    expect(notInTest.error.message).toContain('ch_unused');

    const invalid = await refused(entry, body('ch_4', { values: { ville: 'a', pays: 'b' } }, { elapsedMs: -1, clientAnswerId: 'negatif' }), 'negatif');
    expect(invalid.status).toBe(400);
    expect(invalid.error).toMatchObject({ code: 'invalidBody', field: 'body.elapsedMs' });
    expect(invalid.error.message).toContain('« body.elapsedMs »');

    const empty = await refused('', body('ch_4', { skipped: true }, { clientAnswerId: 'sans-jeton' }), 'sans-jeton');
    expect(empty.status).toBe(401);
    expect(empty.error).toMatchObject({ code: 'entryMissing', field: 'entryToken' });
    const unknown = await refused(`pe_${'A'.repeat(43)}`, body('ch_4', { skipped: true }, { clientAnswerId: 'jeton-inconnu' }), 'jeton-inconnu');
    expect(unknown.status).toBe(401);
    expect(unknown.error).toMatchObject({ code: 'entryUnknown', field: 'entryToken' });
    // Without the field at all: as the HTTP route without its header, a 401 naming it.
    const absent = await refused(undefined, body('ch_4', { skipped: true }, { clientAnswerId: 'sans-champ' }), 'sans-champ');
    expect(absent.status).toBe(401);
    expect(absent.error).toMatchObject({ code: 'entryMissing', field: 'entryToken' });
    // Not even a body: the refusal cannot name the answer.
    ws1.send(JSON.stringify({ type: 'answer', entryToken: entry }));
    const bare = await box1.reply(null);
    expect(bare.message).toMatchObject({ type: 'answerRefused', status: 400, error: { code: 'invalidBody', field: 'body' } });

    expect(count('answers')).toBe(answers);
    expect(rowOf('Dupont', 'ch_4')).toBeUndefined();
  });

  test('an entry token only answers on the kiosk that checked the candidate in, even once known to the station', async () => {
    const bernard = (await enterTest(h, kiosk2, 'Bernard')).entry;
    const { ws: ws2, box: box2 } = await kioskSocket(kiosk2);
    sendAnswer(ws2, bernard, body('ch_1', { choice: '2' }, { clientAnswerId: 'b-1' }));
    expect((await box2.reply('b-1')).message.type).toBe('answerSaved');

    sendAnswer(ws1, bernard, body('ch_2', { choices: ['1', '3'] }, { clientAnswerId: 'vole' }));
    const stolen = (await box1.reply('vole')).message;
    expect(stolen).toMatchObject({ type: 'answerRefused', status: 401, error: { code: 'entryUnknown', field: 'entryToken' } });
    expect(answersOf('Bernard').map((r) => r.challenge_id)).toEqual(['ch_1']);
    // The same over HTTP.
    expect((await h.kiosk('POST', '/api/kiosk/answers', kiosk1, bernard, body('ch_2', { choices: ['1'] }))).status).toBe(401);
    ws2.close();
  });

  test('a malformed frame or an unknown type gets an error message, and the socket goes on', async () => {
    ws1.send('{"type":"answer","entryToken":');
    expect((await box1.next((m) => m.type === 'error', 'error')).message.error).toMatchObject({ code: 'unsupportedMessage' });
    ws1.send(JSON.stringify({ type: 'bonjour', entryToken: entry }));
    expect((await box1.next((m) => m.type === 'error', 'error')).message.error).toMatchObject({ code: 'unsupportedMessage' });
    ws1.send(Buffer.from(JSON.stringify({ type: 'answer', entryToken: entry, body: body('ch_4', { skipped: true }) })), { binary: true });
    expect((await box1.next((m) => m.type === 'error', 'error')).message.error).toMatchObject({ code: 'unsupportedMessage' });
    expect(rowOf('Dupont', 'ch_4')).toBeUndefined();

    sendAnswer(ws1, entry, body('ch_4', { values: { ville: 'zanzibarville3', pays: 'quokkaland3' } }, { focusLost: true }));
    expect((await box1.reply('c-ch_4')).message.type).toBe('answerSaved');
    // R-VAL-5 — focus lost on a focused challenge.
    expect(rowOf('Dupont', 'ch_4')!.status).toBe('focusedOut');
    await ping(ws1, box1);
    ws1.close();
  });
});

describe('limits of the kiosk socket', () => {
  test(`more than ${KIOSK_MESSAGE_RATE.burst} messages at once: 429 tooManyRequests with retryAfterSeconds, nothing of the refused stored`, async () => {
    const petit = (await enterTest(h, kiosk3, 'Petit')).entry;
    const { ws, box } = await kioskSocket(kiosk3);
    const ids = Array.from({ length: 15 }, (_, i) => `ch_${i + 1}`);
    // The whole burst in pings, then one answer per challenge: at 50 a second, a refill that let all 15 through
    // would take 300 ms between the first ping and the last answer.
    for (let i = 0; i < KIOSK_MESSAGE_RATE.burst; i++) ws.send('{"type":"ping"}');
    for (const id of ids) sendAnswer(ws, petit, body(id, { skipped: true }));
    const replies = await Promise.all(ids.map((id) => box.reply(`c-${id}`)));

    const saved = ids.filter((_, i) => replies[i]!.message.type === 'answerSaved');
    const refused = replies.filter((r) => r.message.type === 'answerRefused').map((r) => r.message);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(saved.length + refused.length).toBe(ids.length);
    for (const message of refused) {
      expect(message).toMatchObject({ status: 429, error: { code: 'tooManyRequests', field: '(racine)' } });
      const wait = (message.error as { retryAfterSeconds: number }).retryAfterSeconds;
      expect(Number.isInteger(wait) && wait >= 1).toBe(true);
      expect((message.error as { message: string }).message).toContain(`réessayez dans ${wait} s`);
    }
    // Exactly the answers acknowledged are stored.
    expect(answersOf('Petit').map((r) => r.challenge_id).sort()).toEqual([...saved].sort());

    // After the wait, the kiosk sends again what was refused, and it is taken.
    const wait = Math.max(...refused.map((m) => (m.error as { retryAfterSeconds: number }).retryAfterSeconds));
    await sleep(wait * 1000);
    const again = ids.find((id) => !saved.includes(id))!;
    sendAnswer(ws, petit, body(again, { skipped: true }, { clientAnswerId: 'apres-attente' }));
    expect((await box.reply('apres-attente')).message.type).toBe('answerSaved');
    expect(rowOf('Petit', again)).toMatchObject({ status: 'aband', client_answer_id: 'apres-attente' });
    ws.close();
  });

  test('a console socket sending 5 KiB is closed (1009); a kiosk frame over LIVE_MAX_PAYLOAD is closed (1009), one of exactly that size is read', async () => {
    const consoleWs = await h.t.socket('/api/console/live', h.invigilatorToken);
    expect((await nextMessage(consoleWs)).type).toBe('hello');
    const consoleClosed = closed(consoleWs);
    consoleWs.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(5 * 1024) }));
    expect(await consoleClosed).toBe(1009);

    const { ws, box } = await kioskSocket(kiosk1);
    const padded = (size: number) => {
      const frame = `{"type":"ping","pad":"${'x'.repeat(size - '{"type":"ping","pad":""}'.length)}"}`;
      expect(Buffer.byteLength(frame)).toBe(size);
      return frame;
    };
    ws.send(padded(LIVE_MAX_PAYLOAD));
    // Read and answered (a ping with extra fields is not a ping of the union: refused, the socket stays open).
    expect((await box.next((m) => m.type === 'error', 'erreur')).message).toMatchObject({ error: { code: 'unsupportedMessage' } });
    const kioskClosed = closed(ws);
    ws.send(padded(LIVE_MAX_PAYLOAD + 1));
    expect(await kioskClosed).toBe(1009);
  });
});

describe('live pushes after an answer on the socket', () => {
  test('the console sees the progress (1/15); the candidate’s kiosk gets no stateChanged (the ack told it)', async () => {
    const consoleWs = await h.t.socket('/api/console/live', h.invigilatorToken);
    const consoleBox = inbox(consoleWs);
    expect((await nextMessage(consoleWs)).type).toBe('hello');
    const { ws, box } = await kioskSocket(kiosk4);
    const id = idOf('Roux');
    const aboutRoux = (test: (candidate: Record<string, unknown>) => boolean) => (m: Message) =>
      m.type === 'candidate' && (m.candidate as { candidateId: number }).candidateId === id && test(m.candidate as Record<string, unknown>);

    const roux = (await enterTest(h, kiosk4, 'Roux')).entry;
    await consoleBox.next(aboutRoux((c) => c.status === 'inTest'), 'Roux en test');
    // The push that told the console also told the kiosk (same flush): a pong after it proves it has arrived.
    await ping(ws, box);
    expect(box.frames.filter((f) => f.message.type === 'stateChanged').length).toBeGreaterThanOrEqual(1);
    const mark = box.frames.length;

    sendAnswer(ws, roux, body('ch_1', { choice: '2' }));
    expect((await box.reply('c-ch_1')).message.type).toBe('answerSaved');
    const pushed = await consoleBox.next(aboutRoux((c) => (c.progress as { answered: number } | null)?.answered === 1), 'progression 1/15');
    expect(pushed.message.candidate).toMatchObject({ status: 'inTest', progress: { answered: 1, total: 15 } });
    expect(pushed.message.candidate).not.toHaveProperty('label');
    await ping(ws, box);
    await sleep(300);
    expect(box.frames.slice(mark).map((f) => f.message.type).filter((type) => type === 'stateChanged')).toEqual([]);
    consoleWs.close();
    ws.close();
  });
});
