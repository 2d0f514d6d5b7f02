import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateResult, Centre, IssuedCertificate, PlatformStore, ReceivedBundle } from './platform-store';
import { postgresAvailability, postgresEngine, sqliteEngine, type TestEngine } from './store-test-engines';

// Issue 9 §3 — one suite, both engines. PostgreSQL: DATABASE_URL (`.ci/run` starts a server on loopback).
const pgUnavailable = await postgresAvailability(process.env.DATABASE_URL);
if (pgUnavailable !== null) console.warn(`[platform-store] PostgreSQL ignoré : ${pgUnavailable}`);
const engines: TestEngine[] = [sqliteEngine, postgresEngine(process.env.DATABASE_URL, pgUnavailable)];

const NOW = '2026-03-02T09:00:00.000Z';
const CODE_ALPHABET = '2346789BCDFGHJKMPQRTVWXY';

function centre(id: string, name = `Lycée ${id}`): Centre {
  return { centreId: id, name, createdAt: NOW };
}

function certificate(centreId: string | null, serialHex = crypto.randomBytes(16).toString('hex').replace(/^./, '4')): IssuedCertificate {
  return {
    serialHex,
    kind: centreId === null ? 'platformSigning' : 'centre',
    centreId,
    subject: centreId === null ? 'O=Autorité, CN=Signature' : `O=Lycée ${centreId}, CN=${centreId}`,
    fingerprintSha256: crypto.randomBytes(32).toString('hex').toUpperCase().match(/../g)!.join(':'),
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2029-01-01T00:00:00.000Z',
    certificatePem: `-----BEGIN CERTIFICATE-----\n${serialHex}\n-----END CERTIFICATE-----\n`,
    issuedAt: NOW,
  };
}

let codeCounter = 0;
/** Distinct R-SESS-7 codes: the counter written in the alphabet's first 8 letters, permuted. */
function verificationCode(): string {
  const letters = CODE_ALPHABET.split('');
  let n = codeCounter++;
  for (let i = 0; i < 8; i++) {
    const j = i + (n % (letters.length - i));
    n = Math.floor(n / (letters.length - i));
    [letters[i], letters[j]] = [letters[j]!, letters[i]!];
  }
  return `P-${letters.slice(0, 8).join('')}`;
}

function result(candidateId: number, overrides: Partial<CandidateResult> = {}): CandidateResult {
  return {
    verificationCode: verificationCode(),
    candidateId,
    lastName: 'Dupré',
    firstName: 'Élodie',
    birthDate: '2008-02-29',
    examDate: '2026-03-02',
    status: 'validated',
    pix: 312,
    maxLevel: 7,
    competences: [{ code: '1.1', level: 3, pix: 24 }, { code: '2.1', level: -1, pix: 0 }],
    reason: null,
    publishedAt: null,
    ...overrides,
  };
}

function bundle(centreId: string, serialHex: string, archive = crypto.randomBytes(64)): ReceivedBundle {
  return {
    sha256: crypto.createHash('sha256').update(archive).digest('hex'),
    centreId,
    certificateSerialHex: serialHex,
    sessionNumber: 42,
    sessionDate: '2026-03-02',
    receivedAt: NOW,
    archive,
    receipt: Buffer.from(`reçu ${crypto.randomBytes(8).toString('hex')}`),
  };
}

