import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportCommand } from '../../../cli/export-command';
import { CliError } from '../../../cli/read-json';
import { SessionSignature } from '../../../shared/formats/signing';
import { rightAnswerFor } from '../../../shared/testing/simulated-answer';
import { createAuthority, issueCentreCertificate } from '../pki/certificates';
import { createDemoPki, type DemoPkiFiles } from '../pki/demo-pki';
import { exportPkcs12 } from '../pki/pkcs12';
import { openssl, scratchDir } from '../pki/test-openssl';
import { listEvents, verifyChain } from '../audit/event-chain';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { CANDIDATE_INPUT, SESSION_INPUT } from '../testing/test-server';
import { testContentPackage } from '../testing/test-packages';
import { pdfCheck } from '../testing/pdf-tools';
import { ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE } from './bundle-pdfs';
import { readBundle } from './read-bundle';

/**
 * Signing at the centre, end to end on a real station (HTTPS on loopback, real SQLite file): a session is sat and
 * finalised, the manager imports the demo centre's PKCS#12, the invigilator signs, the bundle is downloaded and
 * exported, and `openssl cms -verify` (not our code) checks it — and refuses it after one flipped byte.
 */
const scratch = scratchDir();
let h: Harness;
let pki: DemoPkiFiles;
let password: string;
const content = testContentPackage();
const manager = (method: string, url: string, body?: unknown) => h.t.call(method, url, { token: h.managerToken, ...(body === undefined ? {} : { body }) });
const importKey = (p12: Buffer, pass: string) => manager('POST', '/api/manager/centre-key', { pkcs12: p12.toString('base64'), password: pass });
const sign = (passphrase: string) => h.console('POST', '/signature', { passphrase });
const dupont = () => h.candidates.get('Dupont')!.id;

beforeAll(async () => {
  h = await startHarness();
  pki = createDemoPki(path.join(scratch.dir, 'pki'));
  password = fs.readFileSync(pki.centrePkcs12Password, 'utf8').trim();
});
afterAll(async () => {
  await h.close();
  scratch.remove();
});

describe('before signing', () => {
  test('a session that is not finalised cannot be signed; the bundle does not exist yet', async () => {
    const refused = await sign('peu importe');
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'sessionNotFinalised', field: 'sessionId' });
    expect(refused.json.error.message).toBe(`La session n° ${h.sessionNumber} n’est pas finalisée : finalisez-la avant de la signer.`);
    expect((await h.console('GET', '/bundle')).json.error.code).toBe('sessionNotSigned');
    expect((await h.console('GET', '/documents/attendance')).json.error.code).toBe('sessionNotSigned');
  });

  test('Dupont sits three questions, is ended by the invigilator; the session is finalised', async () => {
    const kiosk = await h.pairKiosk('Poste Dupont');
    const { entry, test: started } = await enterTest(h, kiosk, 'Dupont');
    expect(started.status).toBe(200);
    for (const c of content.challenges.slice(0, 3)) {
      const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId: c.id, answer: rightAnswerFor(c), clientAnswerId: c.id, elapsedMs: 3000, timedOut: false, focusLost: false });
      expect(ack.status).toBe(200);
    }
    expect((await h.console('POST', `/candidates/${dupont()}/end-test`)).status).toBe(200);
    const finalised = await h.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: dupont(), abortReason: 'candidate' }] });
    expect(finalised.status).toBe(200);
  });

  test('without authority.pem in the data folder, no key is imported', async () => {
    const refused = await importKey(fs.readFileSync(pki.centrePkcs12), password);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('noTrustedAuthority');
    expect(refused.json.error.message).toContain('placez authority.pem dans');
  });

  test('the refusals of the PKCS#12: wrong password, expired, not yet valid, another authority; nothing is kept', async () => {
    fs.copyFileSync(pki.authority, path.join(h.t.dataDir, 'authority.pem'));
    const wrong = await importKey(fs.readFileSync(pki.centrePkcs12), `${password}x`);
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ code: 'keyPasswordWrong', field: 'password', message: 'Fichier PKCS#12 refusé : mot de passe du fichier PKCS#12 incorrect.' });

    const authority = { certPem: fs.readFileSync(pki.authority, 'utf8'), keyPem: fs.readFileSync(pki.authorityKey, 'utf8') };
    const now = h.t.now();
    const expired = issueCentreCertificate(authority, { centreName: 'Centre de démonstration', centreId: 'DEMO-0001', validDays: 1, notBefore: new Date(now - 3 * 86_400_000) });
    const early = issueCentreCertificate(authority, { centreName: 'Centre de démonstration', centreId: 'DEMO-0001', validDays: 30, notBefore: new Date(now + 86_400_000) });
    const rogueAuthority = createAuthority({ commonName: 'Autorité de certification — DÉMONSTRATION', validDays: 30 });
    const rogue = issueCentreCertificate(rogueAuthority, { centreName: 'Centre de démonstration', centreId: 'DEMO-0001', validDays: 30 });
    for (const [certificate, chain, code, words] of [
      [expired, [authority.certPem], 'certificateExpired', 'Certificat du centre expiré le '],
      [early, [authority.certPem], 'certificateNotYetValid', 'Certificat du centre pas encore valide : valide à partir du '],
      [rogue, [rogueAuthority.certPem], 'certificateUntrusted', 'Certificat du centre refusé : le certificat du signataire n’est pas émis par l’autorité de confiance'],
    ] as const) {
      const refused = await importKey(exportPkcs12({ ...certificate, chainPems: [...chain] }, 'mot de passe'), 'mot de passe');
      expect(refused.status, code).toBe(422);
      expect(refused.json.error.code).toBe(code);
      expect(refused.json.error.message).toContain(words);
    }
    expect((await manager('GET', '/api/manager/centre-key')).json).toEqual({ key: null });
    expect(fs.existsSync(path.join(h.t.dataDir, 'centre-key.json'))).toBe(false);
  });

  test('an invigilator cannot import the centre key', async () => {
    const refused = await h.t.call('POST', '/api/manager/centre-key', { token: h.invigilatorToken, body: { pkcs12: 'AAAA', password: 'x' } });
    expect(refused.status).toBe(403);
  });
});

