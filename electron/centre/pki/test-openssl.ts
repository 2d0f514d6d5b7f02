import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Test support: the `openssl` command line as an independent oracle for the PKI tests, and a scratch
 * folder. Not used by the application.
 */
export interface OpensslRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function openssl(args: string[], input?: Buffer | string): OpensslRun {
  const run = spawnSync('openssl', args, { input, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function scratchDir(): { dir: string; write: (name: string, data: string | Buffer) => string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-pki-'));
  return {
    dir,
    write: (name, data) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
