import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LiveSession } from '../../../shared/formats/console-api';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { readDoc, routeSection, tableRoutes } from '../testing/route-docs';
import { SESSION_INPUT } from '../testing/test-server';

let h: Harness;
let kiosk1: string;
let kiosk2: string;
beforeAll(async () => {
  h = await startHarness();
  kiosk1 = await h.pairKiosk('Poste 1');
  kiosk2 = await h.pairKiosk('Poste 2');
});
afterAll(async () => { await h.close(); });

const idOf = (lastName: string) => h.candidates.get(lastName)!.id;

/** Collects a socket's messages; `next(type)` waits for the next message of that type. */
function inbox(ws: WebSocket) {
  const messages: { type: string; [key: string]: unknown }[] = [];
  const waiting: { type: string; resolve: (m: { type: string; [key: string]: unknown }) => void }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    const i = waiting.findIndex((w) => w.type === message.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(message);
    else messages.push(message);
  });
  return {
    next(type: string) {
      const i = messages.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(messages.splice(i, 1)[0]!);
      return new Promise<{ type: string; [key: string]: unknown }>((resolve) => waiting.push({ type, resolve }));
    },
  };
}

describe('live state over WebSocket (architecture §3 step 4)', () => {
  test('a console receives the list on connection, then each change; the kiosk is told its state changed', async () => {
    const consoleSocket = await h.t.socket('/api/console/live', h.invigilatorToken);
    const consoleInbox = inbox(consoleSocket);
    const kioskSocket = await h.t.socket('/api/kiosk/live', kiosk1);
    const kioskInbox = inbox(kioskSocket);

    const snapshot = await consoleInbox.next('candidates');
    const { type: _type, ...live } = snapshot;
    expect(LiveSession.parse(live).candidates).toHaveLength(h.candidates.size);

    const checkedIn = await h.checkIn(kiosk1, 'Dupont');
    const waiting = await consoleInbox.next('candidate');
    expect(waiting.candidate).toMatchObject({ candidateId: idOf('Dupont'), status: 'waitingForPresence', needsAction: true, kiosk: { name: 'Poste 1' } });

    await h.console('POST', `/candidates/${idOf('Dupont')}/confirm-presence`);
    expect((await consoleInbox.next('candidate')).candidate).toMatchObject({ status: 'readyToStart', needsAction: false });
    await kioskInbox.next('stateChanged');
    expect((await h.kiosk('GET', '/api/kiosk/state', kiosk1, checkedIn.json.entryToken)).json.state).toBe('readyToStart');

    await h.kiosk('POST', '/api/kiosk/start', kiosk1, checkedIn.json.entryToken);
    expect((await consoleInbox.next('candidate')).candidate).toMatchObject({ status: 'inTest', progress: { answered: 0, total: 15 }, resumeExpired: false });
    consoleSocket.close();
    kioskSocket.close();
  });

  test('"needs action" first: waiting and suspended candidates lead the list', async () => {
    await h.checkIn(kiosk2, 'Roux');
    const live = (await h.console('GET', '/live')).json.candidates as { lastName: string; needsAction: boolean; status: string }[];
    expect(live[0]).toMatchObject({ lastName: 'Roux', needsAction: true, status: 'waitingForPresence' });
    expect(live.slice(1).every((c) => !c.needsAction)).toBe(true);
  });
});

describe('console actions and their refusals (R-SESS-5)', () => {
  test('confirming presence needs a check-in, and works once', async () => {
    const notHere = await h.console('POST', `/candidates/${idOf('Garnier')}/confirm-presence`);
    expect(notHere.status).toBe(409);
    expect(notHere.json.error).toMatchObject({ code: 'notCheckedIn', field: 'candidateId' });
    expect(notHere.json.error.message).toContain('Garnier Lina');
    expect((await h.console('POST', `/candidates/${idOf('Roux')}/confirm-presence`)).status).toBe(200);
    expect((await h.console('POST', `/candidates/${idOf('Roux')}/confirm-presence`)).json.error.code).toBe('alreadyConfirmed');
  });

  test('"Autoriser la reprise" needs a started test and something to resume', async () => {
    expect((await h.console('POST', `/candidates/${idOf('Roux')}/authorise-resume`)).json.error.code).toBe('testNotStarted');
    const nothing = await h.console('POST', `/candidates/${idOf('Dupont')}/authorise-resume`);
    expect(nothing.status).toBe(409);
    expect(nothing.json.error.code).toBe('nothingToResume');
  });

  test('a candidate of another session, an unknown id, another session in the path', async () => {
    expect((await h.console('POST', '/candidates/999/confirm-presence')).json.error).toMatchObject({ code: 'notFound', field: 'candidateId' });
    const created = await h.t.call('POST', '/api/manager/sessions', { token: h.managerToken, body: { ...SESSION_INPUT, room: 'C3' } });
    const other = created.json.session.id as number;
    const refused = await h.t.call('GET', `/api/console/sessions/${other}/live`, { token: h.invigilatorToken });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('otherSession');
    // The manager may watch any session but not act in place of the invigilator.
    expect((await h.t.call('GET', `/api/console/sessions/${h.sessionId}/live`, { token: h.managerToken })).status).toBe(200);
    expect((await h.t.call('POST', `/api/console/sessions/${h.sessionId}/candidates/${idOf('Roux')}/end-test`, { token: h.managerToken })).status).toBe(403);
  });
});

