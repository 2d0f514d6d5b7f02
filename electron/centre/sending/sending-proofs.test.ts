import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OutboxState, StoredReceiptAnswer } from '../../../shared/formats/sending';
// Test files only: a REAL authority platform (platform/) on loopback receives the bundle, as in production.
import { createRootCertificate, describeCertificate, issuePlatformSigningCertificate, issueSigningCertificate } from '../../../platform/authority/certificate-issuance';
import { exportPkcs12 } from '../../../platform/authority/pkcs12-file';
import { issueServerCertificate } from '../../../platform/authority/server-certificate';
import { publishPackage } from '../../../platform/publishing/publish-package';
import { startPlatformServer, type RunningPlatform } from '../../../platform/server/platform-server';
import type { PlatformSigner } from '../../../platform/signing/cms-sign';
import type { PlatformStore } from '../../../platform/storage/platform-store';
import { openSqliteStore } from '../../../platform/storage/sqlite-store';
import { openssl } from '../../../platform/testing/openssl';
import { sitFinaliseSign } from '../testing/signed-session';
import { startHarness, type Harness } from '../testing/test-harness';
import { testContentPackage } from '../testing/test-packages';

// Issue 9 § Proof — « Sending survives the platform being down for 60 s and a connection cut in the middle of an
// upload (a proxy on loopback that drops the socket): one receipt in the end, one stored copy on the platform. »
// Two real stations (centre servers on the WALL CLOCK, so the outbox's own timer does the retrying, as in
// production; only its backoff is shortened by configuration), each with a session sat, finalised and signed
// (the bundle carries its two signed PDFs), and a fresh real platform each, on 127.0.0.1 over HTTPS.
const OUTAGE_MS = 60_000;
const CENTRE = { organisation: 'Lycée Érable', commonName: '0123456A' };
const PASSWORD = 'mot-de-passe-du-centre-42';
const authority = createRootCertificate('Autorité de certification Passation — test', { days: 3650 });
const platformSigning = issuePlatformSigningCertificate(authority, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 365 });
const signer: PlatformSigner = { certPem: platformSigning.certPem, keyPem: platformSigning.keyPem, authorityPem: authority.certPem };
const centre = issueSigningCertificate(authority, CENTRE, { days: 365 });
const pkcs12 = exportPkcs12(centre.certPem, centre.keyPem, [authority.certPem], PASSWORD);
const tls = issueServerCertificate(authority, '127.0.0.1', 30);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-sending-proofs-'));
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

interface Platform { store: PlatformStore; file: string; running: RunningPlatform | null }
const platforms: Platform[] = [];

/** A fresh platform store (a real SQLite file) that knows the centre and publishes the content package. */
async function freshPlatform(name: string): Promise<Platform> {
  const file = path.join(scratch, `${name}.sqlite`);
  const store = openSqliteStore(file);
  const now = new Date().toISOString();
  expect((await store.recordCertificate({ ...describeCertificate(centre.certPem), kind: 'centre', centreId: CENTRE.commonName, certificatePem: centre.certPem, issuedAt: now },
    { centreId: CENTRE.commonName, name: CENTRE.organisation, createdAt: now })).ok).toBe(true);
  expect((await publishPackage(store, signer, 'content', Buffer.from(JSON.stringify(testContentPackage())), new Date())).ok).toBe(true);
  const platform = { store, file, running: null };
  platforms.push(platform);
  return platform;
}
const serve = (p: Platform, port: number) => startPlatformServer({ store: p.store, signer, tls, host: '127.0.0.1', port });

/** What the platform stored, read from its own SQLite file by another connection: the copies of each bundle. */
function storedCopies(p: Platform): { sha256: string }[] {
  const db = new Database(p.file, { readonly: true });
  try {
    return db.prepare<[], { sha256: string }>('SELECT sha256 FROM bundles').all();
  } finally {
    db.close();
  }
}

async function outbox(h: Harness): Promise<OutboxState> {
  const answer = await h.console('GET', '/sending');
  expect(answer.status, answer.text).toBe(200);
  return OutboxState.parse(answer.json);
}

