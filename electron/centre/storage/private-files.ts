import fs from 'node:fs';
import path from 'node:path';

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

/**
 * Writes an owner-only file whole or not at all: a temporary file beside it, flushed to disk (fsync), renamed
 * over the target, then the folder flushed so the rename survives a power cut. A crash leaves the old file or
 * the new one, never half of one (the centre key's stores: signing/centre-key-store.ts, electron/station/).
 */
export function writeFileAtomically(file: string, data: string | Buffer): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = fs.openSync(temporary, 'w', PRIVATE_FILE_MODE);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    makePrivate(temporary);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform !== 'win32') {
    const dir = fs.openSync(path.dirname(file), 'r');
    try { fs.fsyncSync(dir); } finally { fs.closeSync(dir); }
  }
}
