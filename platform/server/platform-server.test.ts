import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalJson } from '../../shared/canonical/canonical-json';
import { scoreCertification } from '../../shared/certification/scoring';
import { PackageDownload, PackageList, PlatformRefusal, Receipt, SignedReceipt, VerificationAnswer } from '../../shared/formats/platform-api';
import { ResultsScoring } from '../../shared/formats/console-api';
import type { ResultsDocument, ResultsDocumentV2 } from '../../shared/formats/results';
import { rightAnswerFor, wrongAnswerFor } from '../../shared/testing/simulated-answer';
// Test files only: the centre's own code drives a real session and signs a genuine bundle (the platform never imports it).
import { finalisedAsFormatV2 } from '../../electron/centre/testing/format-v2-session';
import { enterTest, startHarness, type Harness } from '../../electron/centre/testing/test-harness';
import { testContentPackage } from '../../electron/centre/testing/test-packages';
import { createRootCertificate, describeCertificate, issuePlatformSigningCertificate, issueSigningCertificate, type KeyAndCertificate } from '../authority/certificate-issuance';
import { exportPkcs12 } from '../authority/pkcs12-file';
import { issueServerCertificate } from '../authority/server-certificate';
import { publishPackage } from '../publishing/publish-package';
import { signDetached, type PlatformSigner } from '../signing/cms-sign';
import type { PlatformStore } from '../storage/platform-store';
import { postgresAvailability, postgresEngine, sqliteEngine, type TestEngine } from '../storage/store-test-engines';
import { openssl } from '../testing/openssl';
import { startPlatformServer, type RunningPlatform } from './platform-server';
import { unzip, zip } from '../testing/zip-files';

// Issue 9 §3 — `passation-platform serve` over real HTTPS on 127.0.0.1 (certificate issued by the authority, checked
// by the client against authority.pem), on both stores. The genuine bundle comes from a real centre session (the
// centre's test harness: real station, real SQLite, kiosk answers, finalisation, PKCS#12 import, signature).
const pgUnavailable = await postgresAvailability(process.env.DATABASE_URL);
if (pgUnavailable !== null) console.warn(`[platform-server] PostgreSQL ignoré : ${pgUnavailable}`);
const engines: TestEngine[] = [sqliteEngine, postgresEngine(process.env.DATABASE_URL, pgUnavailable)];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-platform-serve-'));
const DAY = 86_400_000;
const CENTRE = { organisation: 'Lycée Érable', commonName: '0123456A' };
const PKCS12_PASSWORD = 'mot-de-passe-du-centre-42';

const authority = createRootCertificate('Autorité de certification Passation — test', { days: 3650 });
const signing = issuePlatformSigningCertificate(authority, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 365 });
const signer: PlatformSigner = { certPem: signing.certPem, keyPem: signing.keyPem, authorityPem: authority.certPem };
const centre = issueSigningCertificate(authority, CENTRE, { days: 365 });
const authorityFile = path.join(scratch, 'authority.pem');
fs.writeFileSync(authorityFile, authority.certPem);
const contentBytes = Buffer.from(JSON.stringify(testContentPackage()));

interface Genuine<D = ResultsDocument> { zip: Buffer; results: Buffer; document: D }
let genuine: Genuine;
/** The same kind of session, finalised by a station of before format 3 (format 2, format-v2-session.ts). */
let genuineV2: Genuine<ResultsDocumentV2>;
let harness: Harness;
let harnessV2: Harness;

