import { afterAll, expect, test } from 'vitest';
import { Receipt, SignedReceipt } from '../../shared/formats/platform-api';
import { receiveBundle } from '../../platform/receiving/receive-bundle';
import type { PlatformStore } from '../../platform/storage/platform-store';
import { sqliteEngine } from '../../platform/storage/store-test-engines';
import { CANDIDATES_PER_BUNDLE, prepareBundles, readyStore, receiveContext, verificationCode } from './prepare-bundles';
import { receiveEach } from './receive-each';

// `npm run bench:platform` kept from rotting: its preparation (a real centre session, varied and re-signed) and its
// receive loop on 2 bundles at once (--in-flight 2), on a real SQLite file. No timing is asserted.
let store: PlatformStore | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => {
  await store?.close();
  await cleanup?.();
});

test('two prepared bundles differ, are accepted with 30 rescored candidates each, and stored once', async () => {
  const prepared = await prepareBundles(2);
  expect(prepared.bundles).toHaveLength(2);
  expect(prepared.bundles[0]!.equals(prepared.bundles[1]!)).toBe(false);
  ({ store, cleanup } = await sqliteEngine.fresh());
  await readyStore(store, prepared);
  const context = receiveContext(store, prepared);

  await expect(receiveEach(context, prepared.bundles, 0)).rejects.toThrow('lots en vol : un entier positif est attendu');
  const run = await receiveEach(context, prepared.bundles, 2);
  expect(run).toMatchObject({ bundles: 2, candidates: 2 * CANDIDATES_PER_BUNDLE });
  expect(run.seconds).toBeGreaterThan(0);

  // What the receive loop stored: every candidate's result, under the bench's distinct verification codes.
  const codes = Array.from({ length: 2 * CANDIDATES_PER_BUNDLE }, (_, i) => verificationCode(i));
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of [codes[0]!, codes.at(-1)!]) expect(await store.resultByVerificationCode(code)).not.toBeNull();
  // The same bundle again is a duplicate with the first receipt: the loop's bundles were new ones.
  const again = await receiveBundle(context, prepared.bundles[1]!);
  expect(again.ok).toBe(true);
  if (!again.ok) return;
  expect(again.value.body.duplicate).toBe(true);
  const receipt = Receipt.parse(JSON.parse(SignedReceipt.parse(again.value.body).receipt));
  expect(receipt.candidates.map((c) => c.verificationCode)).toEqual(codes.slice(CANDIDATES_PER_BUNDLE));
  expect(receipt.candidates.every((c) => c.matchesCentre)).toBe(true);
  expect(await receiveEach(context, [prepared.bundles[0]!]).catch((e: Error) => e.message)).toContain('déjà reçu');
}, 120_000);
