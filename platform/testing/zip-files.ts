import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * For tests and the bundle benchmark: a bundle's members read into memory and written back (to alter one member
 * and re-pack). Fixed dates, so the same members give the same bytes.
 */
export function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      const files = new Map<string, Buffer>();
      archive.on('entry', (entry: yauzl.Entry) => archive.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => { files.set(entry.fileName, Buffer.concat(chunks)); archive.readEntry(); });
      }));
      archive.on('end', () => resolve(files));
      archive.readEntry();
    });
  });
}

export function zip(files: Map<string, Buffer>): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, bytes] of files) archive.addBuffer(bytes, name, { mtime: new Date('2026-03-02T10:00:00Z') });
  archive.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on('data', (c: Buffer) => chunks.push(c));
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
