import { spawnSync } from 'node:child_process';

/** Test support: the `openssl` command line, an oracle this project did not write. Not used by the platform. */
export function openssl(args: string[], input?: Buffer | string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('openssl', args, { input, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
