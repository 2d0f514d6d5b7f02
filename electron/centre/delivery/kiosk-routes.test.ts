import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answer } from '../../../shared/formats/challenge';
import { KioskTest } from '../../../shared/formats/kiosk-api';
import type { LiveCandidate } from '../../../shared/formats/console-api';
import { verifyChain } from '../audit/event-chain';
import { CHECK_IN_REFUSED } from './check-in';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { testContentPackage } from '../testing/test-packages';
import type { TestResponse } from '../testing/test-server';

let h: Harness;
let kiosk1: string;
let kiosk2: string;
let kiosk3: string;

beforeAll(async () => {
  h = await startHarness();
  kiosk1 = await h.pairKiosk('Poste 1');
  kiosk2 = await h.pairKiosk('Poste 2');
  kiosk3 = await h.pairKiosk('Poste 3');
});
afterAll(async () => { await h.close(); });

const count = (table: string): number => h.t.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const answer = (challengeId: string, value: Answer, extra: Partial<{ clientAnswerId: string; timedOut: boolean; focusLost: boolean; elapsedMs: number }> = {}) => ({
  challengeId, answer: value, clientAnswerId: extra.clientAnswerId ?? `c-${challengeId}`, elapsedMs: extra.elapsedMs ?? 12_000,
  timedOut: extra.timedOut ?? false, focusLost: extra.focusLost ?? false,
});

