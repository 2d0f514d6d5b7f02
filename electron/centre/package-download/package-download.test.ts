import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PackageDownload } from '../../../shared/formats/platform-api';
// Test files only: a REAL authority platform (platform/) on loopback publishes the packages, as in production.
import { createRootCertificate, issuePlatformSigningCertificate, issueSigningCertificate } from '../../../platform/authority/certificate-issuance';
import { issueServerCertificate } from '../../../platform/authority/server-certificate';
import { publishPackage } from '../../../platform/publishing/publish-package';
import { startPlatformServer, type RunningPlatform } from '../../../platform/server/platform-server';
import { signDetached as platformSign, type PlatformSigner } from '../../../platform/signing/cms-sign';
import type { PlatformStore } from '../../../platform/storage/platform-store';
import { sqliteEngine } from '../../../platform/storage/store-test-engines';
import { SESSION_INPUT, startTestServer, type TestServer } from '../testing/test-server';
import { testContentPackage, testProfilePackage, testPupil } from '../testing/test-packages';
import { getFromPlatform } from './platform-get';

// Issue 9 §2 — the station downloads signed packages from a real platform over HTTPS on 127.0.0.1 (trusting
// authority.pem only) into a real centre server with a real SQLite file; a tampered or foreign-signed package is
// refused exactly as a file import would be, and nothing is imported.
const authority = createRootCertificate('Autorité de certification Passation — test', { days: 3650 });
const platformSigning = issuePlatformSigningCertificate(authority, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 365 });
const signer: PlatformSigner = { certPem: platformSigning.certPem, keyPem: platformSigning.keyPem, authorityPem: authority.certPem };
const tls = issueServerCertificate(authority, '127.0.0.1', 30);
const content = testContentPackage();
const profiles = testProfilePackage([testPupil('INE-1', 'Dupont', 'Marie', '2010-03-04')]);

let t: TestServer;
let M: string;
let store: PlatformStore;
let cleanup: () => Promise<void>;
let platform: RunningPlatform;
const fakes: https.Server[] = [];

const packageRows = () => t.db.prepare('SELECT count(*) FROM packages').pluck().get() as number;
const setPlatform = (url: string) => t.call('PUT', '/api/manager/platform', { token: M, body: { platformUrl: url } });
const download = (body: unknown) => t.call('POST', '/api/manager/platform/packages', { token: M, body });

