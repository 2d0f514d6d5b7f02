import crypto from 'node:crypto';
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
import * as reviewModule from './review-command';
import type { CandidateResult } from '../storage/platform-store';
import { openSqliteStore } from '../storage/sqlite-store';
import { serveCommand, TLS_CERTIFICATE_FILE, type ServeHandle } from './serve-command';

// Issue 9 §3 — `publish` and `serve` from an authority folder made by `init` (SQLite file in the folder; the
// routes themselves run on both stores in server/platform-server.test.ts). The client trusts authority.pem only.
const PASSPHRASE = 'phrase de passe de l’autorité, très longue';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-platform-serve-cli-'));
const dir = path.join(root, 'authority');
const commands: PlatformCommands = {
  init: () => initModule, issueCentre: () => issueCentreModule, revoke: () => revokeModule, crl: () => crlModule, publish: () => publishModule,
  serve: () => { throw new Error('serve is started with serveCommand in this test'); }, review: () => reviewModule,
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

  it('R-PUB-1 review: a result held for review is not found; `review publish` makes the look-up find it, `review reject` never', async () => {
    const store = openSqliteStore(path.join(dir, 'platform.sqlite'));
    const codes = ['P-3KYHMTR7', 'P-4BCDFGHJ'];
    try {
      const now = new Date().toISOString();
      const serialHex = '4a0b0c0d0e0f';
      expect((await store.recordCertificate({ serialHex, kind: 'centre', centreId: '0123456A', subject: 'O=Lycée Érable, CN=0123456A', fingerprintSha256: 'AA',
        notBefore: now, notAfter: now, certificatePem: 'pem', issuedAt: now }, { centreId: '0123456A', name: 'Lycée Érable', createdAt: now })).ok).toBe(true);
      const archive = Buffer.from('lot reçu');
      const held = (candidateId: number, verificationCode: string): CandidateResult => ({ verificationCode, candidateId, lastName: 'Dupré', firstName: 'Élodie', birthDate: '2008-02-29', examDate: '2026-03-02',
        status: 'validated' as const, pix: 312, maxLevel: 7, competences: [{ code: '1.1', level: 3, pix: 24 }], reason: null, publishedAt: null });
      expect((await store.storeBundle({ sha256: crypto.createHash('sha256').update(archive).digest('hex'), centreId: '0123456A', certificateSerialHex: serialHex,
        sessionNumber: 42, sessionDate: '2026-03-02', receivedAt: now, archive, receipt: Buffer.from('reçu') }, codes.map((c, i) => held(i + 1, c)))).ok).toBe(true);
    } finally {
      await store.close();
    }
    const lookUp = (code: string) => get(`${served.platform.url}/api/verification/${code}`);
    expect((await lookUp(codes[0]!)).status).toBe(404);
    const listed = await run(['review', dir, 'list']);
    expect(listed.error).toBeNull();
    expect(listed.lines[0]).toBe('2 résultat(s) validé(s) en attente de revue (signalement C1 ou C6), non publiés :');
    expect(listed.lines[1]).toContain(`${codes[0]}  Dupré Élodie (né(e) le 2008-02-29)  312 pix  session du 2026-03-02  Lycée Érable (0123456A)`);

    expect((await run(['review', dir, 'publish', codes[0]!])).error).toMatchObject({ exitCode: 2, message: expect.stringContaining('--by') });
    expect((await run(['review', dir, 'reject', codes[1]!, '--by', 'Mme Martin'])).error).toMatchObject({ exitCode: 2, message: expect.stringContaining('--reason') });
    expect((await run(['review', dir, 'approve', codes[0]!])).error?.exitCode).toBe(2);
    const published = await run(['review', dir, 'publish', codes[0]!.toLowerCase(), '--by', 'Mme Martin', '--reason', 'PV d’incident lu']);
    expect(published.error).toBeNull();
    expect(published.lines[0]).toMatch(/^Publié le .+ par Mme Martin : P-3KYHMTR7 .+La recherche par code de vérification le trouve désormais\.$/);
    const found = await lookUp(codes[0]!);
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ verificationCode: codes[0], pix: 312, centreName: 'Lycée Érable' });

    const rejected = await run(['review', dir, 'reject', codes[1]!, '--by', 'Mme Martin', '--reason', 'fraude avérée (C6)']);
    expect(rejected.error).toBeNull();
    expect((await lookUp(codes[1]!)).status).toBe(404);
    expect((await run(['review', dir, 'list'])).lines).toEqual(['Aucun résultat n’attend de revue.']);
    expect((await run(['review', dir, 'publish', codes[1]!, '--by', 'M. Autre'])).error?.message).toBe(`le résultat ${codes[1]} n’attend pas de revue : une décision est déjà prise (rejeté)`);
    expect((await run(['review', dir, 'publish', 'P-22222222', '--by', 'M. Autre'])).error?.message).toBe('aucun résultat reçu ne porte le code de vérification P-22222222');
  });

  it('a wrong passphrase opens nothing', async () => {
    const context = { ...io(), env: { PASSATION_AUTHORITY_PASSPHRASE: 'pas la bonne phrase de passe' } };
    await expect(serveCommand(dir, { port: '0' }, context)).rejects.toThrow('phrase de passe incorrecte');
  });
});