/** Every key of a parsed JSON value, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

describe('a whole test through the kiosk routes (R-SESS-4, R-SESS-5, R-GEN, R-VAL, R-CHAL-3)', () => {
  // Hand-written: the answer sent to each challenge of the small package (delivery order ch_1 … ch_15) and the
  // status R-VAL-3/R-VAL-4 give it for a candidate without accessibility adjustment.
  const plan: { answer: Answer; extra?: { timedOut?: boolean; focusLost?: boolean }; status: string }[] = [
    { answer: { choice: '2' }, status: 'ok' },
    { answer: { choices: ['3', '1'] }, extra: { timedOut: true }, status: 'timedout' },
    { answer: { value: 'XYLOPHONE2' }, status: 'ok' },
    { answer: { values: { ville: 'zanzibarville3', pays: 'quokkaland3' } }, extra: { focusLost: true }, status: 'focusedOut' },
    { answer: { skipped: true }, status: 'aband' },
    { answer: { choice: '1' }, status: 'ko' },
    { answer: { choices: ['1', '3'] }, status: 'ok' },
    { answer: { value: 'marimbaphone7' }, status: 'ok' },
    { answer: { values: { ville: 'zanzibarville8', pays: 'ailleurs complètement' } }, status: 'ko' },
    { answer: { values: { a1: 'axolotlus9', a2: 'narwhalus9' } }, status: 'ok' },
    { answer: { choice: '2' }, extra: { timedOut: true }, status: 'ok' },
    { answer: { choices: ['1'] }, status: 'ko' },
    { answer: { value: '' }, status: 'ko' },
    { answer: { values: { ville: 'zanzibarville13', pays: 'quokkaland13' } }, status: 'ok' },
    { answer: { values: { a1: 'narwhalus14', a2: 'axolotlus14' } }, status: 'ok' },
  ];
  let entry: string;
  let delivered: TestResponse;

  test('R-SESS-4 — check-in with a lower-case access code; R-SESS-5 — the start waits for the invigilator', async () => {
    const checkedIn = await h.checkIn(kiosk1, 'Dupont', { lastName: 'DUPONT', firstName: ' marie ' });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.json.state.state).toBe('waitingForPresence');
    entry = checkedIn.json.entryToken;

    const tooEarly = await h.kiosk('POST', '/api/kiosk/start', kiosk1, entry);
    expect(tooEarly.status).toBe(403);
    expect(tooEarly.json.error).toMatchObject({ code: 'notAuthorised', field: 'x-passation-entry' });
    expect(count('tests')).toBe(0);

    expect((await h.console('POST', `/candidates/${h.candidates.get('Dupont')!.id}/confirm-presence`)).status).toBe(200);
    expect((await h.kiosk('GET', '/api/kiosk/state', kiosk1, entry)).json.state).toBe('readyToStart');
  });

  test('R-PROF-4, R-GEN, R-SESS-7 — the start delivers the whole test, five types, without solutions', async () => {
    delivered = await h.kiosk('POST', '/api/kiosk/start', kiosk1, entry);
    expect(delivered.status).toBe(200);
    expect(KioskTest.safeParse(delivered.json).success).toBe(true);
    expect(delivered.json.challenges.map((c: { challengeId: string }) => c.challengeId)).toEqual(Array.from({ length: 15 }, (_, i) => `ch_${i + 1}`));
    expect(new Set(delivered.json.challenges.map((c: { type: string }) => c.type))).toEqual(new Set(['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep']));
    expect(delivered.json.resumeAt).toBe(0);
    // R-GEN-6 — start + 105 min; resumption until start + 24 h.
    const start = Date.parse(delivered.json.startedAt);
    expect(Date.parse(delivered.json.theoreticalEndAt) - start).toBe(105 * 60_000);
    expect(Date.parse(delivered.json.resumeLimitAt) - start).toBe(24 * 3600_000);
    const row = h.t.db.prepare('SELECT seed, verification_code, profile_snapshot FROM tests').get() as { seed: number; verification_code: string; profile_snapshot: string };
    expect(row.verification_code).toMatch(/^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/);
    expect(JSON.parse(row.profile_snapshot).pupilId).toBe('INE-1');
  });

  test('assets: one of the candidate’s own test is served, any other is refused', async () => {
    const own = await h.kiosk('GET', '/api/kiosk/assets/img_chart', kiosk1, entry);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toContain('image/svg+xml');
    expect(own.text).toContain('<rect width="10"');
    const other = await h.kiosk('GET', '/api/kiosk/assets/img_unused', kiosk1, entry);
    expect(other.status).toBe(404);
    expect(other.json.error.field).toBe('assetId');
  });

  test('R-VAL-4 — every answer is acknowledged without saying whether it is right; the last one completes the test', async () => {
    for (const [i, step] of plan.entries()) {
      const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk1, entry, answer(`ch_${i + 1}`, step.answer, step.extra));
      expect(ack.status).toBe(200);
      expect(Object.keys(ack.json).sort()).toEqual(['challengeId', 'clientAnswerId', 'saved', 'savedAt', 'testCompleted']);
      expect(ack.json.testCompleted).toBe(i === plan.length - 1);
    }
    const stored = h.t.db.prepare('SELECT challenge_id, status FROM answers ORDER BY id').all() as { challenge_id: string; status: string }[];
    expect(stored.map((r) => r.status)).toEqual(plan.map((p) => p.status));
    expect((await h.kiosk('GET', '/api/kiosk/state', kiosk1, entry)).json.state).toBe('completed');
    expect(h.t.db.prepare('SELECT state FROM tests').pluck().get()).toBe('completed');
  });

  test('a replayed answer returns the FIRST acknowledgement, byte for byte, and changes nothing', async () => {
    const before = h.t.db.prepare("SELECT * FROM answers WHERE challenge_id = 'ch_1'").get();
    const first = h.t.db.prepare("SELECT ack FROM answers WHERE challenge_id = 'ch_1'").pluck().get();
    const eventsBefore = count('events');
    const replay = await h.kiosk('POST', '/api/kiosk/answers', kiosk1, entry, answer('ch_1', { choice: '3' }, { clientAnswerId: 'another-id' }));
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first);
    expect(replay.json.clientAnswerId).toBe('c-ch_1');
    expect(h.t.db.prepare("SELECT * FROM answers WHERE challenge_id = 'ch_1'").get()).toEqual(before);
    expect(count('events')).toBe(eventsBefore);
  });

  test('an answer to a challenge that is not in the candidate’s test is refused, naming it', async () => {
    for (const challengeId of ['ch_unused', 'pas_une_epreuve']) {
      const refused = await h.kiosk('POST', '/api/kiosk/answers', kiosk1, entry, answer(challengeId, { choice: '1' }));
      expect(refused.status).toBe(404);
      expect(refused.json.error).toMatchObject({ code: 'challengeNotInTest', field: 'challengeId' });
      expect(refused.json.error.message).toContain(challengeId);
    }
  });

  test('R-CHAL-3 — no response ever carried a solution, a variant or a judgement', () => {
    const bodies = h.responses.map((r) => r.text);
    const content = testContentPackage();
    for (const challenge of content.challenges) {
      const solution = challenge.solution as Record<string, unknown>;
      const variants = [
        ...((solution.variants as string[] | undefined) ?? []),
        ...Object.values((solution.fields as Record<string, string[]> | undefined) ?? {}).flat(),
        ...((solution.groups as string[][] | undefined) ?? []).flat(),
      ];
      for (const variant of variants) for (const body of bodies) expect(body).not.toContain(variant);
      for (const body of bodies) expect(body).not.toContain(JSON.stringify(challenge.solution));
    }
    const forbiddenKeys = ['solution', 'variants', 'groups', 'tolerances', 'scoring', 'choices', 'validation', 'fieldResults'];
    for (const response of h.responses) {
      const keys = keysOf(response.json);
      for (const key of forbiddenKeys) expect(keys.has(key), `clé « ${key} » dans ${response.text.slice(0, 120)}`).toBe(false);
    }
    for (const body of bodies) expect(body).not.toMatch(/"(ok|ko|partially|aband|timedout|focusedOut)"/);
  });

  test('the audit chain holds every step and verifies', () => {
    const kinds = h.t.db.prepare('SELECT kind FROM events ORDER BY seq').pluck().all() as string[];
    expect(kinds.filter((k) => k === 'answer')).toHaveLength(15);
    expect(kinds).toEqual(expect.arrayContaining(['checkIn', 'presenceConfirmed', 'testStarted', 'testCompleted']));
    expect(verifyChain(h.t.db, h.sessionId).ok).toBe(true);
  });
});

describe('refusals', () => {
  test('R-SESS-4 — a wrong access code and a wrong name get the same vague answer, are audited, create nothing', async () => {
    const entries = count('entries');
    const wrongCode = await h.checkIn(kiosk2, 'Bernard', { accessCode: 'BCDF23' === h.accessCode ? 'CDFG34' : 'BCDF23' });
    const wrongName = await h.checkIn(kiosk2, 'Bernard', { lastName: 'Bertrand' });
    const wrongDate = await h.checkIn(kiosk2, 'Bernard', { birthDate: '2010-06-29' });
    const wrongSession = await h.checkIn(kiosk2, 'Bernard', { sessionNumber: 999 });
    for (const refused of [wrongCode, wrongName, wrongDate, wrongSession]) {
      expect(refused.status).toBe(401);
      expect(refused.json.error).toEqual({ code: 'checkInRefused', message: CHECK_IN_REFUSED, field: 'identity' });
    }
    expect(count('entries')).toBe(entries);
    const failures = h.t.db.prepare("SELECT payload FROM events WHERE kind = 'checkInFailed'").pluck().all() as string[];
    expect(failures.map((p) => JSON.parse(p).reason)).toEqual(['accessCode', 'identity', 'identity']);
  });

  test('R-SESS-5 — re-entry needs "Autoriser la reprise"; the resumed test continues at the first unanswered challenge', async () => {
    const first = await enterTest(h, kiosk2, 'Bernard');
    expect(first.test.status).toBe(200);
    for (const id of ['ch_1', 'ch_2']) {
      expect((await h.kiosk('POST', '/api/kiosk/answers', kiosk2, first.entry, answer(id, { choice: '1' }))).status).toBe(200);
    }
    // The same entry cannot open the test twice (a reload is a re-entry).
    const again = await h.kiosk('POST', '/api/kiosk/start', kiosk2, first.entry);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('entryAlreadyUsed');

    const reentry = await h.checkIn(kiosk3, 'Bernard');
    expect(reentry.json.state.state).toBe('waitingForResume');
    const second = reentry.json.entryToken as string;
    const refused = await h.kiosk('POST', '/api/kiosk/start', kiosk3, second);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('notAuthorised');
    // Confirming presence is not the way to resume.
    const id = h.candidates.get('Bernard')!.id;
    expect((await h.console('POST', `/candidates/${id}/confirm-presence`)).json.error.code).toBe('testAlreadyStarted');
    expect((await h.console('POST', `/candidates/${id}/authorise-resume`)).status).toBe(200);
    const resumed = await h.kiosk('POST', '/api/kiosk/start', kiosk3, second);
    expect(resumed.status).toBe(200);
    expect(resumed.json.resumeAt).toBe(2);
    expect(resumed.json.answeredChallengeIds).toEqual(['ch_1', 'ch_2']);
    expect(h.t.db.prepare('SELECT seed FROM tests WHERE candidate_id = ?').pluck().all(id)).toHaveLength(1);

    // The first kiosk no longer answers for the candidate; an authorisation serves once.
    const late = await h.kiosk('POST', '/api/kiosk/answers', kiosk2, first.entry, answer('ch_3', { value: 'x' }));
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('entryReplaced');
    expect((await h.kiosk('GET', '/api/kiosk/state', kiosk2, first.entry)).json.state).toBe('replaced');
    expect((await h.kiosk('POST', '/api/kiosk/start', kiosk3, second)).json.error.code).toBe('entryAlreadyUsed');
  });

  test('an entry token only works on the kiosk that checked the candidate in', async () => {
    const checkedIn = await h.checkIn(kiosk1, 'Garnier');
    const stolen = await h.kiosk('GET', '/api/kiosk/state', kiosk2, checkedIn.json.entryToken);
    expect(stolen.status).toBe(401);
    expect(stolen.json.error).toMatchObject({ code: 'entryUnknown', field: 'x-passation-entry' });
    const missing = await h.kiosk('GET', '/api/kiosk/state', kiosk1);
    expect(missing.json.error).toMatchObject({ code: 'entryMissing', field: 'x-passation-entry' });
  });

  test('R-PROF-3 — a non-certifiable pupil cannot start and is told how far they are', async () => {
    const tests = count('tests');
    const { entry, test: refused } = await enterTest(h, kiosk2, 'Martin');
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('notCertifiable');
    expect(refused.json.error.message).toContain('3 compétences sur 5 au niveau 1');
    expect(count('tests')).toBe(tests);
    // Nothing was consumed: the same answer again.
    expect((await h.kiosk('POST', '/api/kiosk/start', kiosk2, entry)).json.error.code).toBe('notCertifiable');
  });

  test('lockdown: a focus loss on a focused challenge suspends the test until the invigilator resumes it', async () => {
    const { entry } = await enterTest(h, kiosk2, 'Petit');
    const id = h.candidates.get('Petit')!.id;
    const elsewhere = { kind: 'focusLost', cause: 'alt-tab', at: '2026-03-14T08:05:00Z', challengeId: 'ch_1', clientEventId: 'e1' };
    const warned = await h.kiosk('POST', '/api/kiosk/events', kiosk2, entry, elsewhere);
    expect(warned.json).toMatchObject({ recorded: true, policy: 'warn' });
    expect(warned.json.state.state).toBe('inTest');

    const onFocused = { ...elsewhere, challengeId: 'ch_4', clientEventId: 'e2' };
    const suspended = await h.kiosk('POST', '/api/kiosk/events', kiosk2, entry, onFocused);
    expect(suspended.json.policy).toBe('suspend');
    expect(suspended.json.state.state).toBe('suspended');
    expect((await h.kiosk('POST', '/api/kiosk/events', kiosk2, entry, onFocused)).json.policy).toBe('suspend');
    expect(h.t.db.prepare("SELECT COUNT(*) FROM lockdown_events WHERE client_event_id = 'e2'").pluck().get()).toBe(1);

    const live = (await h.console('GET', '/live')).json.candidates as LiveCandidate[];
    const petit = live.findIndex((c) => c.candidateId === id);
    expect(live[petit]).toMatchObject({ status: 'suspended', needsAction: true });
    // The facts the console's catalogue words (no server-built sentence): the suspension's kind and cause.
    expect(live[petit]!.suspension).toMatchObject({ kind: 'focusLost' });
    expect(live[petit]!.suspension!.cause).toContain('alt-tab');
    // "Needs action" first.
    expect(live.slice(0, petit + 1).every((c) => c.needsAction)).toBe(true);
    expect((await h.console('POST', `/candidates/${id}/authorise-resume`)).json.candidate.status).toBe('inTest');
    expect((await h.kiosk('GET', '/api/kiosk/state', kiosk2, entry)).json.state).toBe('inTest');

    const unknown = await h.kiosk('POST', '/api/kiosk/events', kiosk2, entry, { ...elsewhere, challengeId: 'ch_unused', clientEventId: 'e3' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.field).toBe('challengeId');
  });

  test('R-SESS-6 — a test ended by the invigilator shows the end page and takes no more answers', async () => {
    const { entry } = await enterTest(h, kiosk3, 'Roux');
    const id = h.candidates.get('Roux')!.id;
    expect((await h.console('POST', `/candidates/${id}/end-test`)).json.candidate.status).toBe('endedByInvigilator');
    const state = await h.kiosk('GET', '/api/kiosk/state', kiosk3, entry);
    expect(state.json.state).toBe('endedByInvigilator');
    // The kiosk's catalogue words the state; the payload carries no sentence.
    expect(state.json).not.toHaveProperty('message');
    const refused = await h.kiosk('POST', '/api/kiosk/answers', kiosk3, entry, answer('ch_1', { choice: '2' }));
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('testEnded');
    expect((await h.console('POST', `/candidates/${id}/end-test`)).json.error.code).toBe('testEnded');
  });

  test('a kiosk token never reaches a console route; a console login never answers for a candidate', async () => {
    const asKiosk = await h.t.call('GET', `/api/console/sessions/${h.sessionId}/live`, { token: kiosk1 });
    expect(asKiosk.status).toBe(403);
    expect(asKiosk.json.error.code).toBe('kioskForbidden');
    const confirm = await h.t.call('POST', `/api/console/sessions/${h.sessionId}/candidates/1/confirm-presence`, { token: kiosk1 });
    expect(confirm.status).toBe(403);
    const asConsole = await h.t.call('POST', '/api/kiosk/answers', { token: h.invigilatorToken, body: answer('ch_1', { choice: '1' }) });
    expect(asConsole.status).toBe(403);
  });

  test('malformed JSON, an oversized body and a bad field are refused with the field named', async () => {
    const malformed = await h.kiosk('POST', '/api/kiosk/check-in', kiosk1, undefined, undefined, { raw: '{"sessionNumber": 1,', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('invalidJson');
    const oversized = await h.kiosk('POST', '/api/kiosk/check-in', kiosk1, undefined, { lastName: 'x'.repeat(10_000) });
    expect(oversized.status).toBe(413);
    const bad = await h.kiosk('POST', '/api/kiosk/answers', kiosk1, undefined, { ...answer('ch_1', { choice: '1' }), elapsedMs: -5 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('elapsedMs');
  });

  test('R-SESS-4 — failed check-ins are limited per kiosk, even with the right identity afterwards', async () => {
    const kiosk = await h.pairKiosk('Poste 9');
    for (let i = 0; i < 10; i++) {
      let failed = await h.checkIn(kiosk, 'Garnier', { accessCode: 'ZZZZ00' });
      // After 5 failures the kiosk waits longer and longer before each try (check-in-alert.test.ts): wait it out.
      if (failed.status === 429) {
        h.t.advance(Number(failed.headers['retry-after']) * 1000);
        failed = await h.checkIn(kiosk, 'Garnier', { accessCode: 'ZZZZ00' });
      }
      expect(failed.status).toBe(401);
    }
    const blocked = await h.checkIn(kiosk, 'Garnier');
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.field).toBe('identity');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await h.checkIn(kiosk1, 'Garnier')).status).toBe(200);
  });
});