describe('signing', () => {
  let signature: SessionSignature;
  let bundle: Buffer;

  test('the manager imports the demo centre’s PKCS#12; the station shows its certificate, never its key', async () => {
    const imported = await importKey(fs.readFileSync(pki.centrePkcs12), password);
    expect(imported.status).toBe(201);
    expect(imported.json).toMatchObject({ subject: 'O=Centre de démonstration, CN=DEMO-0001', issuer: 'CN=Autorité de certification — DÉMONSTRATION' });
    expect((await manager('GET', '/api/manager/centre-key')).json).toEqual({ key: imported.json });
    expect(fs.readFileSync(path.join(h.t.dataDir, 'centre-key.json'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
  });

  test('a wrong passphrase is refused and signs nothing', async () => {
    const refused = await sign('pas la bonne');
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'passphraseWrong', field: 'passphrase' });
    expect((await h.console('GET', '/signature')).status).toBe(404);
  });

  test('the invigilator signs: the bundle is stored once and downloaded byte for byte', async () => {
    const signed = await sign(password);
    expect(signed.status).toBe(201);
    signature = SessionSignature.parse(signed.json);
    const results = await h.console('GET', '/results');
    expect(signature).toMatchObject({
      sessionId: h.sessionId, signedBy: `invigilator:${h.sessionId}`, signer: 'O=Centre de démonstration, CN=DEMO-0001',
      resultsSha256: results.headers['x-content-sha256'],
      files: ['results.json', 'results.json.p7s', 'LISEZMOI.txt', ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE, 'audit.jsonl'],
      certificateFingerprint: openssl(['x509', '-in', pki.centreCertificate, '-noout', '-fingerprint', '-sha256']).stdout.trim().replace(/^.*=/, ''),
    });
    expect((await h.console('GET', '/signature')).json).toEqual(signed.json);

    const downloaded = await h.console('GET', '/bundle');
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/zip');
    expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="resultats-session-${h.sessionNumber}.zip"`);
    bundle = downloaded.body;
    expect(createHash('sha256').update(bundle).digest('hex')).toBe(signature.bundleSha256);
    expect(downloaded.headers['x-content-sha256']).toBe(signature.bundleSha256);
    expect(bundle.length).toBe(signature.bundleBytes);
    expect((await h.console('GET', '/bundle')).body.equals(bundle)).toBe(true);

    const files = await readBundle(bundle);
    expect(files.ok).toBe(true);
    const byName = new Map(files.ok ? files.files.map((f) => [f.name, f.bytes]) : []);
    // Exactly the bytes the finalisation produced.
    expect(byName.get('results.json')!.equals(results.body)).toBe(true);
    const readme = byName.get('LISEZMOI.txt')!.toString('utf8');
    expect(readme).toContain('openssl cms -verify -binary -inform DER -content results.json -in results.json.p7s -CAfile authority.pem -purpose any');
    expect(readme).toContain(signature.certificateFingerprint);
    expect(readme).toContain(ATTENDANCE_SHEET_FILE);
    expect(readme).toContain('sha256sum audit.jsonl');
    // audit.jsonl: the session's events up to the finalisation, each line the canonical JSON the chain hashed; the
    // chain recomputed line by line ends at the head results.json signs, and the file's SHA-256 is the signed one.
    const { auditChain } = JSON.parse(results.body.toString('utf8')) as { auditChain: { seq: number; head: string; logSha256: string } };
    const log = byName.get('audit.jsonl')!;
    const lines = log.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = listEvents(h.t.db, h.sessionId).filter((e) => e.seq <= auditChain.seq);
    expect(lines).toEqual(events.map(({ prevHash: _p, hash: _h, ...entry }) => canonicalJson(entry)));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'sessionFinalised', seq: auditChain.seq });
    expect(lines.reduce((prev, line) => createHash('sha256').update(prev + line).digest('hex'), '0'.repeat(64))).toBe(auditChain.head);
    expect(events.at(-1)!.hash).toBe(auditChain.head);
    expect(createHash('sha256').update(log).digest('hex')).toBe(auditChain.logSha256);
    // The two PDFs are signed by the centre: pdfsig (poppler, not our code) says so, and refuses a flipped byte.
    const pdfs = pdfCheck();
    try {
      for (const name of [ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE]) {
        const pdf = byName.get(name)!;
        const checked = pdfs.pdfsig(pdf);
        expect(checked.out, name).toContain('Signature is Valid.');
        expect(checked.out, name).toContain('CN=DEMO-0001');
        const tampered = Buffer.from(pdf);
        const at = Math.floor(tampered.length / 3);
        tampered[at] = tampered[at]! ^ 0x01;
        expect(pdfs.pdfsig(tampered).out, name).not.toContain('Signature is Valid.');
      }
      expect(pdfs.pdftotext(byName.get(ATTENDANCE_SHEET_FILE)!)).toContain('Feuille d’émargement');
    } finally {
      pdfs.remove();
    }
    // The signature is recorded in the session's hash chain, which stays whole.
    expect(verifyChain(h.t.db, h.sessionId)).toMatchObject({ ok: true });
    expect(h.t.db.prepare("SELECT kind FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(h.sessionId)).toBe('sessionSigned');
  });

  test('issue 10 §1 — each PDF of the signed bundle is served for the console: its exact bytes, signed (pdfsig); another name is 404', async () => {
    const files = await readBundle(bundle);
    if (!files.ok) throw new Error(files.reason);
    const pdfs = pdfCheck();
    try {
      for (const [document, name] of [['attendance', ATTENDANCE_SHEET_FILE], ['incidents', INCIDENT_REPORT_FILE]] as const) {
        const served = await h.console('GET', `/documents/${document}`);
        expect(served.status, document).toBe(200);
        expect(served.headers['content-type']).toBe('application/pdf');
        expect(served.headers['content-disposition']).toBe(`inline; filename="session-${h.sessionNumber}-${name}"`);
        expect(served.body.equals(files.files.find((f) => f.name === name)!.bytes), document).toBe(true);
        expect(served.headers['x-content-sha256']).toBe(createHash('sha256').update(served.body).digest('hex'));
        expect(pdfs.pdfsig(served.body).out, document).toContain('Signature is Valid.');
      }
    } finally {
      pdfs.remove();
    }
    const unknown = await h.console('GET', '/documents/results');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('notFound');
    // Another session's path: refused by the invigilator's own session check (auth hook).
    const other = await h.t.call('GET', `/api/console/sessions/${h.sessionId + 1000}/documents/attendance`, { token: h.invigilatorToken });
    expect(other.status).toBe(403);
  });

  test('passation export writes the same .zip; openssl verifies it, and fails after one flipped byte of either file', async () => {
    const out = path.join(scratch.dir, 'export');
    const lines: string[] = [];
    await exportCommand(String(h.sessionNumber), { out, dataDir: h.t.dataDir }, (l) => lines.push(l));
    const unpacked = path.join(out, `resultats-session-${h.sessionNumber}`);
    expect(fs.readFileSync(`${unpacked}.zip`).equals(bundle)).toBe(true);
    expect(fs.readdirSync(unpacked).sort()).toEqual(['LISEZMOI.txt', 'audit.jsonl', 'authority.pem', ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE, 'results.json', 'results.json.p7s'].sort());
    expect(lines.at(-1)).toBe(`  cd ${unpacked} && openssl cms -verify -binary -inform DER -content results.json -in results.json.p7s -CAfile authority.pem -purpose any`);

    const verify = (content: string, p7s: string) => openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', content, '-in', p7s, '-CAfile', path.join(unpacked, 'authority.pem'), '-purpose', 'any', '-out', '/dev/null']);
    const resultsFile = path.join(unpacked, 'results.json');
    const p7sFile = path.join(unpacked, 'results.json.p7s');
    const good = verify(resultsFile, p7sFile);
    expect(good.stderr).toContain('Verification successful');
    expect(good.status).toBe(0);

    const flipped = (file: string, at: number) => {
      const bytes = Buffer.from(fs.readFileSync(file));
      bytes[at] = bytes[at]! ^ 0x01;
      return scratch.write(`flipped-${path.basename(file)}-${at}`, bytes);
    };
    const results = fs.readFileSync(resultsFile);
    for (const at of [0, Math.floor(results.length / 2), results.length - 1]) {
      const bad = verify(flipped(resultsFile, at), p7sFile);
      expect(bad.status, `octet ${at} de results.json`).not.toBe(0);
      expect(bad.stderr).toMatch(/Verification failure|digest failure/i);
    }
    // In the signature itself: the last byte is inside the RSA signature value.
    const p7s = fs.readFileSync(p7sFile);
    const bad = verify(resultsFile, flipped(p7sFile, p7s.length - 1));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).not.toContain('Verification successful');
    // Against another authority, the genuine files fail too.
    const other = scratch.write('other-authority.pem', createAuthority({ commonName: 'Autre autorité', validDays: 30 }).certPem);
    const foreign = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', resultsFile, '-in', p7sFile, '-CAfile', other, '-purpose', 'any', '-out', '/dev/null']);
    expect(foreign.status).not.toBe(0);
  });
});

describe('a signed session is frozen', () => {
  test('signing again is refused; the stored bundle stays', async () => {
    const again = await sign(password);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'sessionAlreadySigned', message: `La session n° ${h.sessionNumber} est déjà signée : son lot de résultats ne change plus.` });
  });

  test('every change is refused with 409 and says the session is signed', async () => {
    const roux = h.candidates.get('Roux')!.id;
    const attempts: [string, Promise<{ status: number; json: { error: { code: string; message: string } } }>][] = [
      ['finalisation', h.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false })],
      ['signalement', h.console('POST', '/incidents', { candidateId: dupont(), category: 'C8' })],
      ['temps majoré', h.console('PUT', `/candidates/${roux}/extra-time`, { extraTimePercent: 30 })],
      ['présence', h.console('POST', `/candidates/${roux}/confirm-presence`)],
      ['fin de test', h.console('POST', `/candidates/${dupont()}/end-test`)],
      ['nouveau candidat', manager('POST', `/api/manager/sessions/${h.sessionId}/candidates`, { ...CANDIDATE_INPUT, lastName: 'Nouveau', firstName: 'Né' })],
      ['candidat modifié', manager('PUT', `/api/manager/candidates/${roux}`, { ...h.candidates.get('Roux')!.input, firstName: 'Adrien' })],
      ['candidat supprimé', manager('DELETE', `/api/manager/candidates/${roux}`)],
      ['session modifiée', manager('PUT', `/api/manager/sessions/${h.sessionId}`, { ...SESSION_INPUT, room: 'C3' })],
      ['session supprimée', manager('DELETE', `/api/manager/sessions/${h.sessionId}`)],
      ['mot de passe du surveillant', manager('POST', `/api/manager/sessions/${h.sessionId}/invigilator-password`)],
    ];
    for (const [what, attempt] of attempts) {
      const refused = await attempt;
      expect(refused.status, what).toBe(409);
      expect(refused.json.error.message, what).toContain('est signée');
    }
    const packages = h.t.server.app.centre.packages;
    const content = packages.listPackages('content')[0]!;
    expect(packages.useInSession(h.sessionId, content.id)).toMatchObject({ ok: false, error: { code: 'sessionLocked', message: `La session n° ${h.sessionNumber} est signée : ses paquets ne peuvent plus changer.` } });
    expect(h.t.server.app.centre.sessions.getCandidate(roux)!.firstName).toBe('Adam');
  });

  test('the stored signature cannot be changed or removed, even in SQL', () => {
    expect(() => h.t.db.prepare('UPDATE session_signatures SET signed_by = ?').run('autre')).toThrow(/ne se modifie pas/);
    expect(() => h.t.db.prepare('DELETE FROM session_signatures').run()).toThrow(/ne se supprime pas/);
  });
});

describe('passation export — refusals', () => {
  test('usage, a missing database, an unknown session, a session not signed', async () => {
    const expectCli = async (run: Promise<void>, code: number, words: string) => {
      const error = await run.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(code);
      expect((error as CliError).message).toContain(words);
    };
    const out = path.join(scratch.dir, 'refused');
    const none = () => {};
    await expectCli(exportCommand(undefined, { out }, none), 2, 'usage : passation export NUMÉRO_DE_SESSION --out DOSSIER');
    await expectCli(exportCommand('12', {}, none), 2, 'usage');
    await expectCli(exportCommand('12', { out, dataDir: path.join(scratch.dir, 'vide') }, none), 1, 'base introuvable');
    await expectCli(exportCommand('999999', { out, dataDir: h.t.dataDir }, none), 1, 'session n° 999999 introuvable');
    const other = await manager('POST', '/api/manager/sessions', { ...SESSION_INPUT, room: 'Z9', startTime: '14:00' });
    expect(other.status, other.text).toBe(201);
    await expectCli(exportCommand(String(other.json.session.number), { out, dataDir: h.t.dataDir }, none), 1, 'n’est pas signée');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('the shipped command (bin/passation.js): exit 0 and the same .zip; exit 1 and a French message; exit 2 for usage', () => {
    const bin = path.join(__dirname, '..', '..', '..', 'bin', 'passation.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    const out = path.join(scratch.dir, 'bin-export');
    const done = run('export', String(h.sessionNumber), '--out', out, '--data-dir', h.t.dataDir);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain(`Lot de résultats de la session n° ${h.sessionNumber} : `);
    expect(fs.readFileSync(path.join(out, `resultats-session-${h.sessionNumber}.zip`)).equals(fs.readFileSync(path.join(scratch.dir, 'export', `resultats-session-${h.sessionNumber}.zip`)))).toBe(true);
    const unknown = run('export', '999999', '--out', out, '--data-dir', h.t.dataDir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe(`passation : session n° 999999 introuvable dans ${path.join(h.t.dataDir, 'centre.sqlite')}\n`);
    expect(run('export', String(h.sessionNumber)).status).toBe(2);
  });
});

describe('wrong passphrases, then two signatures at once', () => {
  test('wrong passphrases slow down (429 with Retry-After); then of two signatures, one is stored, the other refused', async () => {
    const other = await startHarness();
    try {
      fs.copyFileSync(pki.authority, path.join(other.t.dataDir, 'authority.pem'));
      const kiosk = await other.pairKiosk('Poste Dupont');
      expect((await enterTest(other, kiosk, 'Dupont')).test.status).toBe(200);
      const id = other.candidates.get('Dupont')!.id;
      expect((await other.console('POST', `/candidates/${id}/end-test`)).status).toBe(200);
      expect((await other.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: id, abortReason: 'technical' }] })).status).toBe(200);
      expect((await other.t.call('POST', '/api/manager/centre-key', { token: other.managerToken, body: { pkcs12: fs.readFileSync(pki.centrePkcs12).toString('base64'), password } })).status).toBe(201);
      for (let i = 0; i < 3; i++) expect((await other.console('POST', '/signature', { passphrase: `faux-${i}` })).json.error.code).toBe('passphraseWrong');
      const slowed = await other.console('POST', '/signature', { passphrase: password });
      expect(slowed.status).toBe(429);
      expect(slowed.json.error.code).toBe('tooManyAttempts');
      expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
      other.t.advance(Number(slowed.headers['retry-after']) * 1000);
      const both = await Promise.all([other.console('POST', '/signature', { passphrase: password }), other.console('POST', '/signature', { passphrase: password })]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      const winner = both.find((r) => r.status === 201)!;
      expect(both.find((r) => r.status === 409)!.json.error.code).toBe('sessionAlreadySigned');
      const bundle = await other.console('GET', '/bundle');
      expect(createHash('sha256').update(bundle.body).digest('hex')).toBe(winner.json.bundleSha256);
      expect(other.t.db.prepare("SELECT count(*) FROM events WHERE session_id = ? AND kind = 'sessionSigned'").pluck().get(other.sessionId)).toBe(1);
    } finally {
      await other.close();
    }
  });
});
