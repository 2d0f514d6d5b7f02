import { afterAll, beforeAll, expect, test } from 'vitest';
import { deliveryInUse } from './in-use';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

test('a candidate who checked in or started, and their session, can no longer be deleted', async () => {
  const inUse = deliveryInUse(h.t.db);
  expect(inUse.sessionInUse(h.sessionId)).toBeNull();
  const kiosk = await h.pairKiosk('Poste 1');
  await h.checkIn(kiosk, 'Garnier');
  expect(inUse.candidateInUse(h.candidates.get('Garnier')!.id)).toBe('il ou elle s’est déjà connecté(e) sur un poste');
  expect(inUse.sessionInUse(h.sessionId)).toBe('un candidat s’est déjà connecté sur un poste');
  await enterTest(h, kiosk, 'Dupont');
  expect(inUse.candidateInUse(h.candidates.get('Dupont')!.id)).toBe('son test est commencé');
  expect(inUse.sessionInUse(h.sessionId)).toBe('un candidat a commencé son test');
  expect(inUse.candidateInUse(h.candidates.get('Roux')!.id)).toBeNull();
  // Without the hooks wired, the foreign keys of 003-delivery.sql still refuse.
  const deleted = await h.t.call('DELETE', `/api/manager/candidates/${h.candidates.get('Garnier')!.id}`, { token: h.managerToken });
  expect(deleted.status).toBe(409);
  expect((await h.t.call('DELETE', `/api/manager/sessions/${h.sessionId}`, { token: h.managerToken })).status).toBe(409);
});