/** Dupont answers all 15 challenges, 2 of them wrong; Lefèvre 10 right, then a technical problem ends her test. */
async function sitAndSign(h: Harness, beforeSigning: (h: Harness) => void = () => {}): Promise<Buffer> {
  const content = testContentPackage();
  const byId = new Map(content.challenges.map((c) => [c.id, c]));
  const sit = async (lastName: string, answered: number, wrong: ReadonlySet<number>) => {
    const kiosk = await h.pairKiosk(`Poste ${lastName}`);
    const { entry, test: started } = await enterTest(h, kiosk, lastName);
    expect(started.status, started.text).toBe(200);
    const ids = (started.json.challenges as { challengeId: string }[]).map((c) => c.challengeId);
    for (const [i, id] of ids.slice(0, answered).entries()) {
      const challenge = byId.get(id)!;
      const answer = wrong.has(i) ? wrongAnswerFor(challenge) : rightAnswerFor(challenge);
      const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId: id, answer, clientAnswerId: `c${h.candidates.get(lastName)!.id}-${id}`, elapsedMs: 4000, timedOut: false, focusLost: false });
      expect(ack.status, ack.text).toBe(200);
    }
    return h.candidates.get(lastName)!.id;
  };
  await sit('Dupont', 15, new Set([0, 4]));
  const lefevre = await sit('Lefèvre', 10, new Set());
  expect((await h.console('POST', `/candidates/${lefevre}/end-test`)).status).toBe(200);
  const finalised = await h.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: lefevre, abortReason: 'technical' }] });
  expect(finalised.status, finalised.text).toBe(200);
  beforeSigning(h);
  fs.copyFileSync(authorityFile, path.join(h.t.dataDir, 'authority.pem'));
  const p12 = exportPkcs12(centre.certPem, centre.keyPem, [authority.certPem], PKCS12_PASSWORD);
  const imported = await h.t.call('POST', '/api/manager/centre-key', { token: h.managerToken, body: { pkcs12: p12.toString('base64'), password: PKCS12_PASSWORD } });
  expect(imported.status, imported.text).toBe(201);
  const signed = await h.console('POST', '/signature', { passphrase: PKCS12_PASSWORD });
  expect(signed.status, signed.text).toBe(201);
  const bundle = await h.console('GET', '/bundle');
  expect(bundle.status).toBe(200);
  return bundle.body;
}