/** An HTTPS server with a certificate of the same authority (so TLS passes) that answers `answer` to any GET. */
async function fakePlatform(answer: unknown, certificate = tls): Promise<string> {
  const server = https.createServer({ cert: certificate.certPem, key: certificate.keyPem }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fakes.push(server);
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The genuine download the platform gives for a package, as the station receives it. */
async function genuine(kind: 'content' | 'profiles', id: string): Promise<PackageDownload> {
  const got = await getFromPlatform(platform.url, `/api/packages/${kind}/${id}/latest`, authority.certPem);
  if (got.kind !== 'answered') throw new Error(JSON.stringify(got));
  return PackageDownload.parse(got.body);
}

beforeAll(async () => {
  t = await startTestServer();
  M = await t.loginManager();
  ({ store, cleanup } = await sqliteEngine.fresh());
  expect((await publishPackage(store, signer, 'content', Buffer.from(JSON.stringify(content)), new Date())).ok).toBe(true);
  expect((await publishPackage(store, signer, 'profiles', Buffer.from(JSON.stringify(profiles)), new Date())).ok).toBe(true);
  platform = await startPlatformServer({ store, signer, tls, host: '127.0.0.1', port: 0 });
}, 60_000);
afterAll(async () => {
  for (const f of fakes) f.close();
  await platform?.close();
  await t?.close();
  await store?.close();
  await cleanup?.();
});

describe('packages downloaded from the platform (issue 9 §2)', () => {
  test('before the platform address and authority.pem are set: 409 with the French reason; nothing imported', async () => {
    const noUrl = await download({ kind: 'content', packageId: content.id });
    expect(noUrl.status).toBe(409);
    expect(noUrl.json.error.code).toBe('noPlatformUrl');
    expect((await setPlatform(platform.url)).status).toBe(200);
    const noCa = await t.call('GET', '/api/manager/platform/packages', { token: M });
    expect(noCa.status).toBe(409);
    expect(noCa.json.error.code).toBe('noTrustedAuthority');
    expect(noCa.json.error.message).toContain('authority.pem');
    expect(packageRows()).toBe(0);
    fs.writeFileSync(path.join(t.dataDir, 'authority.pem'), authority.certPem);
  });

  test('the manager only: an invigilator or no token cannot list or download', async () => {
    expect((await t.call('GET', '/api/manager/platform/packages')).status).toBe(401);
    expect((await t.call('POST', '/api/manager/platform/packages', { body: { kind: 'content', packageId: content.id } })).status).toBe(401);
    const created = await t.call('POST', '/api/manager/sessions', { token: M, body: SESSION_INPUT });
    expect(created.status, created.text).toBe(201);
    const login = await t.call('POST', '/api/console/login', { body: { sessionNumber: created.json.session.number, password: created.json.invigilatorPassword } });
    expect(login.status, login.text).toBe(200);
    const I = login.json.token as string;
    for (const [method, body] of [['GET', undefined], ['POST', { kind: 'content', packageId: content.id }]] as const) {
      const refused = await t.call(method, '/api/manager/platform/packages', { token: I, body });
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('managerOnly');
    }
    expect(packageRows()).toBe(0);
  });

  test('the platform’s list, as it publishes it', async () => {
    const listed = await t.call('GET', '/api/manager/platform/packages', { token: M });
    expect(listed.status, listed.text).toBe(200);
    const byKind = new Map(listed.json.packages.map((p: { kind: string; packageId: string }) => [p.kind, p.packageId]));
    expect(byKind).toEqual(new Map([['content', content.id], ['profiles', profiles.id]]));
  });

  test('download ok: content and profiles imported, verified against authority.pem, signed by the platform; again: 200, not twice', async () => {
    const got = await download({ kind: 'content', packageId: content.id });
    expect(got.status, got.text).toBe(201);
    expect(got.json.package).toMatchObject({ kind: 'content', packageId: content.id, version: content.version });
    expect(got.json.package.signer).toContain('Signature de la plateforme');
    // The station keeps the platform's exact bytes and signature.
    const kept = t.db.prepare('SELECT body, signature FROM packages WHERE id = ?').get(got.json.package.id) as { body: string; signature: Buffer };
    const published = (await store.publishedPackage('content', content.id, null))!;
    expect(Buffer.from(kept.body, 'utf8').equals(published.document)).toBe(true);
    expect(kept.signature.equals(published.signature)).toBe(true);

    const prof = await download({ kind: 'profiles', packageId: profiles.id, version: profiles.generatedAt });
    expect(prof.status, prof.text).toBe(201);
    expect(prof.json.package).toMatchObject({ kind: 'profile', packageId: profiles.id, version: profiles.generatedAt });

    const again = await download({ kind: 'content', packageId: content.id, version: content.version });
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    expect(packageRows()).toBe(2);
    // Usable at once by a session, like a file import.
    const listed = await t.call('GET', '/api/manager/packages', { token: M });
    expect(listed.json.packages.map((p: { kind: string }) => p.kind).sort()).toEqual(['content', 'profile']);
  });

  test('not published: 404 packageNotPublished with the platform’s reason; a bad request body: 400 naming the field', async () => {
    const missing = await download({ kind: 'content', packageId: 'pas-publie' });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('packageNotPublished');
    expect(missing.json.error.message).toContain('non publié');
    const bad = await download({ kind: 'profile', packageId: content.id });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('kind');
  });

  test('a tampered package (one byte of the document changed, its announced SHA-256 updated to match) is refused: signature refusée, nothing imported', async () => {
    const real = await genuine('content', content.id);
    const bytes = Buffer.from(real.document, 'base64');
    const text = bytes.toString('utf8').replace('"Domaine 1"', '"Domaine X"');
    expect(text).not.toBe(bytes.toString('utf8'));
    const altered = Buffer.from(text, 'utf8');
    const before = packageRows();
    expect((await setPlatform(await fakePlatform({ ...real, document: altered.toString('base64'), sha256: crypto.createHash('sha256').update(altered).digest('hex'), bytes: altered.length }))).status).toBe(200);
    // A new package row would be created if it were accepted (its bytes differ from the one stored).
    const refused = await download({ kind: 'content', packageId: content.id });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.error.code).toBe('packageRefused');
    expect(refused.json.error.message).toMatch(/^Paquet refusé : signature refusée : .*Rien n’a été importé\.$/);
    expect(packageRows()).toBe(before);
  });

  test('bytes that are not those announced (a transfer changed them): refused before the signature, nothing imported', async () => {
    const real = await genuine('content', content.id);
    const bytes = Buffer.from(real.document, 'base64');
    bytes[10]! ^= 0x01;
    expect((await setPlatform(await fakePlatform({ ...real, document: bytes.toString('base64') }))).status).toBe(200);
    const refused = await download({ kind: 'content', packageId: content.id });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain('ne sont pas ceux que la plateforme annonce');
    expect(packageRows()).toBe(2);
  });

  test('a foreign-signed package (a new version, validly signed under another authority) is refused, nothing imported', async () => {
    const pirate = createRootCertificate('Autorité pirate', { days: 365 });
    const pirateSigner = issueSigningCertificate(pirate, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 365 });
    const other = Buffer.from(JSON.stringify({ ...content, version: '2-pirate' }));
    const answer: PackageDownload = {
      kind: 'content', packageId: content.id, version: '2-pirate', sha256: crypto.createHash('sha256').update(other).digest('hex'), bytes: other.length,
      publishedAt: new Date().toISOString(), document: other.toString('base64'),
      signature: platformSign(other, { certPem: pirateSigner.certPem, keyPem: pirateSigner.keyPem, authorityPem: pirate.certPem }, new Date()).toString('base64'),
    };
    expect((await setPlatform(await fakePlatform(answer))).status).toBe(200);
    const refused = await download({ kind: 'content', packageId: content.id, version: '2-pirate' });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.error.message).toMatch(/^Paquet refusé : signature refusée : le certificat du signataire n’est pas émis par l’autorité de confiance/);
    expect(t.db.prepare("SELECT count(*) FROM packages WHERE version = '2-pirate'").pluck().get()).toBe(0);
    expect(packageRows()).toBe(2);
  });

  test('another package than the one asked for (genuinely signed): refused, nothing imported', async () => {
    const real = await genuine('profiles', profiles.id);
    expect((await setPlatform(await fakePlatform({ ...real, kind: 'content', packageId: content.id }))).status).toBe(200);
    const refused = await download({ kind: 'content', packageId: content.id });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain('pas le paquet annoncé');
    expect(packageRows()).toBe(2);
  });

  test('a platform whose TLS certificate is not the authority’s, or none listening: 502 platformUnreachable', async () => {
    const stranger = createRootCertificate('Autre autorité', { days: 30 });
    const strangerTls = issueServerCertificate(stranger, '127.0.0.1', 30);
    const real = await genuine('content', content.id);
    expect((await setPlatform(await fakePlatform(real, strangerTls))).status).toBe(200);
    const untrusted = await download({ kind: 'content', packageId: content.id });
    expect(untrusted.status).toBe(502);
    expect(untrusted.json.error.code).toBe('platformUnreachable');
    const probe = await startPlatformServer({ store, signer, tls, host: '127.0.0.1', port: 0 });
    await probe.close();
    expect((await setPlatform(probe.url)).status).toBe(200);
    const down = await t.call('GET', '/api/manager/platform/packages', { token: M });
    expect(down.status).toBe(502);
    expect(down.json.error.message).toContain('ECONNREFUSED');
    expect(packageRows()).toBe(2);
  });
});
