import yazl from 'yazl';

/** A file of the bundle: its name inside the `.zip` and its exact bytes. */
export interface BundleFile {
  name: string;
  bytes: Buffer;
}

/** The names every bundle holds (architecture §2); the PDFs come as extra files. */
export const RESULTS_FILE = 'results.json';
export const SIGNATURE_FILE = 'results.json.p7s';
export const README_FILE = 'LISEZMOI.txt';
const RESERVED = new Set([RESULTS_FILE, SIGNATURE_FILE, README_FILE]);
/** A plain file name: letters, digits, `.`, `-`, `_`; no folder, no leading dot. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
const FILE_MODE = 0o100644;

/** The file name of a session's bundle, as exported and downloaded. */
export function bundleFileName(sessionNumber: number): string {
  return `resultats-session-${sessionNumber}.zip`;
}

/** The bundle's files in their order: results, signature, readme, then the extra files (the PDFs) as given. */
export function bundleFiles(parts: { results: Buffer; signature: Buffer; readme: string; extraFiles?: readonly BundleFile[] }): BundleFile[] {
  const extra = parts.extraFiles ?? [];
  const seen = new Set<string>();
  for (const file of extra) {
    // Bugs of the caller, not user errors: the extra files are built by the station.
    if (!FILE_NAME.test(file.name)) throw new Error(`nom de fichier refusé dans le lot de résultats : « ${file.name} »`);
    if (RESERVED.has(file.name) || seen.has(file.name)) throw new Error(`fichier en double dans le lot de résultats : « ${file.name} »`);
    seen.add(file.name);
  }
  return [
    { name: RESULTS_FILE, bytes: parts.results },
    { name: SIGNATURE_FILE, bytes: parts.signature },
    { name: README_FILE, bytes: Buffer.from(parts.readme, 'utf8') },
    ...extra,
  ];
}

/**
 * The results bundle as one `.zip` (yazl): the files in the given order, each dated `modifiedAt` (the signing
 * time), mode 0644, deflated. Same files and same date: the same bytes (the station also keeps the bytes it built).
 */
export function zipBundle(files: readonly BundleFile[], modifiedAt: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(file.bytes, file.name, { mtime: modifiedAt, mode: FILE_MODE, compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