describe('R-INC-1 — incidents with the question number from the chronological answer order', () => {
  let entry: string;
  beforeAll(async () => {
    entry = (await enterTest(h, kiosk2, 'Bernard')).entry;
    // Answered out of delivery order: ch_3, then ch_1. Question numbers: ch_3 → 1, ch_1 → 2, then ch_2 → 3, ch_4 → 4…
    for (const [id, value] of [['ch_3', { value: 'rien' }], ['ch_1', { choice: '1' }]] as const) {
      const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk2, entry, { challengeId: id, answer: value, clientAnswerId: id, elapsedMs: 1, timedOut: false, focusLost: false });
      expect(ack.status).toBe(200);
      h.t.advance(1000);
    }
  });

  test('pointing at a challenge fills its question number in', async () => {
    const added = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E1', challengeId: 'ch_1', description: 'image blanche' });
    expect(added.status).toBe(201);
    expect(added.json.incident).toMatchObject({ category: 'E1', challengeId: 'ch_1', questionNumber: 2, createdBy: `invigilator:${h.sessionId}` });
    const unanswered = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E9', challengeId: 'ch_4' });
    expect(unanswered.json.incident.questionNumber).toBe(4);
  });

  test('giving the number finds the challenge', async () => {
    const added = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E4', questionNumber: 1 });
    expect(added.json.incident).toMatchObject({ challengeId: 'ch_3', questionNumber: 1 });
    const tooFar = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E4', questionNumber: 16 });
    expect(tooFar.status).toBe(404);
    expect(tooFar.json.error.field).toBe('questionNumber');
  });

  test('refusals name the field: E-code without a question, C-code with one, E-code before any test, unknown challenge', async () => {
    const noQuestion = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E2' });
    expect(noQuestion.status).toBe(400);
    expect(noQuestion.json.error.field).toBe('challengeId');
    const cWithQuestion = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'C7', questionNumber: 2 });
    expect(cWithQuestion.json.error.field).toBe('questionNumber');
    const badCategory = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E7', questionNumber: 2 });
    expect(badCategory.json.error.field).toBe('category');
    const notStarted = await h.console('POST', '/incidents', { candidateId: idOf('Garnier'), category: 'E1', questionNumber: 1 });
    expect(notStarted.json.error).toMatchObject({ code: 'testNotStarted', field: 'candidateId' });
    const unknown = await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E1', challengeId: 'ch_unused' });
    expect(unknown.json.error).toMatchObject({ code: 'challengeNotInTest', field: 'challengeId' });
    const cCode = await h.console('POST', '/incidents', { candidateId: idOf('Garnier'), category: 'C8', description: 'arrivé en retard' });
    expect(cCode.json.incident).toMatchObject({ challengeId: null, questionNumber: null });
  });

  test('the questions list lets the invigilator point, without any status', async () => {
    const listed = await h.console('GET', `/candidates/${idOf('Bernard')}/questions`);
    expect(listed.json.questions.slice(0, 4).map((q: { challengeId: string; questionNumber: number; answered: boolean }) => [q.challengeId, q.questionNumber, q.answered]))
      .toEqual([['ch_1', 2, true], ['ch_2', 3, false], ['ch_3', 1, true], ['ch_4', 4, false]]);
    expect(listed.text).not.toMatch(/"(ok|ko|aband)"/);
    const all = await h.console('GET', '/incidents');
    expect(all.json.incidents.map((i: { category: string }) => i.category)).toEqual(['E1', 'E9', 'E4', 'C8']);
  });
});

describe('kiosks and events', () => {
  test('the kiosks, with who sits at each for this session', async () => {
    const listed = await h.console('GET', '/kiosks');
    const byName = new Map(listed.json.kiosks.map((k: { name: string; candidateId: number | null }) => [k.name, k.candidateId]));
    expect(byName.get('Poste 1')).toBe(idOf('Dupont'));
    expect(byName.get('Poste 2')).toBe(idOf('Bernard'));
  });

  test('the session’s events, newest first; an answer event never carries its status', async () => {
    const listed = await h.console('GET', '/events');
    const kinds = listed.json.events.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('incident');
    expect(kinds).toEqual(expect.arrayContaining(['checkIn', 'presenceConfirmed', 'testStarted', 'answer']));
    const answerEvent = listed.json.events.find((e: { kind: string }) => e.kind === 'answer');
    expect(Object.keys(answerEvent.payload).sort()).toEqual(['answerSha256', 'challengeId', 'clientAnswerId', 'elapsedMs', 'focusLost', 'position', 'timedOut']);
  });
});

describe('documentation', () => {
  test('every route of delivery, supervision and finalisation (the table\'s kiosk and session routes) is in docs/delivery-api.md, with a curl example', async () => {
    const doc = readDoc('delivery-api.md');
    const registered = new Set(h.t.server.app.centreInternals.routes.map((r) => `${r.method} ${r.url}`));
    const mine = tableRoutes().filter(({ key, websocket }) => !websocket
      && (/ \/api\/kiosk\/(?!pair$|me$)/.test(key) || key.includes(' /api/console/sessions/')));
    expect(mine.length).toBe(29);
    for (const { key } of mine) {
      expect(registered.has(key), key).toBe(true);
      const section = routeSection(doc, key);
      expect(section, key).toBeDefined();
      expect(section!).toContain('curl ');
    }
  });
});
