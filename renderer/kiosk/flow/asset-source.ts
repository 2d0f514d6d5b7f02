import type { KioskAsset } from '../../../shared/formats/kiosk-api';
import type { Result } from '../../../shared/result';
import type { KioskDb } from '../answers/kiosk-database';
import type { AssetSource } from '../challenge/challenge-contract';

/**
 * The challenge screens' assets (challenge-contract.ts `AssetSource`): fetched once from `GET /api/kiosk/assets/:id`
 * with the entry header, their bytes kept in the kiosk's database for the pupil's test, so that an outage or a
 * reload still shows them; shown through blob: URLs (the CSP allows media from the station and blob: only).
 */
export interface AssetBytes { bytes: ArrayBuffer; mediaType: string }

export interface AssetSourceOptions {
  db: KioskDb;
  testKey: string;
  /** The station's bytes (the typed client with the entry header), or a failure. */
  fetchAsset(assetId: string): Promise<Result<AssetBytes, unknown>>;
  objectUrls?: { create(blob: Blob): string };
  /** Saves the file (default: a link with `download`, clicked). */
  save?(url: string, fileName: string): void;
  /**
   * In the kiosk shell (kiosk-lockdown §2): opens the attachment in a permitted application through the bridge,
   * the shell downloading it itself with the pupil's entry; false when the shell refused (then the file is saved).
   */
  openInShell?(asset: KioskAsset): Promise<boolean>;
}

export interface KioskAssetSource extends AssetSource {
  /** Fetches and keeps every asset of the test now (after the start), so that a later outage shows them all. */
  prefetch(assets: readonly KioskAsset[]): Promise<void>;
}

function saveWithLink(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function createAssetSource(options: AssetSourceOptions): KioskAssetSource {
  const { db, testKey } = options;
  const objectUrls = options.objectUrls ?? { create: (blob: Blob) => URL.createObjectURL(blob) };
  const save = options.save ?? saveWithLink;
  const urls = new Map<string, Promise<string | null>>();

  async function load(asset: KioskAsset): Promise<string | null> {
    const kept = await db.get('assets', [testKey, asset.id]).catch(() => undefined);
    if (kept) return objectUrls.create(new Blob([kept.bytes], { type: kept.mediaType }));
    const fetched = await options.fetchAsset(asset.id);
    if (!fetched.ok) return null;
    const mediaType = fetched.value.mediaType || asset.mediaType;
    // Kept for later (relaxed: the station still has it; losing it in a power cut only means fetching it again).
    await db.put('assets', { testKey, assetId: asset.id, mediaType, bytes: fetched.value.bytes }).catch((error: unknown) => {
      console.warn('Ressource non gardée sur cet ordinateur', error);
    });
    return objectUrls.create(new Blob([fetched.value.bytes], { type: mediaType }));
  }

  const source: KioskAssetSource = {
    objectUrl(asset) {
      let url = urls.get(asset.id);
      if (!url) {
        url = load(asset).then((found) => {
          // Not had now: a later call tries again (the station may answer by then).
          if (found === null) urls.delete(asset.id);
          return found;
        });
        urls.set(asset.id, url);
      }
      return url;
    },
    async download(asset) {
      if (options.openInShell && await options.openInShell(asset).catch(() => false)) return;
      const url = await source.objectUrl(asset);
      if (url !== null) save(url, asset.fileName);
    },
    async prefetch(assets) {
      for (const asset of assets) await source.objectUrl(asset);
    },
  };
  return source;
}

/** Every asset a test shows (illustrations and attachments), each once. */
export function assetsOfTest(challenges: readonly { illustration?: { asset: KioskAsset }; attachment?: { assets: KioskAsset[] } }[]): KioskAsset[] {
  const byId = new Map<string, KioskAsset>();
  for (const c of challenges) {
    if (c.illustration) byId.set(c.illustration.asset.id, c.illustration.asset);
    for (const a of c.attachment?.assets ?? []) byId.set(a.id, a);
  }
  return [...byId.values()];
}
