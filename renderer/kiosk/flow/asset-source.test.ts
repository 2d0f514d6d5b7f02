import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { KioskAsset } from '../../../shared/formats/kiosk-api';
import { err, ok } from '../../../shared/result';
import { openKioskDatabase } from '../answers/kiosk-database';
import { assetsOfTest, createAssetSource } from './asset-source';

const asset: KioskAsset = { id: 'img_chart', fileName: 'chart.svg', mediaType: 'image/svg+xml', sha256: 'x', url: '/api/kiosk/assets/img_chart' };
const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>').buffer;

describe('the assets of the test', () => {
  it('fetched once, kept in IndexedDB: a reload during an outage still shows them; a download saves the file', async () => {
    const db = await openKioskDatabase('assets-1');
    let fetches = 0;
    let online = true;
    const blobs: Blob[] = [];
    const saved: [string, string][] = [];
    const options = {
      db, testKey: 't1',
      fetchAsset: () => { fetches += 1; return Promise.resolve(online ? ok({ bytes: svg, mediaType: 'image/svg+xml' }) : err('network')); },
      objectUrls: { create: (blob: Blob) => { blobs.push(blob); return `blob:${blobs.length}`; } },
      save: (url: string, fileName: string) => { saved.push([url, fileName]); },
    };
    const source = createAssetSource(options);
    expect(await source.objectUrl(asset)).toBe('blob:1');
    expect(await source.objectUrl(asset)).toBe('blob:1');
    expect(fetches).toBe(1);
    expect(blobs[0]!.type).toBe('image/svg+xml');
    expect(await blobs[0]!.text()).toContain('<svg');
    await source.download(asset);
    expect(saved).toEqual([['blob:1', 'chart.svg']]);

    online = false;
    const afterReload = createAssetSource(options);
    expect(await afterReload.objectUrl(asset)).toBe('blob:2');
    expect(fetches).toBe(1);
    expect(await blobs[1]!.text()).toContain('<svg');
  });

  it('not to be had now: null (the screen says so calmly), and a later call tries again', async () => {
    let online = false;
    const source = createAssetSource({
      db: await openKioskDatabase('assets-2'), testKey: 't2',
      fetchAsset: () => Promise.resolve(online ? ok({ bytes: svg, mediaType: '' }) : err('network')),
      objectUrls: { create: () => 'blob:ok' },
    });
    expect(await source.objectUrl(asset)).toBeNull();
    online = true;
    expect(await source.objectUrl(asset)).toBe('blob:ok');
  });

  it('in the kiosk shell an attachment opens in a permitted application; refused there, it is saved instead', async () => {
    const saved: string[] = [];
    const asked: string[] = [];
    let shellOpens = true;
    const source = createAssetSource({
      db: await openKioskDatabase('assets-3'), testKey: 't3',
      fetchAsset: () => Promise.resolve(ok({ bytes: svg, mediaType: 'image/svg+xml' })),
      objectUrls: { create: () => 'blob:file' },
      save: (_url, fileName) => { saved.push(fileName); },
      openInShell: (a) => { asked.push(a.id); return Promise.resolve(shellOpens); },
    });
    await source.download(asset);
    expect([asked, saved]).toEqual([['img_chart'], []]);
    shellOpens = false;
    await source.download(asset);
    expect([asked, saved]).toEqual([['img_chart', 'img_chart'], ['chart.svg']]);
  });

  it('every asset of a test once (illustrations and attachments)', () => {
    const other = { ...asset, id: 'doc' };
    expect(assetsOfTest([{ illustration: { asset } }, { attachment: { assets: [other, asset] } }, {}]).map((a) => a.id)).toEqual(['img_chart', 'doc']);
  });
});
