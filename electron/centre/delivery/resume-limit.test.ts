import { afterAll, beforeAll, expect, test } from 'vitest';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';

let h: Harness;
let kiosk: string;
let startedAt: number;
beforeAll(async () => {
  h = await startHarness();
  kiosk = await h.pairKiosk('Poste A');
});
afterAll(async () => { await h.close(); });

const HOUR = 60 * 60 * 1000;


test('R-VAL-6, R-GEN-6 — 30 % extra time: timers 60 s → 78 s, theoretical end start + 136.5 min', async () => {
  const { test: started } = await enterTest(h, kiosk, 'Lefèvre');
  expect(started.status).toBe(200);
  expect(started.json.extraTimePercent).toBe(30);
  const timers = started.json.challenges.filter((c: { timer?: unknown }) => c.timer).map((c: { timer: unknown }) => c.timer);
  expect(timers).toEqual([{ seconds: 78, baseSeconds: 60 }, { seconds: 78, baseSeconds: 60 }, { seconds: 78, baseSeconds: 60 }]);
  const start = Date.parse(started.json.startedAt);
  expect(Date.parse(started.json.theoreticalEndAt) - start).toBe((136 * 60 + 30) * 1000);
  expect(Date.parse(started.json.resumeLimitAt) - start).toBe(24 * HOUR);
  startedAt = start;
});

test('R-VAL-4 — with an accessibility adjustment, a focus loss keeps an `ok` answer `ok`', async () => {
  const entry = (await h.checkIn(kiosk, 'Lefèvre')).json.entryToken;
  // This check-in is a re-entry: resume it before answering from it.
  expect((await h.console('POST', `/candidates/${h.candidates.get('Lefèvre')!.id}/authorise-resume`)).status).toBe(200);
  expect((await h.kiosk('POST', '/api/kiosk/start', kiosk, entry)).status).toBe(200);
  const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, {
    challengeId: 'ch_4', answer: { values: { ville: 'zanzibarville3', pays: 'quokkaland3' } }, clientAnswerId: 'f1', elapsedMs: 5000, timedOut: false, focusLost: true,
  });
  expect(ack.status).toBe(200);
  expect(h.t.db.prepare("SELECT status, timer_seconds FROM answers WHERE challenge_id = 'ch_4'").get()).toEqual({ status: 'ok', timer_seconds: null });
});

test('R-SESS-3 — a new extra time reaches the kiosk as the timers of the challenges not answered yet', async () => {
  const id = h.candidates.get('Lefèvre')!.id;
  const tooMuch = await h.console('PUT', `/candidates/${id}/extra-time`, { extraTimePercent: 1000 });
  expect(tooMuch.status).toBe(400);
  expect(tooMuch.json.error.field).toBe('extraTimePercent');
  const changed = await h.console('PUT', `/candidates/${id}/extra-time`, { extraTimePercent: 50 });
  expect(changed.status).toBe(200);
  expect(changed.json.candidate.extraTimePercent).toBe(50);
  const entry = (await h.checkIn(kiosk, 'Lefèvre')).json.entryToken;
  const state = await h.kiosk('GET', '/api/kiosk/state', kiosk, entry);
  expect(state.json.timers).toEqual({ ch_2: 90, ch_7: 90, ch_12: 90 });
  // 105 min × 1.5 = 157.5 min after the start.
  expect(Date.parse(state.json.theoreticalEndAt) - startedAt).toBe((157 * 60 + 30) * 1000);
});

test('R-GEN-6 — resumption is refused 24 h after the start', async () => {
  h.t.advance(24 * HOUR);
  const reentry = await h.checkIn(kiosk, 'Lefèvre');
  expect(reentry.status).toBe(200);
  expect(reentry.json.state.state).toBe('resumeExpired');
  const start = await h.kiosk('POST', '/api/kiosk/start', kiosk, reentry.json.entryToken);
  expect(start.status).toBe(409);
  expect(start.json.error.code).toBe('resumeExpired');
  // The invigilator's login expired with the day: log in again; the resume is refused too.
  await h.relogin();
  const refused = await h.console('POST', `/candidates/${h.candidates.get('Lefèvre')!.id}/authorise-resume`);
  expect(refused.status).toBe(409);
  expect(refused.json.error).toMatchObject({ code: 'resumeExpired', field: 'candidateId' });
  const audit = h.t.db.prepare("SELECT payload FROM events WHERE kind = 'startRefused'").pluck().all() as string[];
  expect(audit.map((p) => JSON.parse(p).code)).toContain('resumeExpired');
});

test('R-GEN-6 — one millisecond before the limit, a resume is still possible', async () => {
  const { test: started } = await enterTest(h, kiosk, 'Bernard');
  expect(started.status).toBe(200);
  h.t.advance(24 * HOUR - 1);
  const reentry = await h.checkIn(kiosk, 'Bernard');
  expect(reentry.json.state.state).toBe('waitingForResume');
});
