import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackageList, PlatformRefusal } from '../../shared/formats/platform-api';
import { CommandError, type CommandIo } from '../command-error';
import { runPlatform, type PlatformCommands } from '../main';
import { openssl } from '../testing/openssl';
import * as crlModule from './crl-command';
import * as initModule from './init-command';
import * as issueCentreModule from './issue-centre-command';
import * as publishModule from './publish-command';
import * as revokeModule from './revoke-command';
import { serveCommand, TLS_CERTIFICATE_FILE, type ServeHandle } from './serve-command';

// Issue 9 §3 — `publish` and `serve` from an authority folder made by `init` (SQLite file in the folder; the
// routes themselves run on both stores in server/platform-server.test.ts). The client trusts authority.pem only.
const PASSPHRASE = 'phrase de passe de l’autorité, très longue';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-platform-serve-cli-'));
const dir = path.join(root, 'authority');
const commands: PlatformCommands = {
  init: () => initModule, issueCentre: () => issueCentreModule, revoke: () => revokeModule, crl: () => crlModule, publish: () => publishModule,
  serve: () => { throw new Error('serve is started with serveCommand in this test'); },
};
const io = (): CommandIo & { lines: string[] } => {
  const lines: string[] = [];
  return { env: { PASSATION_AUTHORITY_PASSPHRASE: PASSPHRASE }, out: (l) => lines.push(l), now: () => new Date(), lines };
};
async function run(argv: string[]): Promise<{ lines: string[]; error: CommandError | null }> {
  const context = io();
  try {
    await runPlatform(argv, context, commands);
    return { lines: context.lines, error: null };
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return { lines: context.lines, error };
  }
}
const pkgFile = path.join(root, 'contenu.json');
const content = { format: 'passation/content-package', formatVersion: 1, id: 'referentiel-2026', version: '2026.1', publishedAt: '2026-01-05T00:00:00Z', locales: ['fr'], areas: [], competences: [], tubes: [], skills: [], challenges: [], assets: [] };
let served: ServeHandle;

function get(url: string, method = 'GET', body?: Buffer): Promise<{ status: number; json: unknown }> {
  const ca = fs.readFileSync(path.join(dir, 'authority.pem'), 'utf8');
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method, ca }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

beforeAll(async () => {
  expect((await run(['init', dir])).error).toBeNull();
  fs.writeFileSync(pkgFile, JSON.stringify(content));
});
afterAll(async () => {
  await served?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('publish', () => {
  it('signs and publishes a content package once; a second time, or an invalid one, is refused in French', async () => {
    const done = await run(['publish', dir, '--kind', 'content', '--file', pkgFile]);
    expect(done.error).toBeNull();
    expect(done.lines[0]).toBe('Paquet de contenu referentiel-2026 version 2026.1 publié et signé');
    const again = await run(['publish', dir, '--kind', 'content', '--file', pkgFile]);
    expect(again.error?.message).toContain('est déjà publié');
    const bad = path.join(root, 'mauvais.json');
    fs.writeFileSync(bad, JSON.stringify({ ...content, id: 'a b' }));
    expect((await run(['publish', dir, '--kind', 'content', '--file', bad])).error?.message).toContain('paquet de contenu invalide :\nid : identifiant invalide');
    expect((await run(['publish', dir, '--kind', 'autre', '--file', pkgFile])).error?.exitCode).toBe(2);
  });
});

describe('serve', () => {
  it('listens over HTTPS with a certificate the authority issued for 127.0.0.1, and serves the published package', async () => {
    const context = io();
    served = await serveCommand(dir, { port: '0', host: '127.0.0.1' }, context);
    expect(context.lines[0]).toBe(`Plateforme Passation à l’écoute : ${served.platform.url} (base sqlite)`);
    const tls = path.join(dir, TLS_CERTIFICATE_FILE);
    const verified = openssl(['verify', '-CAfile', path.join(dir, 'authority.pem'), '-purpose', 'sslserver', '-verify_ip', '127.0.0.1', tls]);
    expect(verified.stdout, verified.stderr).toContain(': OK');
    const list = PackageList.parse((await get(`${served.platform.url}/api/packages`)).json);
    expect(list.packages.map((p) => `${p.kind} ${p.packageId} ${p.version}`)).toEqual(['content referentiel-2026 2026.1']);
    const refused = await get(`${served.platform.url}/api/bundles`, 'POST', Buffer.from('pas un zip'));
    expect(refused.status).toBe(400);
    expect(PlatformRefusal.parse(refused.json).error.check).toBe('archive');
  });

  it('a wrong passphrase opens nothing', async () => {
    const context = { ...io(), env: { PASSATION_AUTHORITY_PASSPHRASE: 'pas la bonne phrase de passe' } };
    await expect(serveCommand(dir, { port: '0' }, context)).rejects.toThrow('phrase de passe incorrecte');
  });
});
