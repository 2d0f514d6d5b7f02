import type WebSocket from 'ws';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LastEvent, LiveSession, type LiveCandidate } from '../../../shared/formats/console-api';
import { startHarness, type Harness } from '../testing/test-harness';
import { toLastEvent } from './last-event';

/**
 * Issue 10 §1 — a card's "last event": the candidate's latest event in the session's audit log (real SQLite, real
 * HTTPS and WSS on loopback), in `GET …/live` and in the pushes, in chain order.
 */

let h: Harness;
let kiosk: string;
beforeAll(async () => {
  h = await startHarness();
  kiosk = await h.pairKiosk('Poste 1');
});
afterAll(async () => { await h.close(); });

const idOf = (lastName: string) => h.candidates.get(lastName)!.id;

/** The candidate as `GET …/live` has them (the whole-session read). */
async function fromList(lastName: string): Promise<LiveCandidate> {
  const live = await h.console('GET', '/live');
  expect(live.status).toBe(200);
  return LiveSession.parse(live.json).candidates.find((c) => c.candidateId === idOf(lastName))!;
}

/** Every `candidate` push the console socket receives; `until(match)` waits for the first not taken yet that matches. */
function pushes(ws: WebSocket) {
  const seen: LiveCandidate[] = [];
  const waiting: { match: (c: LiveCandidate) => boolean; resolve: (c: LiveCandidate) => void }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; candidate?: LiveCandidate };
    if (message.type !== 'candidate') return;
    const i = waiting.findIndex((w) => w.match(message.candidate!));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(message.candidate!);
    else seen.push(message.candidate!);
  });
  return {
    until(match: (c: LiveCandidate) => boolean): Promise<LiveCandidate> {
      const i = seen.findIndex(match);
      if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0]!);
      return new Promise((resolve) => waiting.push({ match, resolve }));
    },
  };
}

