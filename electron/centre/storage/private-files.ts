import fs from 'node:fs';

/**
 * The data folder holds every solution (centre.sqlite), the station's TLS key and the backups: on systems with
 * POSIX permissions, its folders are the owner's only (0700) and its files too (0600). Windows keeps the ACLs
 * of the user's profile folder (the modes mean nothing there).
 */
const ownerOnly = process.platform !== 'win32';
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and its parents) if needed, and makes it the owner's only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (ownerOnly) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file the owner's only; a missing file is left missing. */
export function makePrivate(file: string): void {
  if (ownerOnly && fs.existsSync(file)) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Creates the file empty with owner-only permissions if it does not exist (before a library creates it 0644). */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  makePrivate(file);
}

/** Writes a file readable by its owner only. */
export function writePrivateFile(file: string, data: string): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makePrivate(file);
}