async function until(h: Harness, done: (s: OutboxState) => boolean, what: string, ms: number): Promise<OutboxState> {
  const end = Date.now() + ms;
  for (;;) {
    const state = await outbox(h);
    if (done(state)) return state;
    if (Date.now() > end) throw new Error(`${what} : pas atteint, état ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The station's stored receipt, its signature checked by openssl against authority.pem. */
async function receiptCheckedByOpenssl(h: Harness, name: string): Promise<StoredReceiptAnswer> {
  const answer = await h.console('GET', '/receipt');
  expect(answer.status, answer.text).toBe(200);
  const receipt = StoredReceiptAnswer.parse(answer.json);
  const text = path.join(scratch, `${name}.json`);
  const p7s = path.join(scratch, `${name}.json.p7s`);
  const ca = path.join(scratch, 'authority.pem');
  fs.writeFileSync(text, receipt.signed.receipt);
  fs.writeFileSync(p7s, Buffer.from(receipt.signed.signature, 'base64'));
  fs.writeFileSync(ca, authority.certPem);
  const verified = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', text, '-in', p7s, '-CAfile', ca, '-purpose', 'any', '-out', '/dev/null']);
  expect(verified.stderr).toContain('Verification successful');
  return receipt;
}

let outageStation: Harness;
let cutStation: Harness;
let outageBundle: Buffer;
let cutBundle: Buffer;

beforeAll(async () => {
  // Backoff shortened by configuration (first retries after 0.75 s, 1.5 s, 3 s, then every 6 s at most); jitter fixed.
  [outageStation, cutStation] = await Promise.all([
    startHarness({ realClock: true, config: { sending: { random: () => 0.5, schedule: { baseMs: 1000, capMs: 8000 }, timeoutMs: 10_000 } } }),
    startHarness({ realClock: true, config: { sending: { random: () => 0.5, schedule: { baseMs: 4000, capMs: 8000 }, timeoutMs: 10_000 } } }),
  ]);
  outageBundle = await sitFinaliseSign(outageStation, { authorityPem: authority.certPem, pkcs12, password: PASSWORD });
  cutBundle = await sitFinaliseSign(cutStation, { authorityPem: authority.certPem, pkcs12, password: PASSWORD }, 'Bernard');
}, 120_000);
afterAll(async () => {
  for (const p of platforms) {
    await p.running?.close();
    await p.store.close();
  }
  await outageStation?.close();
  await cutStation?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('sending proofs against a real platform on loopback (issue 9 § Proof)', () => {
  test('the platform is down for a real 60 s when sending starts, then up: the outbox keeps trying on its own timer; one receipt, one stored copy', async () => {
    const h = outageStation;
    const platform = await freshPlatform('plateforme-panne');
    // A port where a platform listened, now closed: the platform is down.
    const probe = await serve(platform, 0);
    const port = probe.port;
    await probe.close();
    const set = await h.t.call('PUT', '/api/manager/platform', { token: h.managerToken, body: { platformUrl: `https://127.0.0.1:${port}` } });
    expect(set.status, set.text).toBe(200);

    const asked = await h.console('POST', '/sending', {});
    expect(asked.status, asked.text).toBe(202);
    const startedAt = Date.now();
    // During the outage: always « en attente du réseau », the platform refusing connections, nothing received.
    let failed = 0;
    while (Date.now() - startedAt < OUTAGE_MS) {
      const state = await outbox(h);
      if (state.attempts > 0) {
        expect(state.state === 'waitingForNetwork' || state.state === 'sent', JSON.stringify(state)).toBe(true);
        if (state.state === 'waitingForNetwork') expect(state.lastErrorCode).toBe('ECONNREFUSED');
        failed = Math.max(failed, state.attempts);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const outage = Date.now() - startedAt;
    const lastFailure = await outbox(h);
    expect(lastFailure.state).toBe('waitingForNetwork');
    // Still trying at the end of the outage: the last failed attempt is in its final 10 s (the backoff's cap is 8 s).
    expect(Date.parse(lastFailure.lastAttemptAt!)).toBeGreaterThan(startedAt + OUTAGE_MS - 10_000);
    expect(failed).toBeGreaterThanOrEqual(8);
    expect(h.t.db.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(0);
    expect(outage).toBeGreaterThanOrEqual(OUTAGE_MS);

    platform.running = await serve(platform, port);
    const received = await until(h, (s) => s.state === 'received', 'reçu après la panne', 20_000);
    expect(received.attempts).toBeGreaterThan(failed);
    expect(received.lastErrorCode).toBeNull();
    expect(h.t.db.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(1);
    expect(storedCopies(platform)).toEqual([{ sha256: sha256(outageBundle) }]);
    const receipt = await receiptCheckedByOpenssl(h, 'recu-panne');
    expect(receipt.bundleSha256).toBe(sha256(outageBundle));
    expect(receipt.candidates.map((c) => c.lastName)).toEqual(['Dupont']);
    console.log(`panne de ${Math.round(outage / 1000)} s : ${failed} essais refusés, reçu à l’essai ${received.attempts}`);
  }, OUTAGE_MS + 60_000);

  test('a connection cut in the middle of the upload (a proxy drops both sockets half-way through the body): nothing stored, retried, one receipt, one copy', async () => {
    const h = cutStation;
    const platform = await freshPlatform('plateforme-coupure');
    platform.running = await serve(platform, 0);
    const upstreamPort = platform.running.port;
    let connections = 0;
    let cutAt = 0;
    const proxy = net.createServer((client) => {
      connections += 1;
      const upstream = net.connect(upstreamPort, '127.0.0.1');
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      if (connections > 1) return void client.pipe(upstream);
      // The first connection: forwarded until half the bundle's size went up (TLS handshake included), then cut.
      let forwarded = 0;
      client.on('data', (chunk: Buffer) => {
        const half = Math.floor(cutBundle.length / 2);
        if (forwarded + chunk.length >= half) {
          // Exactly up to the half (one loopback chunk can hold most of a small bundle), then both sockets cut.
          cutAt = half;
          client.pause();
          upstream.write(chunk.subarray(0, half - forwarded), () => {
            client.destroy();
            upstream.destroy();
          });
          return;
        }
        forwarded += chunk.length;
        upstream.write(chunk);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    try {
      const set = await h.t.call('PUT', '/api/manager/platform', { token: h.managerToken, body: { platformUrl: `https://127.0.0.1:${(proxy.address() as net.AddressInfo).port}` } });
      expect(set.status, set.text).toBe(200);
      expect((await h.console('POST', '/sending', {})).status).toBe(202);

      const cut = await until(h, (s) => s.attempts === 1 && s.state === 'waitingForNetwork', 'coupure', 15_000);
      expect(cut.lastErrorCode).toMatch(/^(ECONNRESET|EPIPE|ECONNABORTED)$/);
      // Mid-body: well past the TLS handshake (a few kB), well before the end of the bundle (≈ 60 KB since the PDFs
      // embed only the glyphs they draw).
      expect(cutBundle.length).toBeGreaterThan(40_000);
      expect(cutAt).toBeGreaterThan(16 * 1024);
      expect(cutAt).toBeLessThan(cutBundle.length);
      // The platform stored nothing of the cut upload.
      expect(storedCopies(platform)).toEqual([]);

      const received = await until(h, (s) => s.state === 'received', 'reçu après la coupure', 20_000);
      expect(received.attempts).toBe(2);
      expect(connections).toBe(2);
      expect(h.t.db.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(1);
      expect(storedCopies(platform)).toEqual([{ sha256: sha256(cutBundle) }]);
      const receipt = await receiptCheckedByOpenssl(h, 'recu-coupure');
      expect(receipt.bundleSha256).toBe(sha256(cutBundle));
      console.log(`coupure après ${cutAt} octets sur ${cutBundle.length} : reçu à l’essai ${received.attempts}`);
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  }, 60_000);
});