describe('lastEvent (issue 10 §1)', () => {
  test('follows the pupil from check-in to the end, pushed live and the same in the session list', async () => {
    const ws = await h.t.socket('/api/console/live', h.invigilatorToken);
    const live = pushes(ws);
    const id = idOf('Dupont');
    const about = (kind: string) => (c: LiveCandidate) => c.candidateId === id && c.lastEvent?.kind === kind;
    expect((await fromList('Dupont')).lastEvent).toBeNull();

    const checkedIn = await h.checkIn(kiosk, 'Dupont');
    const entry = checkedIn.json.entryToken as string;
    expect((await live.until(about('checkedIn'))).lastEvent).toEqual({ kind: 'checkedIn', at: new Date(h.t.now()).toISOString() });

    h.t.advance(60_000);
    expect((await h.console('POST', `/candidates/${id}/confirm-presence`)).status).toBe(200);
    expect((await live.until(about('presenceConfirmed'))).lastEvent).toEqual({ kind: 'presenceConfirmed', at: new Date(h.t.now()).toISOString() });

    const started = await h.kiosk('POST', '/api/kiosk/start', kiosk, entry);
    expect(started.status).toBe(200);
    await live.until(about('started'));
    const challenges = started.json.challenges as { challengeId: string; focused?: boolean }[];

    // Two answers at once: the card shows the latest (question 2), whichever push carries it.
    for (const [i, challenge] of challenges.slice(0, 2).entries()) {
      const answered = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, {
        challengeId: challenge.challengeId, answer: { skipped: true }, clientAnswerId: `a-${i}`, elapsedMs: 1000, timedOut: false, focusLost: false,
      });
      expect(answered.status).toBe(200);
    }
    const second = await live.until((c) => c.candidateId === id && c.lastEvent?.kind === 'answered' && c.lastEvent.question === 2);
    expect(second.progress).toEqual({ answered: 2, total: challenges.length });
    expect((await fromList('Dupont')).lastEvent).toEqual(second.lastEvent);

    // A "warn" signal (focus lost outside a focused challenge) is a warning; the same on a focused one suspends.
    const plain = challenges.slice(2).find((c) => !c.focused)!;
    const warned = await h.kiosk('POST', '/api/kiosk/events', kiosk, entry, { kind: 'focusLost', cause: 'Alt+Tab', at: new Date(h.t.now()).toISOString(), challengeId: plain.challengeId });
    expect(warned.json.policy).toBe('warn');
    expect((await live.until(about('warning'))).lastEvent).toMatchObject({ kind: 'warning', signal: 'focusLost', cause: 'Alt+Tab' });
    // A "log" signal (focus back) is not pushed: it is not a last event either (the card would keep a stale one).
    const back = await h.kiosk('POST', '/api/kiosk/events', kiosk, entry, { kind: 'focusRegained', cause: 'retour à la page', at: new Date(h.t.now()).toISOString() });
    expect(back.json.policy).toBe('log');
    expect((await fromList('Dupont')).lastEvent).toMatchObject({ kind: 'warning', cause: 'Alt+Tab' });
    const focused = challenges.find((c) => c.focused)!;
    h.t.advance(1000);
    const suspending = await h.kiosk('POST', '/api/kiosk/events', kiosk, entry, { kind: 'focusLost', cause: 'fenêtre quittée', at: new Date(h.t.now()).toISOString(), challengeId: focused.challengeId });
    expect(suspending.json.policy).toBe('suspend');
    const suspended = await live.until(about('suspended'));
    expect(suspended).toMatchObject({ status: 'suspended', lastEvent: { kind: 'suspended', signal: 'focusLost', cause: 'fenêtre quittée' } });

    expect((await h.console('POST', `/candidates/${id}/authorise-resume`)).status).toBe(200);
    await live.until(about('suspensionLifted'));

    // R-INC-1: the report is pushed too (it changes nothing else on the card).
    expect((await h.console('POST', '/incidents', { candidateId: id, category: 'E4', questionNumber: 1 })).status).toBe(201);
    expect((await live.until(about('incident'))).lastEvent).toMatchObject({ kind: 'incident', category: 'E4', question: 1 });
    expect((await h.console('POST', '/incidents', { candidateId: id, category: 'C7' })).status).toBe(201);
    expect((await live.until((c) => c.candidateId === id && c.lastEvent?.kind === 'incident' && c.lastEvent.category === 'C7')).lastEvent)
      .toMatchObject({ question: null });

    expect((await h.console('PUT', `/candidates/${id}/extra-time`, { extraTimePercent: 33 })).status).toBe(200);
    expect((await live.until(about('extraTimeChanged'))).lastEvent).toMatchObject({ percent: 33 });

    expect((await h.console('POST', `/candidates/${id}/end-test`)).status).toBe(200);
    const ended = await live.until(about('endedByInvigilator'));
    expect(ended.status).toBe('endedByInvigilator');
    expect((await fromList('Dupont')).lastEvent).toEqual(ended.lastEvent);
    ws.close();
  });

  test('every candidate of the list has what the per-candidate read gives, and each parses as a LastEvent', async () => {
    const live = LiveSession.parse((await h.console('GET', '/live')).json);
    const { lastEventOf } = await import('./last-event');
    for (const c of live.candidates) expect(c.lastEvent).toEqual(lastEventOf(h.t.db, h.sessionId, c.candidateId));
    expect(live.candidates.some((c) => c.lastEvent !== null)).toBe(true);
  });

  test('toLastEvent: any payload the station writes gives a valid LastEvent or nothing, never a throw past JSON', () => {
    const kinds = ['checkIn', 'presenceConfirmed', 'testStarted', 'testResumed', 'answer', 'lockdown', 'testSuspended', 'suspensionLifted',
      'reEntry', 'resumeAuthorised', 'testCompleted', 'testEnded', 'extraTimeChanged', 'incident', 'sessionFinalised'];
    fc.assert(fc.property(
      fc.constantFrom(...kinds),
      fc.record({ position: fc.oneof(fc.integer(), fc.string()), signal: fc.constantFrom('focusLost', 'networkLost', 'nope'), cause: fc.string(),
        category: fc.constantFrom('E4', 'C7', 'Z9'), questionNumber: fc.oneof(fc.integer(), fc.constant(null)), to: fc.integer({ min: -5, max: 999 }),
        state: fc.constantFrom('endedByInvigilator', 'endedDueToFinalisation') }, { requiredKeys: [] }),
      (kind, payload) => {
        const event = toLastEvent({ kind, at: '2026-12-02T09:42:00.000Z', payload: JSON.stringify(payload) });
        if (event !== null) expect(LastEvent.safeParse(event).success).toBe(true);
        if (kind === 'sessionFinalised') expect(event).toBeNull();
      },
    ));
  });
});
