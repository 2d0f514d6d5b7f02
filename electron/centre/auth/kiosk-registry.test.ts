import { afterEach, beforeEach, expect, test } from 'vitest';
import { tempDatabase } from '../storage/temp-database';
import { createPairingCode, findKiosk, pairKiosk } from './kiosk-registry';

let temp: ReturnType<typeof tempDatabase>;
beforeEach(() => { temp = tempDatabase('passation-kiosk-registry-'); });
afterEach(() => temp.remove());

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const lastSeen = (kioskId: number) => temp.db.prepare('SELECT last_seen_at FROM kiosks WHERE id = ?').pluck().get(kioskId);

test('"last seen" is noted at most once a minute, written on the next turn with the other kiosks\' (one commit)', async () => {
  const t0 = new Date('2026-03-14T08:00:00.000Z');
  const paired = [1, 2].map((n) => {
    const result = pairKiosk(temp.db, { code: createPairingCode(temp.db, 'manager', t0).code, name: `Poste ${n}` }, t0);
    if (!result.ok) throw new Error(result.reason);
    return result;
  });
  for (const kiosk of paired) expect(findKiosk(temp.db, kiosk.deviceToken, t0)).toEqual({ ok: true, kiosk: { id: kiosk.kioskId, name: expect.any(String) } });
  expect(lastSeen(paired[0]!.kioskId)).toBeNull();
  await nextTurn();
  expect(paired.map((k) => lastSeen(k.kioskId))).toEqual(['2026-03-14T08:00:00.000Z', '2026-03-14T08:00:00.000Z']);

  // 59 s later: still the same note; 60 s later: a new one.
  findKiosk(temp.db, paired[0]!.deviceToken, new Date('2026-03-14T08:00:59.000Z'));
  await nextTurn();
  expect(lastSeen(paired[0]!.kioskId)).toBe('2026-03-14T08:00:00.000Z');
  findKiosk(temp.db, paired[0]!.deviceToken, new Date('2026-03-14T08:01:00.000Z'));
  await nextTurn();
  expect(lastSeen(paired[0]!.kioskId)).toBe('2026-03-14T08:01:00.000Z');
});