describe.each(engines)('PlatformStore on $name', (engine) => {
  let store: PlatformStore;
  let reopen: () => Promise<PlatformStore>;
  let cleanup: () => Promise<void>;
  let centreSerial: string;

  beforeAll(async () => {
    if (engine.unavailable !== null) return;
    ({ store, reopen, cleanup } = await engine.fresh());
    const cert = certificate('0123456A');
    centreSerial = cert.serialHex;
    expect(await store.recordCertificate(cert, centre('0123456A'))).toEqual({ ok: true, value: undefined });
  });
  afterAll(async () => {
    if (engine.unavailable !== null) return;
    await store.close();
    await cleanup();
  });
  const test = (name: string, body: () => Promise<void>) => it.skipIf(engine.unavailable !== null)(name, body);

  test('applies its numbered migrations once: a second opening finds the data and applies nothing', async () => {
    const again = await reopen();
    try {
      expect((await again.centre('0123456A'))?.name).toBe('Lycée 0123456A');
      expect(await again.certificate(centreSerial)).not.toBeNull();
    } finally {
      await again.close();
    }
  });

  test('records centres and their certificates; refuses a second name for a centre and a serial issued twice', async () => {
    const second = { ...certificate('0123456A'), issuedAt: '2026-03-05T08:00:00.000Z' };
    expect((await store.recordCertificate(second, centre('0123456A'))).ok).toBe(true);
    expect((await store.centreCertificates('0123456A')).map((c) => c.serialHex)).toEqual([centreSerial, second.serialHex]);
    expect(await store.certificate(second.serialHex)).toEqual(second);
    expect(await store.recordCertificate(certificate('0123456A'), centre('0123456A', 'Autre nom'))).toEqual({ ok: false, error: { code: 'centreNameMismatch', centreId: '0123456A', storedName: 'Lycée 0123456A' } });
    expect(await store.recordCertificate(second, null)).toEqual({ ok: false, error: { code: 'certificateExists', serialHex: second.serialHex } });
    expect(await store.recordCertificate(certificate('NOPE'), null)).toEqual({ ok: false, error: { code: 'centreMissing', centreId: 'NOPE' } });
    const signing = certificate(null);
    expect((await store.recordCertificate(signing, null)).ok).toBe(true);
    expect((await store.certificate(signing.serialHex))?.kind).toBe('platformSigning');
  });

  test('revokes a known certificate once; refuses an unknown serial and a second revocation', async () => {
    const cert = certificate('0123456A');
    await store.recordCertificate(cert, null);
    expect(await store.revoke({ serialHex: 'abcdef', reason: 'keyCompromise', revokedAt: NOW })).toEqual({ ok: false, error: { code: 'unknownCertificate', serialHex: 'abcdef' } });
    expect(await store.revoke({ serialHex: cert.serialHex, reason: 'keyCompromise', revokedAt: NOW })).toEqual({ ok: true, value: undefined });
    expect(await store.revoke({ serialHex: cert.serialHex, reason: 'superseded', revokedAt: '2026-04-01T00:00:00.000Z' })).toEqual({ ok: false, error: { code: 'alreadyRevoked', serialHex: cert.serialHex, revokedAt: NOW } });
    expect(await store.revocation(cert.serialHex)).toEqual({ serialHex: cert.serialHex, reason: 'keyCompromise', revokedAt: NOW });
    expect((await store.revocations()).map((r) => r.serialHex)).toContain(cert.serialHex);
  });

  test('certificateFacts reads in one go what certificate, revocation and centre read one by one', async () => {
    const cert = certificate('0123456A');
    await store.recordCertificate(cert, null);
    const separately = async (serial: string) => {
      const issued = await store.certificate(serial);
      return { issued, revocation: await store.revocation(serial), centre: issued?.centreId ? await store.centre(issued.centreId) : null };
    };
    expect(await store.certificateFacts(cert.serialHex)).toEqual({ issued: cert, revocation: null, centre: centre('0123456A') });
    await store.revoke({ serialHex: cert.serialHex, reason: 'keyCompromise', revokedAt: NOW });
    const revoked = await store.certificateFacts(cert.serialHex);
    expect(revoked.revocation).toEqual({ serialHex: cert.serialHex, reason: 'keyCompromise', revokedAt: NOW });
    expect(revoked).toEqual(await separately(cert.serialHex));
    const signing = certificate(null);
    await store.recordCertificate(signing, null);
    expect(await store.certificateFacts(signing.serialHex)).toEqual({ issued: signing, revocation: null, centre: null });
    expect(await store.certificateFacts('abcdef')).toEqual({ issued: null, revocation: null, centre: null });
  });

  test('numbers CRLs 1, 2, 3… in order', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push(await store.recordCrl({ issuedAt: NOW, nextUpdate: '2026-03-09T09:00:00.000Z', entries: i }));
    expect(numbers[1]! - numbers[0]!).toBe(1);
    expect(numbers[2]! - numbers[1]!).toBe(1);
  });

  test('publishes each package version once; the latest is the last published', async () => {
    const pkg = (version: string) => {
      const document = Buffer.from(JSON.stringify({ packageId: 'pix-fr', version }));
      return { kind: 'content' as const, packageId: 'pix-fr', version, sha256: crypto.createHash('sha256').update(document).digest('hex'), document, signature: crypto.randomBytes(300), publishedAt: NOW };
    };
    const v2 = pkg('2026.2');
    const v10 = pkg('2026.10');
    expect((await store.publishPackage(v2)).ok).toBe(true);
    expect((await store.publishPackage(v10)).ok).toBe(true);
    expect(await store.publishPackage(pkg('2026.2'))).toEqual({ ok: false, error: { code: 'packageExists', kind: 'content', packageId: 'pix-fr', version: '2026.2' } });
    expect(await store.publishedPackage('content', 'pix-fr', null)).toEqual(v10);
    expect(await store.publishedPackage('content', 'pix-fr', '2026.2')).toEqual(v2);
    expect(await store.publishedPackage('profiles', 'pix-fr', null)).toBeNull();
    const summary = ({ document, signature: _signature, ...rest }: typeof v2) => ({ ...rest, bytes: document.length });
    expect(await store.publishedPackages()).toEqual([summary(v2), summary(v10)]);
  });

  test('stores a bundle with its results and finds each result by its verification code', async () => {
    const b = bundle('0123456A', centreSerial);
    const results = [result(1), result(2, { status: 'rejected', pix: 0, reason: 'taux de reproductibilité < 50 %' }), result(3)];
    expect(await store.storeBundle(b, results)).toEqual({ ok: true, value: { duplicate: false, receipt: b.receipt } });
    expect(await store.bundle(b.sha256)).toEqual(b);
    expect(await store.bundleReceipt(b.sha256)).toEqual(b.receipt);
    expect(await store.bundleReceipt('0'.repeat(64))).toBeNull();
    expect(await store.bundleResults(b.sha256)).toEqual(results);
    const found = await store.resultByVerificationCode(results[1]!.verificationCode);
    expect(found).toEqual({ ...results[1], centreId: '0123456A', centreName: 'Lycée 0123456A', bundleSha256: b.sha256 });
    expect(await store.resultByVerificationCode('P-XXXXXXXX')).toBeNull();
  });

  test('deduplicates a bundle by its hash: a second insert stores nothing and returns the first receipt', async () => {
    const b = bundle('0123456A', centreSerial);
    const results = [result(1), result(2)];
    await store.storeBundle(b, results);
    const resent = { ...b, receipt: Buffer.from('un autre reçu'), receivedAt: '2026-03-03T10:00:00.000Z' };
    expect(await store.storeBundle(resent, [result(1), result(2)])).toEqual({ ok: true, value: { duplicate: true, receipt: b.receipt } });
    expect(await store.bundleResults(b.sha256)).toEqual(results);
    expect((await store.bundle(b.sha256))?.receivedAt).toBe(NOW);
  });

  test('the same bundle sent five times at once is stored once; every answer carries the first receipt', async () => {
    const archive = crypto.randomBytes(64);
    const copies = Array.from({ length: 5 }, () => ({ ...bundle('0123456A', centreSerial, archive), receipt: crypto.randomBytes(16) }));
    const results = [result(1)];
    const answers = await Promise.all(copies.map((copy) => store.storeBundle(copy, results)));
    const values = answers.map((a) => (a.ok ? a.value : null));
    expect(values.filter((v) => v?.duplicate === false)).toHaveLength(1);
    const first = values.find((v) => v?.duplicate === false)!.receipt;
    expect(values.every((v) => v !== null && v.receipt.equals(first))).toBe(true);
    expect(await store.bundleResults(copies[0]!.sha256)).toEqual(results);
  });

  test('all or nothing: a result whose verification code is taken stores neither the bundle nor its other results', async () => {
    const first = result(1);
    await store.storeBundle(bundle('0123456A', centreSerial), [first]);
    const b = bundle('0123456A', centreSerial);
    const others = [result(1), result(2)];
    expect(await store.storeBundle(b, [...others, result(3, { verificationCode: first.verificationCode })])).toEqual({ ok: false, error: { code: 'verificationCodeTaken', verificationCodes: [first.verificationCode] } });
    expect(await store.bundle(b.sha256)).toBeNull();
    expect(await store.bundleReceipt(b.sha256)).toBeNull();
    for (const r of others) expect(await store.resultByVerificationCode(r.verificationCode)).toBeNull();
  });

  test('all or nothing: a failure on the last result (a status the schema refuses) rolls the whole bundle back', async () => {
    const b = bundle('0123456A', centreSerial);
    const good = result(1);
    await expect(store.storeBundle(b, [good, result(2, { status: 'bogus' as never })])).rejects.toThrow();
    expect(await store.bundle(b.sha256)).toBeNull();
    expect(await store.resultByVerificationCode(good.verificationCode)).toBeNull();
  });

  test('refuses a bundle listing one candidate twice, before writing anything', async () => {
    const b = bundle('0123456A', centreSerial);
    expect(await store.storeBundle(b, [result(7), result(7)])).toEqual({ ok: false, error: { code: 'duplicateCandidate', candidateId: 7 } });
    expect(await store.bundle(b.sha256)).toBeNull();
  });

  test('results come back as stored, whatever the names, dates, levels and competences (property)', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => !s.includes('\u0000'));
    const day = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2049-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const competence = fc.record({ code: fc.constantFrom('1.1', '1.2', '2.1', '3.4', '5.2'), level: fc.integer({ min: -1, max: 8 }), pix: fc.integer({ min: 0, max: 64 }) });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ lastName: text, firstName: text, birthDate: day, pix: fc.integer({ min: 0, max: 640 }), competences: fc.array(competence, { maxLength: 6 }), reason: fc.option(text) }), { minLength: 1, maxLength: 5 }),
      async (rows) => {
        const b = bundle('0123456A', centreSerial);
        const results = rows.map((row, i) => result(i + 1, { ...row, status: row.reason === null ? 'validated' : 'error' }));
        expect((await store.storeBundle(b, results)).ok).toBe(true);
        expect(await store.bundleResults(b.sha256)).toEqual(results);
      },
    ), { numRuns: 25 });
  });

  test('R-PUB-1 review: a held result is listed, published once by a person (look-up then sees it) or rejected; every other decision refused', async () => {
    const held = result(1);
    const toReject = result(2);
    const published = result(3, { publishedAt: NOW });
    const cancelled = result(4, { status: 'cancelled', reason: 'moins de 5 compétences' });
    const b = bundle('0123456A', centreSerial);
    expect((await store.storeBundle(b, [held, toReject, published, cancelled])).ok).toBe(true);
    const heldCodes = async () => (await store.resultsHeldForReview()).map((r) => r.verificationCode);
    expect(await heldCodes()).toEqual(expect.arrayContaining([held.verificationCode, toReject.verificationCode]));
    expect(await heldCodes()).not.toEqual(expect.arrayContaining([published.verificationCode]));
    expect(await heldCodes()).not.toEqual(expect.arrayContaining([cancelled.verificationCode]));
    expect((await store.resultByVerificationCode(held.verificationCode))!.publishedAt).toBeNull();

    const at = '2026-03-09T10:00:00.000Z';
    const decide = (verificationCode: string, decision: 'published' | 'rejected') => store.decideReview({ verificationCode, decision, decidedAt: at, decidedBy: 'Mme Martin', note: 'revue du PV' });
    // Two reviewers at once: one decision, whichever came first; the other is told it was taken.
    const both = await Promise.all([decide(held.verificationCode, 'published'), decide(held.verificationCode, 'published')]);
    expect(both.filter((d) => d.ok)).toHaveLength(1);
    expect(both.find((d) => d.ok)).toMatchObject({ ok: true, value: { verificationCode: held.verificationCode, publishedAt: at, centreName: 'Lycée 0123456A' } });
    expect(both.find((d) => !d.ok)).toEqual({ ok: false, error: { code: 'notHeldForReview', verificationCode: held.verificationCode, why: 'decided', decision: 'published' } });
    expect(await store.resultByVerificationCode(held.verificationCode)).toMatchObject({ publishedAt: at, status: 'validated' });

    expect(await decide(toReject.verificationCode, 'rejected')).toMatchObject({ ok: true, value: { publishedAt: null } });
    expect(await decide(toReject.verificationCode, 'published')).toMatchObject({ ok: false, error: { why: 'decided', decision: 'rejected' } });
    expect((await store.resultByVerificationCode(toReject.verificationCode))!.publishedAt).toBeNull();
    expect(await heldCodes()).not.toEqual(expect.arrayContaining([held.verificationCode]));
    expect(await heldCodes()).not.toEqual(expect.arrayContaining([toReject.verificationCode]));

    expect(await decide(published.verificationCode, 'published')).toEqual({ ok: false, error: { code: 'notHeldForReview', verificationCode: published.verificationCode, why: 'published' } });
    expect(await decide(cancelled.verificationCode, 'published')).toEqual({ ok: false, error: { code: 'notHeldForReview', verificationCode: cancelled.verificationCode, why: 'notValidated' } });
    expect(await decide('P-22222222', 'published')).toEqual({ ok: false, error: { code: 'unknownResult', verificationCode: 'P-22222222' } });
    expect((await store.resultByVerificationCode(published.verificationCode))!.publishedAt).toBe(NOW);
  });
});
