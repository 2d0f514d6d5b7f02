import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Answer } from '../../../shared/formats/challenge';
import { verifyChain } from '../audit/event-chain';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const body = (challengeId: string, clientAnswerId: string, answer: Answer = { skipped: true }) =>
  ({ challengeId, answer, clientAnswerId, elapsedMs: 10, timedOut: false, focusLost: false });

test('group commit: concurrent answers and replays are each stored once, replays get the first acknowledgement', async () => {
  const kiosk = await h.pairKiosk('Poste 1');
  const { entry } = await enterTest(h, kiosk, 'Dupont');
  const ids = Array.from({ length: 14 }, (_, i) => `ch_${i + 1}`);
  const requests = [
    ...ids.map((id) => h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, body(id, `first-${id}`))),
    ...[1, 2, 3, 4].map((n) => h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, body('ch_1', `replay-${n}`, { choice: '3' }))),
  ];
  const responses = await Promise.all(requests);
  expect(responses.map((r) => r.status)).toEqual(Array(18).fill(200));
  const stored = h.t.db.prepare('SELECT challenge_id, client_answer_id, ack FROM answers ORDER BY id').all() as { challenge_id: string; client_answer_id: string; ack: string }[];
  expect(stored.map((r) => r.challenge_id).sort()).toEqual([...ids].sort());
  const first = stored.find((r) => r.challenge_id === 'ch_1')!;
  const ch1Answers = responses.filter((r) => r.json.challengeId === 'ch_1');
  expect(ch1Answers).toHaveLength(5);
  for (const r of ch1Answers) expect(r.text).toBe(first.ack);
  expect(first.client_answer_id).toBe(JSON.parse(first.ack).clientAnswerId);
  expect(verifyChain(h.t.db, h.sessionId).ok).toBe(true);
});

test('a storage failure of one answer fails only that answer (500, nothing stored), the others of the batch are kept', async () => {
  const kiosk = await h.pairKiosk('Poste 2');
  const { entry } = await enterTest(h, kiosk, 'Bernard');
  h.t.db.exec("CREATE TEMP TRIGGER fail_ch_2 BEFORE INSERT ON answers WHEN NEW.challenge_id = 'ch_2' BEGIN SELECT RAISE(ABORT, 'disque simulé en panne'); END;");
  try {
    const before = h.t.db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    const [one, two, three] = await Promise.all(['ch_1', 'ch_2', 'ch_3'].map((id) => h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, body(id, id))));
    expect([one!.status, two!.status, three!.status]).toEqual([200, 500, 200]);
    expect(two!.json.error.code).toBe('internal');
    const testId = h.t.db.prepare('SELECT id FROM tests WHERE candidate_id = ?').pluck().get(h.candidates.get('Bernard')!.id);
    expect(h.t.db.prepare('SELECT challenge_id FROM answers WHERE test_id = ? ORDER BY challenge_id').pluck().all(testId)).toEqual(['ch_1', 'ch_3']);
    // Two answers, two audit events: the failed one left none.
    expect(h.t.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(before + 2);
  } finally {
    h.t.db.exec('DROP TRIGGER temp.fail_ch_2');
  }
  const retried = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, body('ch_2', 'ch_2'));
  expect(retried.status).toBe(200);
  expect(verifyChain(h.t.db, h.sessionId).ok).toBe(true);
});