/** The genuine bundle (or `of`) with results.json replaced (canonical JSON of `document`) and signed by `by`. */
async function resigned(document: unknown, by: KeyAndCertificate & { chain?: string }, raw?: Buffer, of?: Buffer): Promise<Buffer> {
  const files = await unzip(of ?? genuine.zip);
  const results = raw ?? Buffer.from(canonicalJson(document), 'utf8');
  files.set('results.json', results);
  files.set('results.json.p7s', signDetached(results, { certPem: by.certPem, keyPem: by.keyPem, authorityPem: by.chain ?? authority.certPem }, new Date()));
  return zip(files);
}

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; text: string; json: unknown }
function call(platform: RunningPlatform, method: string, url: string, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${platform.url}${url}`, {
      method, ca: authority.certPem, headers: body ? { 'content-type': 'application/zip', 'content-length': String(body.length) } : {},
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json: unknown = null;
        try { json = JSON.parse(text); } catch { /* HTML */ }
        resolve({ status: response.statusCode!, headers: response.headers, body: bytes, text, json });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

beforeAll(async () => {
  harness = await startHarness();
  const zipped = await sitAndSign(harness);
  const files = await unzip(zipped);
  const results = files.get('results.json')!;
  genuine = { zip: zipped, results, document: JSON.parse(results.toString('utf8')) as ResultsDocument };
  expect(genuine.document.formatVersion).toBe(3);
  harnessV2 = await startHarness();
  const zippedV2 = await sitAndSign(harnessV2, finalisedAsFormatV2);
  const resultsV2 = (await unzip(zippedV2)).get('results.json')!;
  genuineV2 = { zip: zippedV2, results: resultsV2, document: JSON.parse(resultsV2.toString('utf8')) as ResultsDocumentV2 };
  expect(genuineV2.document.formatVersion).toBe(2);
}, 120_000);
afterAll(async () => {
  await harness?.close();
  await harnessV2?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe.each(engines)('passation-platform serve on $name', (engine) => {
  let store: PlatformStore;
  let cleanup: () => Promise<void>;
  let platform: RunningPlatform;
  let firstReceipt: SignedReceipt;

  const expectNothingStored = async (bundle: Buffer) => {
    expect(await store.bundle(sha256(bundle))).toBeNull();
    for (const c of genuine.document.candidates) if (c.test) {
      const found = await store.resultByVerificationCode(c.test.verificationCode);
      if (found) expect(found.bundleSha256).toBe(sha256(genuine.zip));
    }
  };
  const refused = async (bundle: Buffer, status: number, check: string, words: string) => {
    const answer = await call(platform, 'POST', '/api/bundles', bundle);
    expect(answer.status, answer.text).toBe(status);
    const parsed = PlatformRefusal.parse(answer.json);
    expect(parsed.error.check).toBe(check);
    expect(parsed.error.message).toContain(words);
    await expectNothingStored(bundle);
    return parsed;
  };

  beforeAll(async () => {
    if (engine.unavailable !== null) return;
    ({ store, cleanup } = await engine.fresh());
    const now = new Date().toISOString();
    const described = describeCertificate(centre.certPem);
    expect((await store.recordCertificate({ ...described, kind: 'centre', centreId: CENTRE.commonName, certificatePem: centre.certPem, issuedAt: now },
      { centreId: CENTRE.commonName, name: CENTRE.organisation, createdAt: now })).ok).toBe(true);
    const published = await publishPackage(store, signer, 'content', contentBytes, new Date());
    expect(published.ok).toBe(true);
    platform = await startPlatformServer({
      store, signer, host: '127.0.0.1', port: 0, tls: issueServerCertificate(authority, '127.0.0.1', 30), maxBundleBytes: 8 * 1024 * 1024, lookupsPerMinute: 8,
    });
  }, 60_000);
  afterAll(async () => {
    if (engine.unavailable !== null) return;
    await platform.close();
    await store.close();
    await cleanup();
  });

  test.skipIf(engine.unavailable !== null)('the published content package is listed and downloaded; openssl verifies its signature against authority.pem', async () => {
    const list = PackageList.parse((await call(platform, 'GET', '/api/packages')).json);
    expect(list.packages).toEqual([expect.objectContaining({ kind: 'content', packageId: testContentPackage().id, sha256: sha256(contentBytes), bytes: contentBytes.length })].map((m) => m));
    const pkg = list.packages[0]!;
    expect(pkg.sha256).toBe(genuine.document.content.sha256);
    const download = PackageDownload.parse((await call(platform, 'GET', `/api/packages/content/${pkg.packageId}/latest`)).json);
    const doc = path.join(scratch, `${engine.name}-content.json`);
    const sig = path.join(scratch, `${engine.name}-content.json.p7s`);
    fs.writeFileSync(doc, Buffer.from(download.document, 'base64'));
    fs.writeFileSync(sig, Buffer.from(download.signature, 'base64'));
    expect(fs.readFileSync(doc).equals(contentBytes)).toBe(true);
    const verified = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', doc, '-in', sig, '-CAfile', authorityFile, '-purpose', 'any', '-out', '/dev/null']);
    expect(verified.stderr).toContain('Verification successful');
    expect((await call(platform, 'GET', `/api/packages/content/${pkg.packageId}/0.0`)).status).toBe(404);
  });

  test.skipIf(engine.unavailable !== null)('a genuine bundle gets a signed receipt: openssl verifies it; the rescored results equal the centre’s', async () => {
    const answer = await call(platform, 'POST', '/api/bundles', genuine.zip);
    expect(answer.status, answer.text).toBe(201);
    expect(answer.headers['x-bundle-sha256']).toBe(sha256(genuine.zip));
    firstReceipt = SignedReceipt.parse(answer.json);
    expect(firstReceipt.duplicate).toBe(false);
    const receiptFile = path.join(scratch, `${engine.name}-receipt.json`);
    const signatureFile = `${receiptFile}.p7s`;
    fs.writeFileSync(receiptFile, firstReceipt.receipt);
    fs.writeFileSync(signatureFile, Buffer.from(firstReceipt.signature, 'base64'));
    const verified = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', receiptFile, '-in', signatureFile, '-CAfile', authorityFile, '-purpose', 'any', '-out', '/dev/null']);
    expect(verified.stderr).toContain('Verification successful');
    expect(verified.status).toBe(0);
    const flipped = Buffer.from(firstReceipt.receipt);
    flipped[10] = flipped[10]! ^ 0x01;
    fs.writeFileSync(receiptFile, flipped);
    expect(openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', receiptFile, '-in', signatureFile, '-CAfile', authorityFile, '-purpose', 'any', '-out', '/dev/null']).status).not.toBe(0);

    const receipt = Receipt.parse(JSON.parse(firstReceipt.receipt));
    expect(canonicalJson(receipt)).toBe(firstReceipt.receipt);
    expect(receipt).toMatchObject({ bundleSha256: sha256(genuine.zip), resultsSha256: sha256(genuine.results), centreId: '0123456A', centreName: 'Lycée Érable', sessionNumber: genuine.document.session.number });
    const sat = genuine.document.candidates.filter((c) => c.test !== null);
    expect(receipt.candidates.map((c) => c.lastName)).toEqual(['Dupont', 'Lefèvre']);
    for (const c of receipt.candidates) {
      const centreResult = sat.find((s) => s.candidateId === c.candidateId)!.test!.result;
      expect(c.matchesCentre).toBe(true);
      expect({ status: c.status, pix: c.pix, competences: c.competences }).toEqual({
        status: centreResult.status, pix: centreResult.pix, competences: centreResult.competences.map(({ code, level, pix }) => ({ code, level, pix })),
      });
    }
    // Dupont's two wrong answers cost pix: the scores are not trivially equal.
    const dupont = receipt.candidates.find((c) => c.lastName === 'Dupont')!;
    expect(dupont.status).toBe('validated');
    expect(dupont.pix).toBeGreaterThan(0);
    const stored = await store.bundleResults(sha256(genuine.zip));
    expect(stored.map((r) => r.pix)).toEqual(receipt.candidates.map((c) => c.pix));
  });

  test.skipIf(engine.unavailable !== null)('the same bundle again: the first receipt, byte for byte, and one stored copy', async () => {
    const again = await call(platform, 'POST', '/api/bundles', genuine.zip);
    expect(again.status).toBe(200);
    const parsed = SignedReceipt.parse(again.json);
    expect(parsed).toEqual({ ...firstReceipt, duplicate: true });
    expect((await store.bundle(sha256(genuine.zip)))!.archive.equals(genuine.zip)).toBe(true);
    expect(await store.bundleResults(sha256(genuine.zip))).toHaveLength(2);
  });

  /** Fresh codes so that a changed document is a new bundle for the store (`to` at code position 2). */
  const freshCodes = (document: { candidates: { test: { verificationCode: string } | null }[] }, to: 'X' | 'W') => {
    for (const c of document.candidates) if (c.test) c.test.verificationCode = `P-${c.test.verificationCode[2] === to ? 'Y' : to}${c.test.verificationCode.slice(3)}`;
  };

  test.skipIf(engine.unavailable !== null)('the centre’s provisional result tampered (answers kept), re-signed by the centre: the platform rescores from the answers', async () => {
    const document = structuredClone(genuine.document);
    const dupont = document.candidates.find((c) => c.lastName === 'Dupont')!.test!;
    // The centre's result says every answer was wrong; the raw answers (13 right of 15) are left as they were.
    const scoring = ResultsScoring.parse((await harness.console('GET', '/results/scoring')).json);
    const input = scoring.candidates.find((c) => c.candidateId === harness.candidates.get('Dupont')!.id)!.scoringInput;
    dupont.result = scoreCertification({ ...input, challenges: input.challenges.map((c) => ({ ...c, status: 'ko' })) });
    freshCodes(document, 'X');
    const bundle = await resigned(document, centre);
    const answer = await call(platform, 'POST', '/api/bundles', bundle);
    expect(answer.status, answer.text).toBe(201);
    const receipt = Receipt.parse(JSON.parse(SignedReceipt.parse(answer.json).receipt));
    const honest = Receipt.parse(JSON.parse(firstReceipt.receipt)).candidates.find((c) => c.lastName === 'Dupont')!;
    const rescored = receipt.candidates.find((c) => c.lastName === 'Dupont')!;
    expect(dupont.result.status).toBe('rejected');
    expect(dupont.result.pix).toBeLessThan(honest.pix);
    expect(rescored.pix).toBe(honest.pix);
    expect(rescored.pix).not.toBe(dupont.result.pix);
    expect(rescored.matchesCentre).toBe(false);
  });

  test.skipIf(engine.unavailable !== null)('format 3, the drawn test altered and re-signed (an unanswered challenge replaced, two swapped, one dropped): 422, nothing stored', async () => {
    const altered = (change: (drawn: ResultsDocument['candidates'][number]['test'] & object) => void, who = 'Dupont') => {
      const document = structuredClone(genuine.document);
      change(document.candidates.find((c) => c.lastName === who)!.test!);
      freshCodes(document, 'W');
      return resigned(document, centre);
    };
    // Lefèvre's last challenge (unanswered) replaced by another of the content: the answers still match the audit
    // log, but the frozen profile and the seed draw another test.
    await refused(await altered((t) => { t.drawnTest.challengeIds[t.drawnTest.challengeIds.length - 1] = 'ch_unused'; }, 'Lefèvre'), 422, 'content',
      'le test ne correspond pas à celui que le profil figé et la graine donnent (R-GEN-4)');
    // Two challenges swapped, answers moved with them: the log's answers at those positions are to other challenges.
    await refused(await altered((t) => {
      const ids = t.drawnTest.challengeIds;
      [ids[0], ids[1]] = [ids[1]!, ids[0]!];
      [t.answers[0], t.answers[1]] = [t.answers[1]!, t.answers[0]!];
    }), 422, 'auditChain', 'du journal dit autre chose');
    // The last challenge dropped (with its answer): the log has one answer more.
    await refused(await altered((t) => { t.drawnTest.challengeIds.pop(); t.answers.pop(); }), 422, 'auditChain', 'des réponses ont été retirées du document');
  });

  test.skipIf(engine.unavailable !== null)('a format 2 bundle (finalised before format 3): received, rescored, the results equal the centre’s; a status tampered in it is rescored from the answers', async () => {
    const answer = await call(platform, 'POST', '/api/bundles', genuineV2.zip);
    expect(answer.status, answer.text).toBe(201);
    const receipt = Receipt.parse(JSON.parse(SignedReceipt.parse(answer.json).receipt));
    expect(receipt).toMatchObject({ bundleSha256: sha256(genuineV2.zip), resultsSha256: sha256(genuineV2.results), sessionNumber: genuineV2.document.session.number });
    expect(receipt.candidates.map((c) => [c.lastName, c.matchesCentre])).toEqual([['Dupont', true], ['Lefèvre', true]]);
    for (const c of receipt.candidates) {
      const centreResult = genuineV2.document.candidates.find((s) => s.candidateId === c.candidateId)!.test!.result;
      expect({ status: c.status, pix: c.pix }).toEqual({ status: centreResult.status, pix: centreResult.pix });
    }
    expect(await store.bundleResults(sha256(genuineV2.zip))).toHaveLength(2);

    const document = structuredClone(genuineV2.document);
    const dupont = document.candidates.find((c) => c.lastName === 'Dupont')!.test!;
    for (const a of dupont.answers) a.status = 'ko';
    dupont.scoringInput.challenges = dupont.scoringInput.challenges.map((c) => ({ ...c, status: 'ko' }));
    dupont.result = scoreCertification(dupont.scoringInput);
    freshCodes(document, 'X');
    const tampered = await call(platform, 'POST', '/api/bundles', await resigned(document, centre, undefined, genuineV2.zip));
    expect(tampered.status, tampered.text).toBe(201);
    const rescored = Receipt.parse(JSON.parse(SignedReceipt.parse(tampered.json).receipt)).candidates.find((c) => c.lastName === 'Dupont')!;
    expect(dupont.result.status).toBe('rejected');
    expect(rescored.pix).toBe(receipt.candidates.find((c) => c.lastName === 'Dupont')!.pix);
    expect(rescored.matchesCentre).toBe(false);
    // Format 2's own check: an answer's stated position must be its challenge's.
    const moved = structuredClone(genuineV2.document);
    moved.candidates.find((c) => c.lastName === 'Dupont')!.test!.answers[0]!.position = 2;
    freshCodes(moved, 'W');
    await refused(await resigned(moved, centre, undefined, genuineV2.zip), 422, 'auditChain', 'du journal dit autre chose');
  });

  test.skipIf(engine.unavailable !== null)('a flipped byte of results.json, or of the archive: refused, nothing stored', async () => {
    const files = await unzip(genuine.zip);
    const results = Buffer.from(files.get('results.json')!);
    results[200] = results[200]! ^ 0x01;
    files.set('results.json', results);
    await refused(await zip(files), 422, 'signature', 'empreinte SHA-256 diffère');
    const raw = Buffer.from(genuine.zip);
    raw[Math.floor(raw.length / 2)] = raw[Math.floor(raw.length / 2)]! ^ 0x01;
    const answer = await call(platform, 'POST', '/api/bundles', raw);
    // In a PDF (not covered by the CMS signature) the CRC-32 catches it; in results.json, the signature.
    expect([400, 422], answer.text).toContain(answer.status);
    expect(['archive', 'signature']).toContain(PlatformRefusal.parse(answer.json).error.check);
    await expectNothingStored(raw);
  });

  test.skipIf(engine.unavailable !== null)('another authority’s centre, an unknown centre, a revoked one, an expired certificate: 403 naming why', async () => {
    const rogueAuthority = createRootCertificate('Autorité de certification Passation — test', { days: 3650 });
    const rogue = issueSigningCertificate(rogueAuthority, CENTRE, { days: 365 });
    await refused(await resigned(genuine.document, { ...rogue, chain: rogueAuthority.certPem }), 403, 'certificate', 'n’est pas émis par l’autorité de cette plateforme');

    const unknown = issueSigningCertificate(authority, CENTRE, { days: 365 });
    await refused(await resigned(genuine.document, unknown), 403, 'certificate', 'n’est pas un certificat de centre enregistré');

    const record = async (cert: KeyAndCertificate) => {
      const now = new Date().toISOString();
      expect((await store.recordCertificate({ ...describeCertificate(cert.certPem), kind: 'centre', centreId: CENTRE.commonName, certificatePem: cert.certPem, issuedAt: now }, { centreId: CENTRE.commonName, name: CENTRE.organisation, createdAt: now })).ok).toBe(true);
    };
    const revoked = issueSigningCertificate(authority, CENTRE, { days: 365 });
    await record(revoked);
    expect((await store.revoke({ serialHex: revoked.serialHex, reason: 'keyCompromise', revokedAt: new Date().toISOString() })).ok).toBe(true);
    await refused(await resigned(genuine.document, revoked), 403, 'certificate', 'est révoqué depuis le');

    const expired = issueSigningCertificate(authority, CENTRE, { days: 1, notBefore: new Date(Date.now() - 3 * DAY) });
    await record(expired);
    await refused(await resigned(genuine.document, expired), 403, 'certificate', 'a expiré le');

    const early = issueSigningCertificate(authority, CENTRE, { days: 30, notBefore: new Date(Date.now() + DAY) });
    await record(early);
    await refused(await resigned(genuine.document, early), 403, 'certificate', 'n’est pas encore valide');
  });

  test.skipIf(engine.unavailable !== null)('two copies of a new bundle at once: one stored copy, the same receipt for both', async () => {
    const document = structuredClone(genuine.document);
    for (const c of document.candidates) if (c.test) c.test.verificationCode = `P-${c.test.verificationCode.slice(2, 9)}${c.test.verificationCode[9] === 'Y' ? 'X' : 'Y'}`;
    const bundle = await resigned(document, centre);
    const [a, b] = await Promise.all([call(platform, 'POST', '/api/bundles', bundle), call(platform, 'POST', '/api/bundles', bundle)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(SignedReceipt.parse(a.json).receipt).toBe(SignedReceipt.parse(b.json).receipt);
    expect(await store.bundleResults(sha256(bundle))).toHaveLength(2);
  });

  test.skipIf(engine.unavailable !== null)('schema, canonical form, audit chain head, size, archive contents: each refusal names its check', async () => {
    await refused(await resigned({ ...genuine.document, extra: true }, centre), 422, 'schema', 'results.json ne suit pas le format');
    // A format 3 test under format 2's number, a format 2 one under 3's, an unknown version: each named.
    await refused(await resigned({ ...genuine.document, formatVersion: 2 }, centre), 422, 'schema', '.test.generatedTest : ');
    await refused(await resigned({ ...genuineV2.document, formatVersion: 3 }, centre, undefined, genuineV2.zip), 422, 'schema', '.test.drawnTest : ');
    await refused(await resigned({ ...genuine.document, formatVersion: 1 }, centre), 422, 'schema', 'formatVersion : version du format 1 inconnue, 2 ou 3 attendue');
    await refused(await resigned(null, centre, Buffer.from(JSON.stringify(genuine.document, null, 2))), 422, 'schema', 'forme canonique');
    await refused(await resigned({ ...genuine.document, auditChain: { ...genuine.document.auditChain, seq: 3 } }, centre), 422, 'auditChain', 'la chaîne d’audit s’arrête à l’événement n° 3');
    await refused(Buffer.alloc(8 * 1024 * 1024 + 1), 413, 'size', 'lot trop volumineux');
    await refused(Buffer.from('pas une archive'), 400, 'archive', 'archive .zip');
    const files = await unzip(genuine.zip);
    files.delete('pv-incident.pdf');
    await refused(await zip(files), 400, 'archive', 'manquant dans l’archive : pv-incident.pdf');
    files.set('pv-incident.pdf', Buffer.from('x'));
    files.set('autre.txt', Buffer.from('x'));
    const answer = await call(platform, 'POST', '/api/bundles', await zip(files));
    expect(answer.status).toBe(400);
    expect(PlatformRefusal.parse(answer.json).error.check).toBe('archive');
  });

  test.skipIf(engine.unavailable !== null)('audit.jsonl: an event removed, two reordered, one edited, the file missing, or a re-signed log that disagrees with the answers: 422 auditChain, nothing stored', async () => {
    const files = await unzip(genuine.zip);
    const lines = files.get('audit.jsonl')!.toString('utf8').slice(0, -1).split('\n');
    const withLog = (log: readonly string[]) => zip(new Map([...files, ['audit.jsonl', Buffer.from(log.map((l) => `${l}\n`).join(''), 'utf8')]]));
    const answerAt = lines.findIndex((l) => l.includes('"kind":"answer"'));
    await refused(await withLog(lines.filter((_, i) => i !== answerAt)), 422, 'auditChain', `audit.jsonl, ligne ${answerAt + 1} : l’événement n° ${answerAt + 1} manque`);
    const swapped = [...lines];
    [swapped[answerAt], swapped[answerAt + 1]] = [swapped[answerAt + 1]!, swapped[answerAt]!];
    await refused(await withLog(swapped), 422, 'auditChain', 'n’est pas à sa place');
    await refused(await withLog(lines.map((l, i) => (i === answerAt ? l.replace('"elapsedMs":4000', '"elapsedMs":4001') : l))), 422, 'auditChain', 'un événement a été modifié, retiré ou déplacé');
    await refused(await withLog([...lines, lines.at(-1)!]), 422, 'auditChain', 'ligne');
    const noLog = new Map(files);
    noLog.delete('audit.jsonl');
    await refused(await zip(noLog), 400, 'archive', 'audit.jsonl');
    // An insider re-chains the log without one answer event and signs it again: the chain holds, the answers disagree.
    const rechained = lines.filter((_, i) => i !== answerAt).map((l, i) => canonicalJson({ ...(JSON.parse(l) as object), seq: i + 1 }));
    const head = rechained.reduce((prev, line) => sha256(Buffer.from(prev + line, 'utf8')), '0'.repeat(64));
    const log = Buffer.from(rechained.map((l) => `${l}\n`).join(''), 'utf8');
    const document = { ...genuine.document, auditChain: { seq: rechained.length, head, logSha256: sha256(log) } };
    const results = Buffer.from(canonicalJson(document), 'utf8');
    const insider = new Map([...files, ['audit.jsonl', log], ['results.json', results],
      ['results.json.p7s', signDetached(results, { certPem: centre.certPem, keyPem: centre.keyPem, authorityPem: authority.certPem }, new Date())]]);
    await refused(await zip(insider), 422, 'auditChain', 'aucun événement « answer » dans le journal');
  });

  test.skipIf(engine.unavailable !== null)('look-up by verification code: JSON and the French HTML page (R-PUB-1), then rate-limited', async () => {
    const receipt = Receipt.parse(JSON.parse(firstReceipt.receipt));
    const dupont = receipt.candidates.find((c) => c.lastName === 'Dupont')!;
    const found = await call(platform, 'GET', `/api/verification/${dupont.verificationCode}`);
    expect(found.status).toBe(200);
    expect(VerificationAnswer.parse(found.json)).toMatchObject({ lastName: 'Dupont', firstName: 'Marie', pix: dupont.pix, centreName: 'Lycée Érable', examDate: genuine.document.session.date, competences: dupont.competences });

    const lefevre = receipt.candidates.find((c) => c.lastName === 'Lefèvre')!;
    if (lefevre.status !== 'validated') expect((await call(platform, 'GET', `/api/verification/${lefevre.verificationCode}`)).status).toBe(404);
    else expect((await call(platform, 'GET', `/api/verification/${lefevre.verificationCode}`)).status).toBe(200);
    expect((await call(platform, 'GET', '/api/verification/P-22222222')).status).toBe(404);
    expect((await call(platform, 'GET', '/api/verification/pas-un-code')).status).toBe(400);

    const page = await call(platform, 'GET', `/verification?code=${dupont.verificationCode.toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('<label for="code">');
    expect(page.text).not.toContain('<script');
    expect(page.text).toContain(`${dupont.pix} pix sur 640`);
    expect(page.text).toContain('Dupont');
    const form = await call(platform, 'GET', '/verification');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<input id="code" name="code"');
    const unknown = await call(platform, 'GET', '/verification?code=P-22222222');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Aucune certification publiée ne correspond au code P-22222222');

    // 8 look-ups a minute per address: 6 done above (the empty form does not count).
    expect((await call(platform, 'GET', '/api/verification/P-22222222')).status).toBe(404);
    expect((await call(platform, 'GET', '/api/verification/P-22222222')).status).toBe(404);
    const limited = await call(platform, 'GET', '/api/verification/P-22222222');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(PlatformRefusal.parse(limited.json).error.check).toBe('rateLimited');
    const limitedPage = await call(platform, 'GET', `/verification?code=${dupont.verificationCode}`);
    expect(limitedPage.status).toBe(429);
    expect(limitedPage.text).toContain('Trop de recherches');
  });
});
