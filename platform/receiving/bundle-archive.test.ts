import crypto from 'node:crypto';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { unzip } from '../testing/zip-files';
import { BUNDLE_FILE_NAMES, readBundleArchive } from './bundle-archive';

// The archive reader inflates each member itself (one zlib call instead of yauzl's stream): the checks yauzl's
// stream made are made here, each tested on a real zip (yazl) altered in its central directory or its data.
const members = new Map<string, Buffer>(BUNDLE_FILE_NAMES.map((name, i) => [name, Buffer.concat([Buffer.from(`${name} `.repeat(2000)), crypto.randomBytes(3000 + i)])]));

function zipOf(files: Map<string, Buffer>, store: ReadonlySet<string> = new Set()): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, bytes] of files) archive.addBuffer(bytes, name, { mtime: new Date('2026-03-02T10:00:00Z'), compress: !store.has(name) });
  archive.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on('data', (c: Buffer) => chunks.push(c));
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** The offset of `name`'s central directory header. */
function centralHeader(zip: Buffer, name: string): number {
  for (let at = zip.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1')); at >= 0; at -= 1) {
    if (zip.readUInt32LE(at) === 0x02014b50 && zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)) === name) return at;
  }
  throw new Error(`pas d’en-tête central pour ${name}`);
}

/** The offset of `name`'s data (after its local header). */
function dataStart(zip: Buffer, name: string): number {
  const local = zip.readUInt32LE(centralHeader(zip, name) + 42);
  return local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
}

async function refusal(zip: Buffer): Promise<string> {
  const read = await readBundleArchive(zip);
  expect(read.ok).toBe(false);
  return read.ok ? '' : read.error;
}

describe('readBundleArchive', () => {
  it('reads deflated and stored members to their exact bytes', async () => {
    for (const stored of [new Set<string>(), new Set(['feuille-emargement.pdf', 'pv-incident.pdf'])]) {
      const zip = await zipOf(members, stored);
      const read = await readBundleArchive(zip);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect([...read.value.keys()].sort()).toEqual([...BUNDLE_FILE_NAMES].sort());
      for (const [name, bytes] of await unzip(zip)) expect(read.value.get(name)!.equals(bytes)).toBe(true);
      for (const [name, bytes] of members) expect(read.value.get(name)!.equals(bytes)).toBe(true);
    }
  });

  it('refuses a member that inflates to more or fewer bytes than its declared size (a zip bomb stops there)', async () => {
    const zip = await zipOf(members);
    const at = centralHeader(zip, 'results.json');
    const size = zip.readUInt32LE(at + 24);
    const smaller = Buffer.from(zip);
    smaller.writeUInt32LE(size - 1, at + 24);
    expect(await refusal(smaller)).toContain(`« results.json » illisible (plus d’octets une fois décompressé que les ${size - 1} annoncés)`);
    const larger = Buffer.from(zip);
    larger.writeUInt32LE(size + 1, at + 24);
    expect(await refusal(larger)).toContain(`« results.json » illisible (${size} octets une fois décompressé, ${size + 1} annoncés)`);
  });

  it('refuses an unknown compression method and an encrypted member', async () => {
    const zip = await zipOf(members);
    const at = centralHeader(zip, 'pv-incident.pdf');
    const bzip2 = Buffer.from(zip);
    bzip2.writeUInt16LE(12, at + 10);
    expect(await refusal(bzip2)).toContain('« pv-incident.pdf »');
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    expect(await refusal(encrypted)).toContain('« pv-incident.pdf »');
  });

  it('refuses any flipped byte in a member’s data, deflated or stored, naming the member', async () => {
    for (const stored of [false, true]) {
      const zip = await zipOf(members, stored ? new Set(['feuille-emargement.pdf']) : new Set());
      const start = dataStart(zip, 'feuille-emargement.pdf');
      const length = zip.readUInt32LE(centralHeader(zip, 'feuille-emargement.pdf') + 20);
      for (let k = 0; k < 40; k += 1) {
        const flipped = Buffer.from(zip);
        flipped[start + crypto.randomInt(length)]! ^= 1 << crypto.randomInt(8);
        expect(await refusal(flipped)).toContain('« feuille-emargement.pdf »');
      }
    }
  });
});
