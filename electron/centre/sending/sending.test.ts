import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RECEIPT_SIGNING_USAGE, SignedReceipt } from '../../../shared/formats/platform-api';
import { OutboxState, StoredReceiptAnswer } from '../../../shared/formats/sending';
import { rightAnswerFor, wrongAnswerFor } from '../../../shared/testing/simulated-answer';
// Test files only: a REAL authority platform (platform/) on loopback receives the bundle, as in production.
import { createRootCertificate, describeCertificate, issuePlatformSigningCertificate, issueSigningCertificate } from '../../../platform/authority/certificate-issuance';
import { exportPkcs12 } from '../../../platform/authority/pkcs12-file';
import { issueServerCertificate } from '../../../platform/authority/server-certificate';
import { publishPackage } from '../../../platform/publishing/publish-package';
import { startPlatformServer, type RunningPlatform } from '../../../platform/server/platform-server';
import { signDetached as platformSign, type PlatformSigner } from '../../../platform/signing/cms-sign';
import type { PlatformStore } from '../../../platform/storage/platform-store';
import { sqliteEngine } from '../../../platform/storage/store-test-engines';
import { openssl } from '../../../platform/testing/openssl';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { testContentPackage } from '../testing/test-packages';
import https from 'node:https';
import net from 'node:net';
import { requestSending, setPlatformUrl, startAttempt, storedReceipt } from './outbox';
import { uploadBundle } from './platform-upload';
import { createSender } from './sender';
import { checkSignedReceipt } from './receipt-check';
import { openDatabase } from '../storage/database';
import { createCentreServer } from '../centre-server';
import { testTls } from '../testing/test-server';

// Issue 9 §2 — the outbox against a real platform over HTTPS on 127.0.0.1: the station trusts authority.pem only.
// Real station, real SQLite, a real session sat, finalised and signed with a PKCS#12 the authority issued.
const CENTRE = { organisation: 'Lycée Érable', commonName: '0123456A' };
const PKCS12_PASSWORD = 'mot-de-passe-du-centre-42';
const authority = createRootCertificate('Autorité de certification Passation — test', { days: 3650 });
const platformSigning = issuePlatformSigningCertificate(authority, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 365 });
const signer: PlatformSigner = { certPem: platformSigning.certPem, keyPem: platformSigning.keyPem, authorityPem: authority.certPem };
const centre = issueSigningCertificate(authority, CENTRE, { days: 365 });
const platformTls = issueServerCertificate(authority, '127.0.0.1', 30);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-sending-'));
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

let harness: Harness;
let store: PlatformStore;
let cleanupStore: () => Promise<void>;
let platform: RunningPlatform | null = null;
let bundle: Buffer;
const offlineStation = path.join(scratch, 'poste-sans-reseau');
const restartDb = path.join(scratch, 'poste-redemarre.sqlite');
const cutDb = path.join(scratch, 'poste-coupure.sqlite');
const consoleImportStation = path.join(scratch, 'poste-import-console');
const addressChangeStation = path.join(scratch, 'poste-adresse-changee');
const BIN = path.join(__dirname, '..', '..', '..', 'bin', 'passation.js');

/** The real command line, in a child process (asynchronous: the platform answers from this process meanwhile). */
function passation(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: scratch });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function sitFinaliseSign(h: Harness): Promise<Buffer> {
  const content = testContentPackage();
  const byId = new Map(content.challenges.map((c) => [c.id, c]));
  const kiosk = await h.pairKiosk('Poste Dupont');
  const { entry, test: started } = await enterTest(h, kiosk, 'Dupont');
  expect(started.status, started.text).toBe(200);
  const ids = (started.json.challenges as { challengeId: string }[]).map((c) => c.challengeId);
  for (const [i, id] of ids.entries()) {
    const challenge = byId.get(id)!;
    const answer = i === 3 ? wrongAnswerFor(challenge) : rightAnswerFor(challenge);
    const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId: id, answer, clientAnswerId: `c-${id}`, elapsedMs: 4000, timedOut: false, focusLost: false });
    expect(ack.status, ack.text).toBe(200);
  }
  const finalised = await h.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false, candidates: [] });
  expect(finalised.status, finalised.text).toBe(200);
  fs.writeFileSync(path.join(h.t.dataDir, 'authority.pem'), authority.certPem);
  const p12 = exportPkcs12(centre.certPem, centre.keyPem, [authority.certPem], PKCS12_PASSWORD);
  const imported = await h.t.call('POST', '/api/manager/centre-key', { token: h.managerToken, body: { pkcs12: p12.toString('base64'), password: PKCS12_PASSWORD } });
  expect(imported.status, imported.text).toBe(201);
  const signed = await h.console('POST', '/signature', { passphrase: PKCS12_PASSWORD });
  expect(signed.status, signed.text).toBe(201);
  return (await h.console('GET', '/bundle')).body;
}

