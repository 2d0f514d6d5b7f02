import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { err, ok, type Result } from '../../shared/result';

/** The files every results bundle holds, exactly (docs/results-bundle.md §4). */
export const RESULTS_FILE = 'results.json';
export const SIGNATURE_FILE = 'results.json.p7s';
export const AUDIT_LOG_FILE = 'audit.jsonl';
export const BUNDLE_FILE_NAMES = [RESULTS_FILE, SIGNATURE_FILE, 'LISEZMOI.txt', 'feuille-emargement.pdf', 'pv-incident.pdf', AUDIT_LOG_FILE] as const;

/** Inflated, no file of a bundle comes near this (a zip bomb would). */
export const MAX_INFLATED_FILE_BYTES = 64 * 1024 * 1024;

export type BundleArchive = ReadonlyMap<string, Buffer>;

/**
 * Reads a bundle's .zip: exactly the six files of a bundle, each once, plain names (no folder), each at most
 * MAX_INFLATED_FILE_BYTES once inflated (and exactly its declared size: `entryBytes`), each matching
 * its CRC-32 (yauzl does not check it: a flipped byte in a file the signature does not cover, a PDF, is caught here).
 */
export function readBundleArchive(zip: Buffer): Promise<Result<BundleArchive, string>> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, archive) => {
      if (error || !archive) {
        resolve(err(`ce n’est pas une archive .zip lisible (${error?.message ?? 'inconnue'})`));
        return;
      }
      const files = new Map<string, Buffer>();
      let done = false;
      const finish = (result: Result<BundleArchive, string>) => {
        if (done) return;
        done = true;
        archive.close();
        resolve(result);
      };
      archive.on('error', (e: Error) => finish(err(`archive .zip illisible (${e.message})`)));
      archive.on('end', () => {
        const missing = BUNDLE_FILE_NAMES.filter((name) => !files.has(name));
        finish(missing.length > 0 ? err(`fichier${missing.length > 1 ? 's' : ''} manquant${missing.length > 1 ? 's' : ''} dans l’archive : ${missing.join(', ')}`) : ok(files));
      });
      archive.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (!(BUNDLE_FILE_NAMES as readonly string[]).includes(name)) {
          return finish(err(`« ${name} » : fichier inattendu (un lot contient exactement ${BUNDLE_FILE_NAMES.join(', ')})`));
        }
        if (files.has(name)) return finish(err(`« ${name} » figure deux fois dans l’archive`));
        if (entry.uncompressedSize > MAX_INFLATED_FILE_BYTES) return finish(err(`« ${name} » dépasse ${MAX_INFLATED_FILE_BYTES / 1024 / 1024} Mio une fois décompressé`));
        archive.readLocalFileHeader(entry, { minimal: true }, (headerError, header) => {
          if (headerError || !header) return finish(err(`« ${name} » illisible (${headerError?.message ?? 'inconnue'})`));
          const bytes = entryBytes(entry, zip.subarray(header.fileDataStart, header.fileDataStart + entry.compressedSize));
          if (!bytes.ok) return finish(err(`« ${name} » illisible (${bytes.error})`));
          if (zlib.crc32(bytes.value) !== entry.crc32) return finish(err(`« ${name} » est altéré dans l’archive (son CRC-32 ne correspond pas)`));
          files.set(name, bytes.value);
          archive.readEntry();
        });
      });
      archive.readEntry();
    });
  });
}

/**
 * One entry's bytes, from its data in the archive (yauzl has checked the local header and that the data lies
 * inside the archive). Inflated in one call instead of through yauzl's read stream, which feeds zlib 64 KiB at a
 * time with a trip through the thread pool for each (≈ 18 ms of 25 on a bundle's 1.7 MB of PDFs); the same checks
 * as yauzl's: encrypted entries and methods other than stored (0) and deflated (8) refused, and the inflated size
 * equal to the declared one (never more than that is inflated: a zip bomb stops at its declared size).
 */
function entryBytes(entry: yauzl.Entry, data: Buffer): Result<Buffer, string> {
  if (entry.isEncrypted()) return err('fichier chiffré');
  if (entry.compressionMethod === 0) return ok(data);
  if (entry.compressionMethod !== 8) return err(`méthode de compression ${entry.compressionMethod} non prise en charge`);
  let inflated: Buffer;
  try {
    inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    const tooLong = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    return err(tooLong ? `plus d’octets une fois décompressé que les ${entry.uncompressedSize} annoncés` : `données compressées invalides : ${(error as Error).message}`);
  }
  if (inflated.length !== entry.uncompressedSize) return err(`${inflated.length} octets une fois décompressé, ${entry.uncompressedSize} annoncés`);
  return ok(inflated);
}
