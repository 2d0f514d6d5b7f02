import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CommandIo } from '../../platform/command-error';
import { initCommand } from '../../platform/commands/init-command';
import { issueCentreCommand } from '../../platform/commands/issue-centre-command';
import { publishCommand } from '../../platform/commands/publish-command';
import { serveCommand, type ServeHandle } from '../../platform/commands/serve-command';

export interface DemoAuthority {
  dir: string;
  authorityPem: string;
  pkcs12: Buffer;
  pkcs12Password: string;
  serve: ServeHandle;
  /** What the platform commands printed (kept for a failure's message). */
  log: string[];
}

export const DEMO_CENTRE = { name: 'Collège de démonstration', centreId: '0999999Z' };

/**
 * The authority of the demo, through the platform's own commands (platform/README.md), in a temporary folder:
 * `init`, `issue-centre`, `publish` of the content and profile packages, then `serve` on 127.0.0.1 (a free port).
 * Always SQLite (DATABASE_URL is ignored: the demo's authority lives and dies with its folder).
 */
export async function startDemoAuthority(dir: string, packages: { contentFile: string; profilesFile: string }): Promise<DemoAuthority> {
  const log: string[] = [];
  const passphrase = crypto.randomBytes(18).toString('base64url');
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const io: CommandIo = { env, out: (line) => log.push(line), now: () => new Date() };
  await initCommand(dir, { passphrase, name: 'Autorité de démonstration Passation' }, io);
  const pkcs12Password = crypto.randomBytes(18).toString('base64url');
  const p12File = path.join(dir, 'centre.p12');
  await issueCentreCommand(dir, { name: DEMO_CENTRE.name, centreId: DEMO_CENTRE.centreId, out: p12File, days: '30', password: pkcs12Password, passphrase }, io);
  await publishCommand(dir, { kind: 'content', file: packages.contentFile, passphrase }, io);
  await publishCommand(dir, { kind: 'profiles', file: packages.profilesFile, passphrase }, io);
  const serve = await serveCommand(dir, { port: '0', host: '127.0.0.1', passphrase }, io);
  return { dir, authorityPem: fs.readFileSync(path.join(dir, 'authority.pem'), 'utf8'), pkcs12: fs.readFileSync(p12File), pkcs12Password, serve, log };
}
