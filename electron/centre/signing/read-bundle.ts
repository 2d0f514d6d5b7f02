import yauzl from 'yauzl';
import type { BundleFile } from './results-bundle';

/** A bundle holds a handful of files; anything bigger than this is not one of ours (a zip bomb, a wrong file). */
export const MAX_BUNDLE_FILES = 32;
export const MAX_BUNDLE_FILE_BYTES = 64 * 1024 * 1024;

export type ReadBundleResult = { ok: true; files: BundleFile[] } | { ok: false; reason: string };

/**
 * The files of a results bundle (.zip), in their order: plain files only (no folder, no path), each at most
 * 64 MiB once inflated, names unique. For `passation export` and, later, `passation verify`.
 */
export function readBundle(zip: Buffer): Promise<ReadBundleResult> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, archive) => {
      if (error || !archive) {
        resolve({ ok: false, reason: `archive .zip illisible (${error?.message ?? 'inconnue'})` });
        return;
      }
      const files: BundleFile[] = [];
      const fail = (reason: string) => {
        archive.close();
        resolve({ ok: false, reason });
      };
      archive.on('error', (e: Error) => fail(`archive .zip illisible (${e.message})`));
      archive.on('end', () => resolve({ ok: true, files }));
      archive.on('entry', (entry: yauzl.Entry) => {
        if (files.length >= MAX_BUNDLE_FILES) return fail(`plus de ${MAX_BUNDLE_FILES} fichiers dans l’archive`);
        if (entry.fileName.includes('/') || entry.fileName.includes('\\')) return fail(`« ${entry.fileName} » : un lot de résultats ne contient pas de dossier`);
        if (files.some((f) => f.name === entry.fileName)) return fail(`« ${entry.fileName} » figure deux fois dans l’archive`);
        if (entry.uncompressedSize > MAX_BUNDLE_FILE_BYTES) return fail(`« ${entry.fileName} » dépasse ${MAX_BUNDLE_FILE_BYTES / 1024 / 1024} Mio`);
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(`« ${entry.fileName} » illisible (${streamError?.message ?? 'inconnue'})`);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', (e: Error) => fail(`« ${entry.fileName} » illisible (${e.message})`));
          stream.on('end', () => {
            files.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}
