import type { Asset } from '../../../shared/formats/content-package';
import { ENTRY_TOKEN_HEADER } from '../../../shared/formats/kiosk-api';
import type { DeliveryContext } from '../records/delivery-context';
import type { EntryContext } from './kiosk-entry';
import { assetIdsOf } from './kiosk-view';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';

/**
 * An asset (illustration, attachment file) of a challenge in the candidate's OWN running test, for the entry
 * that opened it. Any other asset of the content package is refused like an unknown one.
 */
export function testAsset(context: DeliveryContext, found: EntryContext, assetId: string): Result<{ asset: Asset; bytes: Buffer }, Refusal> {
  const { entry, test } = found;
  if (!test || entry.startedAt === null || entry.supersededAt !== null || test.state !== 'started') {
    return refuse('testNotRunning', ENTRY_TOKEN_HEADER, 'Aucun test en cours sur ce poste pour ce candidat : la ressource n’est pas disponible.');
  }
  const material = context.tests.of(test);
  const inTest = material?.challenges.some((c) => assetIdsOf(c).includes(assetId)) ?? false;
  const asset = inTest ? material!.content.assetById.get(assetId) : undefined;
  if (!asset) return refuse('assetNotInTest', 'assetId', `La ressource « ${assetId.slice(0, 120)} » ne fait pas partie du test de ce candidat.`);
  return ok({ asset, bytes: Buffer.from(asset.base64, 'base64') });
}
