import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { OPENSSL_VERIFY_COMMAND, bundleReadme } from './bundle-readme';
import { readBundle } from './read-bundle';
import { bundleFiles, zipBundle, type BundleFile } from './results-bundle';

/** The bundle's .zip: written by yazl, read back by yauzl (and by our reader), the same bytes for the same files. */
const signedAt = new Date('2026-12-01T10:30:00Z');

function entries(zip: Buffer): Promise<{ name: string; bytes: Buffer; modified: Date; mode: number }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      const found: { name: string; bytes: Buffer; modified: Date; mode: number }[] = [];
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            found.push({ name: entry.fileName, bytes: Buffer.concat(chunks), modified: entry.getLastModDate(), mode: entry.externalFileAttributes >>> 16 });
            archive.readEntry();
          });
        });
      });
      archive.on('end', () => resolve(found));
      archive.readEntry();
    });
  });
}

const results = Buffer.from('{"format":"passation.results/1","é":"ü"}', 'utf8');
const signature = Buffer.from([0x30, 0x82, 0x01, 0x00, 0xff, 0x00]);

describe('results bundle', () => {
  it('holds results.json, its signature, LISEZMOI.txt, then the extra files, byte for byte, dated at the signature', async () => {
    const pdf = { name: 'feuille-emargement.pdf', bytes: Buffer.from('%PDF-1.7\n…') };
    const zip = await zipBundle(bundleFiles({ results, signature, readme: 'Lisez-moi\r\n', extraFiles: [pdf] }), signedAt);
    const found = await entries(zip);
    expect(found.map((f) => f.name)).toEqual(['results.json', 'results.json.p7s', 'LISEZMOI.txt', 'feuille-emargement.pdf']);
    expect(found[0]!.bytes.equals(results)).toBe(true);
    expect(found[1]!.bytes.equals(signature)).toBe(true);
    expect(found[2]!.bytes.toString('utf8')).toBe('Lisez-moi\r\n');
    expect(found[3]!.bytes.equals(pdf.bytes)).toBe(true);
    // yazl writes the Info-ZIP UTC timestamp beside the DOS date: yauzl reads the exact second back.
    for (const f of found) {
      expect(f.mode & 0o777).toBe(0o644);
      expect(f.modified.toISOString()).toBe(signedAt.toISOString());
    }
    expect(await zipBundle(bundleFiles({ results, signature, readme: 'Lisez-moi\r\n', extraFiles: [pdf] }), signedAt)).toEqual(zip);
  });

  it('refuses an extra file that would replace one of the three, or a name with a folder', () => {
    expect(() => bundleFiles({ results, signature, readme: '', extraFiles: [{ name: 'results.json', bytes: Buffer.alloc(1) }] })).toThrow(/en double/);
    expect(() => bundleFiles({ results, signature, readme: '', extraFiles: [{ name: '../evil.pdf', bytes: Buffer.alloc(1) }] })).toThrow(/nom de fichier refusé/);
    expect(() => bundleFiles({ results, signature, readme: '', extraFiles: [{ name: 'a.pdf', bytes: Buffer.alloc(1) }, { name: 'a.pdf', bytes: Buffer.alloc(1) }] })).toThrow(/en double/);
  });

  it('readBundle gives back any files as they went in (property)', async () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(fc.record({ name, bytes: fc.uint8Array({ maxLength: 3000 }) }), { selector: (f) => f.name, maxLength: 5 }),
      fc.uint8Array({ maxLength: 2000 }),
      async (extra, content) => {
        const extraFiles: BundleFile[] = extra.filter((f) => !['results.json', 'results.json.p7s', 'lisezmoi.txt'].includes(f.name))
          .map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes) }));
        const files = bundleFiles({ results: Buffer.from(content), signature, readme: 'x', extraFiles });
        const read = await readBundle(await zipBundle(files, signedAt));
        expect(read).toEqual({ ok: true, files });
      }), { numRuns: 40 });
  });

  it('readBundle refuses what is not a bundle', async () => {
    expect(await readBundle(Buffer.from('PK pas une archive'))).toMatchObject({ ok: false, reason: expect.stringContaining('archive .zip illisible') });
    const truncated = await zipBundle(bundleFiles({ results, signature, readme: 'x' }), signedAt);
    expect((await readBundle(truncated.subarray(0, truncated.length - 10))).ok).toBe(false);
  });

  it('LISEZMOI.txt says what each file is and gives the exact openssl command', () => {
    const text = bundleReadme({
      sessionNumber: 123456, centre: 'Collège Jean Moulin', signedAt, signer: 'O=Lycée Érable, CN=0123456A',
      certificateFingerprint: 'AB:CD', resultsSha256: 'f'.repeat(64), authorityFingerprint: '12:34',
      extraFiles: [{ name: 'pv-incidents.pdf', description: 'le procès-verbal d’incidents, signé (PDF).' }],
    });
    expect(OPENSSL_VERIFY_COMMAND).toBe('openssl cms -verify -binary -inform DER -content results.json -in results.json.p7s -CAfile authority.pem -purpose any');
    expect(text.split('\r\n')).toContain(`  ${OPENSSL_VERIFY_COMMAND}`);
    expect(text).toContain('session n° 123456 — Collège Jean Moulin');
    expect(text).toContain('Signé le 2026-12-01 à 10:30:00 UTC');
    expect(text).toContain(`SHA-256 : ${'f'.repeat(64)}`);
    expect(text).toContain('pv-incidents.pdf');
    expect(text).not.toMatch(/[^\r]\n/);
  });
});