const startPlatform = (port: number) => startPlatformServer({ store, signer, host: '127.0.0.1', port, tls: platformTls });

async function outbox(): Promise<OutboxState> {
  const answer = await harness.console('GET', '/sending');
  expect(answer.status, answer.text).toBe(200);
  return OutboxState.parse(answer.json);
}

/** Polls the outbox (real time) until `done` holds; the station's own timer does the sending. */
async function until(done: (s: OutboxState) => boolean, what: string, ms = 15_000): Promise<OutboxState> {
  const end = Date.now() + ms;
  for (;;) {
    const state = await outbox();
    if (done(state)) return state;
    if (Date.now() > end) throw new Error(`${what} : pas atteint, état ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // Jitter fixed at the middle, delays of 200 ms × 2^n of the station's clock (the test moves it).
  harness = await startHarness({ config: { sending: { random: () => 0.5, schedule: { baseMs: 200, capMs: 60_000 }, timeoutMs: 5000 } } });
  bundle = await sitFinaliseSign(harness);
  // A copy of the station as it is once signed, before any sending: the USB-key path imports its receipt there.
  fs.mkdirSync(offlineStation);
  await harness.t.db.backup(path.join(offlineStation, 'centre.sqlite'));
  fs.writeFileSync(path.join(offlineStation, 'authority.pem'), authority.certPem);
  fs.mkdirSync(addressChangeStation);
  await harness.t.db.backup(path.join(addressChangeStation, 'centre.sqlite'));
  fs.writeFileSync(path.join(addressChangeStation, 'authority.pem'), authority.certPem);
  fs.mkdirSync(consoleImportStation);
  await harness.t.db.backup(path.join(consoleImportStation, 'centre.sqlite'));
  fs.writeFileSync(path.join(consoleImportStation, 'authority.pem'), authority.certPem);
  await harness.t.db.backup(restartDb);
  await harness.t.db.backup(cutDb);
  ({ store, cleanup: cleanupStore } = await sqliteEngine.fresh());
  const now = new Date().toISOString();
  expect((await store.recordCertificate({ ...describeCertificate(centre.certPem), kind: 'centre', centreId: CENTRE.commonName, certificatePem: centre.certPem, issuedAt: now },
    { centreId: CENTRE.commonName, name: CENTRE.organisation, createdAt: now })).ok).toBe(true);
  expect((await publishPackage(store, signer, 'content', Buffer.from(JSON.stringify(testContentPackage())), new Date())).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await platform?.close();
  await harness?.close();
  await store?.close();
  await cleanupStore?.();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the outbox against a real platform on loopback (issue 9 §2)', () => {
  let receiptAnswer: StoredReceiptAnswer;

  test('before it is asked: notRequested; no receipt (404); an http:// platform address is refused with a French message', async () => {
    expect((await outbox()).state).toBe('notRequested');
    const none = await harness.console('GET', '/receipt');
    expect(none.status).toBe(404);
    const plain = await harness.t.call('PUT', '/api/manager/platform', { token: harness.managerToken, body: { platformUrl: 'http://127.0.0.1:1' } });
    expect(plain.status).toBe(400);
    expect(plain.text).toContain('https://');
  });

  test('platform down: the row stays « en attente du réseau » with a growing delay kept in SQLite; platform back: one receipt, one stored copy', async () => {
    // A port where the platform listened, now closed: the platform is down.
    const probe = await startPlatform(0);
    const port = probe.port;
    await probe.close();
    const set = await harness.t.call('PUT', '/api/manager/platform', { token: harness.managerToken, body: { platformUrl: `https://127.0.0.1:${port}/` } });
    expect(set.status, set.text).toBe(200);
    expect((set.json as { platformUrl: string }).platformUrl).toBe(`https://127.0.0.1:${port}`);

    const asked = await harness.console('POST', '/sending', {});
    expect(asked.status, asked.text).toBe(202);
    const delays: number[] = [];
    for (let attempts = 1; attempts <= 4; attempts++) {
      const state = await until((s) => s.attempts === attempts && s.state === 'waitingForNetwork', `tentative ${attempts}`);
      expect(state.lastErrorCode).toBe('ECONNREFUSED');
      const delay = Date.parse(state.nextTryAt!) - Date.parse(state.lastAttemptAt!);
      // The schedule is in the database, not only in memory: what the route shows is the row.
      const row = harness.t.db.prepare('SELECT attempts, next_try_at AS nextTryAt FROM outbox WHERE session_id = ?').get(harness.sessionId);
      expect(row).toEqual({ attempts, nextTryAt: state.nextTryAt });
      delays.push(delay);
      harness.t.advance(delay);
    }
    // 0.75 × 200 × 2^(n−1): the equal-jitter middle.
    expect(delays).toEqual([150, 300, 600, 1200]);
    expect(harness.t.db.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(0);

    platform = await startPlatform(port);
    const received = await until((s) => s.state === 'received', 'reçu');
    expect(received.attempts).toBe(5);
    expect(received.lastErrorCode).toBeNull();
    const first = await store.bundle(sha256(bundle));
    expect(first).not.toBeNull();

    // Asked again once received: nothing is sent, the state stays.
    const again = await harness.console('POST', '/sending', {});
    expect(OutboxState.parse(again.json)).toMatchObject({ state: 'received', attempts: 5 });
    expect(harness.t.db.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(1);
  }, 60_000);

  test('the receipt is served: the platform’s result for each candidate, its signature checked by openssl against authority.pem', async () => {
    const answer = await harness.console('GET', '/receipt');
    expect(answer.status, answer.text).toBe(200);
    receiptAnswer = StoredReceiptAnswer.parse(answer.json);
    expect(receiptAnswer.source).toBe('network');
    expect(receiptAnswer.bundleSha256).toBe(sha256(bundle));
    expect(receiptAnswer.signer).toContain('Signature de la plateforme');
    const dupont = harness.candidates.get('Dupont')!.id;
    expect(receiptAnswer.candidates.map((c) => c.candidateId)).toEqual([dupont]);
    // What the platform itself stored for that verification code.
    const onPlatform = await store.resultByVerificationCode(receiptAnswer.candidates[0]!.verificationCode);
    expect(onPlatform?.pix).toBe(receiptAnswer.candidates[0]!.pix);
    expect(onPlatform?.status).toBe(receiptAnswer.candidates[0]!.status);
    // Byte for byte the receipt the platform stored with the bundle.
    const stored = SignedReceipt.parse(JSON.parse((await store.bundle(sha256(bundle)))!.receipt.toString('utf8')));
    expect(receiptAnswer.signed.receipt).toBe(stored.receipt);

    const text = path.join(scratch, 'recu.json');
    const p7s = path.join(scratch, 'recu.json.p7s');
    const ca = path.join(scratch, 'authority.pem');
    fs.writeFileSync(text, receiptAnswer.signed.receipt);
    fs.writeFileSync(p7s, Buffer.from(receiptAnswer.signed.signature, 'base64'));
    fs.writeFileSync(ca, authority.certPem);
    const verified = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', text, '-in', p7s, '-CAfile', ca, '-purpose', 'any', '-out', '/dev/null']);
    expect(verified.stderr).toContain('Verification successful');
  });

  test('a forged receipt is refused: signed by another authority, or altered after signing; the genuine one passes', () => {
    const at = new Date();
    const genuine = receiptAnswer.signed;
    const good = checkSignedReceipt({ ...genuine, duplicate: false }, authority.certPem, sha256(bundle), at);
    expect(good.ok).toBe(true);

    const otherRoot = createRootCertificate('Autorité pirate', { days: 365 });
    const otherSigner = issueSigningCertificate(otherRoot, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 365 });
    const forgedSignature = platformSign(Buffer.from(genuine.receipt, 'utf8'), { certPem: otherSigner.certPem, keyPem: otherSigner.keyPem, authorityPem: otherRoot.certPem }, at);
    const forged = checkSignedReceipt({ receipt: genuine.receipt, signature: forgedSignature.toString('base64'), duplicate: false }, authority.certPem, sha256(bundle), at);
    expect(forged).toMatchObject({ ok: false, error: { code: 'receiptSignatureInvalid' } });

    // Signed by a certificate of the same authority that is not the platform's receipt signer: a centre's.
    const byCentre = platformSign(Buffer.from(genuine.receipt, 'utf8'), { certPem: centre.certPem, keyPem: centre.keyPem, authorityPem: authority.certPem }, at);
    const centreSigned = checkSignedReceipt({ receipt: genuine.receipt, signature: byCentre.toString('base64'), duplicate: false }, authority.certPem, sha256(bundle), at);
    expect(centreSigned).toMatchObject({ ok: false, error: { code: 'receiptSignatureInvalid' } });
    expect(!centreSigned.ok && centreSigned.error.message).toBe(`signature du reçu refusée : le reçu est signé par « O=Lycée Érable, CN=0123456A », un certificat de l’autorité qui n’est pas celui de signature des reçus de la plateforme (usage ${RECEIPT_SIGNING_USAGE} absent)`);
    // openssl, which knows nothing of that usage, verifies both signatures against the authority (-purpose any).
    const caFile = path.join(scratch, 'autorite-recu.pem');
    fs.writeFileSync(caFile, authority.certPem);
    for (const [name, signature] of [['platform', Buffer.from(genuine.signature, 'base64')], ['centre', byCentre]] as const) {
      const text = path.join(scratch, `recu-${name}.json`);
      const p7s = path.join(scratch, `recu-${name}.p7s`);
      fs.writeFileSync(text, genuine.receipt);
      fs.writeFileSync(p7s, signature);
      expect(openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', text, '-in', p7s, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null']).stderr, name).toContain('Verification successful');
    }
    const usage = openssl(['x509', '-noout', '-ext', 'extendedKeyUsage'], platformSigning.certPem);
    expect(usage.stdout).toContain(RECEIPT_SIGNING_USAGE);

    const altered = genuine.receipt.replace(/"pix":(\d+)/, (_m, n: string) => `"pix":${Number(n) === 640 ? 639 : Number(n) + 1}`);
    expect(altered).not.toBe(genuine.receipt);
    expect(checkSignedReceipt({ ...genuine, receipt: altered, duplicate: false }, authority.certPem, sha256(bundle), at))
      .toMatchObject({ ok: false, error: { code: 'receiptSignatureInvalid' } });

    // The genuine receipt for another bundle than the one sent.
    expect(checkSignedReceipt({ ...genuine, duplicate: false }, authority.certPem, '0'.repeat(64), at))
      .toMatchObject({ ok: false, error: { code: 'receiptMismatch' } });
  });

  test('the USB-key path: `passation send` from another machine gets the (first) receipt; `import-receipt` checks it and stores it at the station', async () => {
    const zipFile = path.join(scratch, 'resultats-session.zip');
    fs.writeFileSync(zipFile, bundle);
    const caFile = path.join(scratch, 'authority.pem');
    fs.writeFileSync(caFile, authority.certPem);
    const receiptFile = path.join(scratch, 'recu-usb.json');
    const sent = await passation('send', zipFile, '--platform', platform!.url, '--ca', caFile, '--out', receiptFile);
    expect(sent.status, sent.stdout + sent.stderr).toBe(0);
    expect(sent.stdout).toContain('Lot déjà reçu');
    expect(sent.stdout).toContain('Signature du reçu vérifiée');
    const written = SignedReceipt.parse(JSON.parse(fs.readFileSync(receiptFile, 'utf8')));
    expect(written.duplicate).toBe(true);
    expect(written.receipt).toBe(receiptAnswer.signed.receipt);

    // An untrusted CA file: the TLS connection itself is refused (the platform's certificate is not the authority's).
    const otherCa = path.join(scratch, 'autre-autorite.pem');
    fs.writeFileSync(otherCa, createRootCertificate('Autre autorité', { days: 30 }).certPem);
    const untrusted = await passation('send', zipFile, '--platform', platform!.url, '--ca', otherCa, '--out', path.join(scratch, 'x.json'));
    expect(untrusted.status).toBe(1);
    expect(untrusted.stdout).toContain('Plateforme injoignable');
    expect(fs.existsSync(path.join(scratch, 'x.json'))).toBe(false);

    // A forged receipt file (the text altered): refused, nothing stored.
    const forgedFile = path.join(scratch, 'recu-falsifie.json');
    fs.writeFileSync(forgedFile, JSON.stringify({ ...written, receipt: written.receipt.replace('"sessionNumber":', '"sessionNumber": ') }));
    const forged = await passation('import-receipt', String(harness.sessionNumber), forgedFile, '--data-dir', offlineStation);
    expect(forged.status).toBe(1);
    expect(forged.stderr).toContain('receiptSignatureInvalid');
    const check = openDatabase(path.join(offlineStation, 'centre.sqlite'));
    try {
      expect(storedReceipt(check, harness.sessionId)).toBeNull();
    } finally {
      check.close();
    }

    const imported = await passation('import-receipt', String(harness.sessionNumber), receiptFile, '--data-dir', offlineStation);
    expect(imported.status, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain('importé : signature vérifiée');
    const db = openDatabase(path.join(offlineStation, 'centre.sqlite'));
    try {
      const stored = storedReceipt(db, harness.sessionId)!;
      expect(stored.source).toBe('file');
      expect(stored.signed.receipt).toBe(receiptAnswer.signed.receipt);
      expect(stored.candidates).toEqual(receiptAnswer.candidates);
      expect(db.prepare('SELECT state FROM outbox WHERE session_id = ?').pluck().get(harness.sessionId)).toBe('received');
    } finally {
      db.close();
    }
  }, 60_000);

  test('issue 10 §1 — « Importer le reçu » from the console: the same checks as import-receipt; a bad file stores nothing, the genuine one is kept once', async () => {
    // A copy of the station as it was once signed (no receipt yet), the real server on it; the console's route.
    const db = openDatabase(path.join(consoleImportStation, 'centre.sqlite'));
    const station = await createCentreServer({ db, dataDir: consoleImportStation, host: '127.0.0.1', port: 0, tls: testTls(), config: { checkResponses: true, logError: () => {} } });
    const importing = (text: string) => station.app.inject({
      method: 'POST', url: `/api/console/sessions/${harness.sessionId}/receipt`,
      headers: { authorization: `Bearer ${harness.invigilatorToken}`, 'content-type': 'application/json' }, payload: JSON.stringify({ text }),
    });
    try {
      const genuine = fs.readFileSync(path.join(scratch, 'recu-usb.json'), 'utf8');
      const written = SignedReceipt.parse(JSON.parse(genuine));
      const refusals: [string, string][] = [
        ['pas du JSON', 'receiptInvalid'],
        [JSON.stringify({ bonjour: 1 }), 'receiptInvalid'],
        [JSON.stringify({ ...written, receipt: written.receipt.replace('"sessionNumber":', '"sessionNumber": ') }), 'receiptSignatureInvalid'],
      ];
      for (const [text, code] of refusals) {
        const refused = await importing(text);
        expect(refused.statusCode, text.slice(0, 40)).toBe(422);
        expect(refused.json().error).toMatchObject({ code, field: 'text' });
        expect(storedReceipt(db, harness.sessionId)).toBeNull();
      }
      const empty = await importing('');
      expect(empty.statusCode).toBe(400);

      const imported = await importing(genuine);
      expect(imported.statusCode, imported.body).toBe(201);
      const answer = StoredReceiptAnswer.parse(imported.json());
      expect(answer.source).toBe('file');
      expect(answer.signed.receipt).toBe(written.receipt);
      expect(answer.candidates.map((c) => c.verificationCode)).toEqual(receiptAnswer.candidates.map((c) => c.verificationCode));
      expect(db.prepare('SELECT state FROM outbox WHERE session_id = ?').pluck().get(harness.sessionId)).toBe('received');
      // Again: the first receipt is kept as it is (200).
      const again = await importing(genuine);
      expect(again.statusCode).toBe(200);
      expect(db.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(1);
    } finally {
      await station.close();
      db.close();
    }
  }, 60_000);

  test('a sending waiting for a long time is tried at once when the manager sets the platform’s address (docs: « repartent aussitôt »)', async () => {
    const db = openDatabase(path.join(addressChangeStation, 'centre.sqlite'));
    const station = await createCentreServer({ db, dataDir: addressChangeStation, host: '127.0.0.1', port: 0, tls: testTls(), config: { checkResponses: true, logError: () => {} } });
    try {
      // The row as after many failed tries: next try in an hour.
      const now = Date.now();
      requestSending(db, harness.sessionId, new Date(now - 60_000));
      db.prepare("UPDATE outbox SET attempts = 9, next_try_at = ?, last_error_code = 'noPlatformUrl' WHERE session_id = ?").run(new Date(now + 3_600_000).toISOString(), harness.sessionId);
      const closed = await startPlatform(0);
      const port = closed.port;
      await closed.close();
      const set = await station.app.inject({
        method: 'PUT', url: '/api/manager/platform', headers: { authorization: `Bearer ${harness.managerToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ platformUrl: `https://127.0.0.1:${port}` }),
      });
      expect(set.statusCode, set.body).toBe(200);
      const row = () => db.prepare<[number], { attempts: number; code: string }>('SELECT attempts, last_error_code AS code FROM outbox WHERE session_id = ?').get(harness.sessionId)!;
      const end = Date.now() + 10_000;
      while (row().code === 'noPlatformUrl' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(row()).toEqual({ attempts: 10, code: 'ECONNREFUSED' });
    } finally {
      await station.close();
      db.close();
    }
  }, 30_000);

  test('across restarts: the schedule is read back from SQLite (an upload cut by a stop is tried again); a forged receipt from a platform is not stored', async () => {
    // Real time (the certificates made above are valid now), moved by hand.
    let now = Math.floor(Date.now() / 1000) * 1000;
    const clock = () => new Date(now);
    let db = openDatabase(restartDb);
    const sessionId = harness.sessionId;
    const attempts = () => db.prepare<[number], { attempts: number; state: string; next: string; code: string | null }>(
      'SELECT attempts, state, next_try_at AS next, last_error_code AS code FROM outbox WHERE session_id = ?').get(sessionId)!;
    // A platform that answers with a receipt signed by another authority, over TLS the station trusts.
    const pirate = createRootCertificate('Autorité pirate', { days: 30 });
    const pirateSigner = issueSigningCertificate(pirate, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 30 });
    const forgedBody = JSON.stringify({ receipt: receiptAnswer.signed.receipt, signature: platformSign(Buffer.from(receiptAnswer.signed.receipt), { certPem: pirateSigner.certPem, keyPem: pirateSigner.keyPem, authorityPem: pirate.certPem }, new Date()).toString('base64'), duplicate: false });
    const fakeTls = issueServerCertificate(authority, '127.0.0.1', 30);
    const fake = https.createServer({ cert: fakeTls.certPem, key: fakeTls.keyPem }, (req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(201, { 'content-type': 'application/json' }); res.end(forgedBody); });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
    const fakePort = (fake.address() as import('node:net').AddressInfo).port;
    try {
      const senderOn = (d: typeof db) => createSender({ db: d, now: clock, authorityCertificate: () => authority.certPem, random: () => 0.5, schedule: { baseMs: 1000, capMs: 60_000 } });
      setPlatformUrl(db, `https://127.0.0.1:${fakePort}`, clock());
      requestSending(db, sessionId, clock());
      await senderOn(db).runDue();
      expect(attempts()).toMatchObject({ attempts: 1, state: 'waitingForNetwork', code: 'receiptSignatureInvalid' });
      expect(storedReceipt(db, sessionId)).toBeNull();
      expect(Date.parse(attempts().next) - now).toBe(750);

      // The station stops in the middle of the second upload: the row says « sent », with its next try already set.
      now += 750;
      startAttempt(db, sessionId, clock(), new Date(now + 1500));
      db.close();
      db = openDatabase(restartDb);
      setPlatformUrl(db, platform!.url, clock());
      const restarted = senderOn(db);
      now += 1000; // not yet due
      await restarted.runDue();
      expect(attempts()).toMatchObject({ attempts: 2, state: 'sent' });
      now += 500; // due: tried again, the genuine platform answers with the first receipt (the bundle is already there)
      await restarted.runDue();
      expect(attempts()).toMatchObject({ attempts: 3, state: 'received', code: null });
      expect(storedReceipt(db, sessionId)!.signed.receipt).toBe(receiptAnswer.signed.receipt);
      expect((await store.bundle(sha256(bundle)))).not.toBeNull();
    } finally {
      db.close();
      await new Promise<void>((r) => fake.close(() => r()));
    }
  }, 60_000);

  test('a bundle the platform refuses (one byte flipped) is a refusal naming the check, not a network failure to retry', async () => {
    const flipped = Buffer.from(bundle);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    const progress: number[] = [];
    const outcome = await uploadBundle(platform!.url, authority.certPem, flipped, { progress: (sent, total) => { expect(total).toBe(flipped.length); progress.push(sent); } });
    // Progress is reported as the body is written, up to every byte.
    expect(progress.at(-1)).toBe(flipped.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(outcome.kind).toBe('refused');
    if (outcome.kind === 'refused') {
      expect(outcome.status).toBeGreaterThanOrEqual(400);
      expect(outcome.status).toBeLessThan(500);
      expect(outcome.message.length).toBeGreaterThan(0);
    }
    expect(await store.bundle(sha256(flipped))).toBeNull();
  });

  test('a connection cut in the middle of the upload (a proxy on loopback drops the socket): retried, one receipt, one copy on the platform', async () => {
    const target = new URL(platform!.url);
    let connections = 0;
    let cutAfter = 0;
    const proxy = net.createServer((client) => {
      connections += 1;
      const upstream = net.connect(Number(target.port), '127.0.0.1');
      upstream.pipe(client);
      if (connections === 1) {
        // The first connection: forward until 3/4 of the bundle's size went up, then drop both sockets.
        let forwarded = 0;
        client.on('data', (chunk: Buffer) => {
          forwarded += chunk.length;
          if (forwarded >= (bundle.length * 3) / 4) { cutAfter = forwarded - chunk.length; client.destroy(); upstream.destroy(); } else upstream.write(chunk);
        });
      } else {
        client.pipe(upstream);
      }
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const proxyPort = (proxy.address() as net.AddressInfo).port;
    let now = Math.floor(Date.now() / 1000) * 1000;
    const db = openDatabase(cutDb);
    try {
      const sender = createSender({ db, now: () => new Date(now), authorityCertificate: () => authority.certPem, random: () => 0.5, schedule: { baseMs: 1000, capMs: 60_000 } });
      setPlatformUrl(db, `https://127.0.0.1:${proxyPort}`, new Date(now));
      requestSending(db, harness.sessionId, new Date(now));
      const receiptsBefore = (await store.bundle(sha256(bundle)))!.receipt;
      await sender.runDue();
      const cut = db.prepare<[number], { attempts: number; state: string; code: string }>('SELECT attempts, state, last_error_code AS code FROM outbox WHERE session_id = ?').get(harness.sessionId)!;
      expect(cut).toMatchObject({ attempts: 1, state: 'waitingForNetwork' });
      expect(cut.code).toMatch(/^(ECONNRESET|EPIPE|ECONNABORTED)$/);
      expect(cutAfter).toBeGreaterThan(0);
      // What reached the platform (TLS records included) is less than the bundle: the upload was cut mid-way.
      expect(cutAfter).toBeLessThan(bundle.length);
      now += 750;
      await sender.runDue();
      expect(db.prepare('SELECT state FROM outbox WHERE session_id = ?').pluck().get(harness.sessionId)).toBe('received');
      expect(connections).toBe(2);
      expect(db.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(1);
      // Still the one copy, with its first receipt (deduplicated by the bundle's SHA-256).
      expect((await store.bundle(sha256(bundle)))!.receipt.equals(receiptsBefore)).toBe(true);
      expect(storedReceipt(db, harness.sessionId)!.signed.receipt).toBe(receiptAnswer.signed.receipt);
    } finally {
      db.close();
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  }, 60_000);
});
