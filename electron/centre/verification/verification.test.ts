import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { validateAnswer } from '../../../shared/certification/validation';
import type { ResultsDocument, ResultsDocumentV2 } from '../../../shared/formats/results';
import { rightAnswerFor, wrongAnswerFor } from '../../../shared/testing/simulated-answer';
import { readCertificatePem, subjectText } from '../pki/certificate-info';
import { createAuthority, issueCentreCertificate, type CertificateAndKey } from '../pki/certificates';
import { signDetached, type CmsSigner } from '../pki/cms-sign';
import { createDemoPki, type DemoPkiFiles } from '../pki/demo-pki';
import { importPkcs12 } from '../pki/pkcs12';
import { scratchDir } from '../pki/test-openssl';
import { PDFDocument } from 'pdf-lib';
import { signPdf } from '../reports/sign-pdf';
import { ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE, PDF_DESCRIPTIONS, pdfSignatureReason } from '../signing/bundle-pdfs';
import { AUDIT_LOG_DESCRIPTION, bundleReadme } from '../signing/bundle-readme';
import { readBundle } from '../signing/read-bundle';
import type { BundleFile } from '../signing/results-bundle';
import { finalisedAsFormatV2 } from '../testing/format-v2-session';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { testContentPackage } from '../testing/test-packages';
import { buildCrlDer, crlPem } from '../../../platform/authority/crl';
import { coherenceProblems } from './document-coherence';
import { rescoreDocument } from './rescore-document';
import { EXPECTED_FILES, verifyBundle, verifyBundleFiles, type BundleVerification } from './verify-bundle';

/**
 * Issue 9 §4 — `passation verify` and `passation rescore` on a real signed bundle: a station on loopback (real
 * SQLite file, HTTPS) runs a session — Dupont answers four questions (one wrong, then an E4 incident neutralises
 * it), Roux two wrong, both ended by the invigilator — finalises, imports the demo centre's PKCS#12 and signs;
 * the bundle is downloaded as the console downloads it. Then thousands of altered bundles, built in memory, are
 * each refused by `verifyBundle` (or, for a changed answer re-signed by the centre itself, by the rescoring).
 */
const scratch = scratchDir();
const content = testContentPackage();
let h: Harness;
/** The same session finalised by a station of before format 3 (format 2, format-v2-session.ts). */
let hV2: Harness;
let bundleV2: Buffer;
let documentV2: ResultsDocumentV2;
let pki: DemoPkiFiles;
let authorityPem: string;
let centre: CmsSigner;
let bundle: Buffer;
let files: BundleFile[];
let document: ResultsDocument;
let contentFile: string;
let bundleFile: string;
let authorityFile: string;

const challengeOf = (id: string) => content.challenges.find((c) => c.id === id)!;
/** What the content says of an answer (format 3 documents carry no status). */
const validationOf = (a: { challengeId: string; answer: Parameters<typeof validateAnswer>[1] }) => validateAnswer(challengeOf(a.challengeId), a.answer).status;

/** The scenario below on harness `h`, finalised, then `beforeSigning` (a format 2 document in its place), signed: the bundle. */
async function sessionBundle(h: Harness, password: string, beforeSigning: (h: Harness) => void = () => {}): Promise<Buffer> {
  const sit = async (lastName: string, answers: ('right' | 'wrong')[]) => {
    const kiosk = await h.pairKiosk(`Poste ${lastName}`);
    const { entry, test: started } = await enterTest(h, kiosk, lastName);
    if (started.status !== 200) throw new Error(started.text);
    const ids = (started.json.challenges as { challengeId: string }[]).map((c) => c.challengeId);
    for (const [i, kind] of answers.entries()) {
      const c = challengeOf(ids[i]!);
      const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, {
        challengeId: c.id, answer: kind === 'right' ? rightAnswerFor(c) : wrongAnswerFor(c), clientAnswerId: `${lastName}-${i}`, elapsedMs: 2000 + i, timedOut: false, focusLost: false,
      });
      if (ack.status !== 200) throw new Error(ack.text);
    }
    return ids;
  };
  const dupont = await sit('Dupont', ['right', 'right', 'wrong', 'right']);
  await sit('Roux', ['wrong', 'wrong']);
  const id = (name: string) => h.candidates.get(name)!.id;
  const incident = await h.console('POST', '/incidents', { candidateId: id('Dupont'), category: 'E4', challengeId: dupont[2], description: 'site indisponible' });
  if (incident.status !== 201) throw new Error(incident.text);
  for (const name of ['Dupont', 'Roux']) expect((await h.console('POST', `/candidates/${id(name)}/end-test`)).status).toBe(200);
  const finalised = await h.console('POST', '/finalisation', {
    incidentDuringSession: true, joiningIssue: false,
    candidates: [{ candidateId: id('Dupont'), abortReason: 'technical' }, { candidateId: id('Roux'), abortReason: 'candidate' }],
  });
  if (finalised.status !== 200) throw new Error(finalised.text);
  beforeSigning(h);
  const imported = await h.t.call('POST', '/api/manager/centre-key', { token: h.managerToken, body: { pkcs12: fs.readFileSync(pki.centrePkcs12).toString('base64'), password } });
  if (imported.status !== 201) throw new Error(imported.text);
  const signed = await h.console('POST', '/signature', { passphrase: password });
  if (signed.status !== 201) throw new Error(signed.text);
  return (await h.console('GET', '/bundle')).body;
}

beforeAll(async () => {
  h = await startHarness();
  hV2 = await startHarness();
  pki = createDemoPki(path.join(scratch.dir, 'pki'));
  authorityPem = fs.readFileSync(pki.authority, 'utf8');
  for (const harness of [h, hV2]) fs.copyFileSync(pki.authority, path.join(harness.t.dataDir, 'authority.pem'));
  const password = fs.readFileSync(pki.centrePkcs12Password, 'utf8').trim();
  const p12 = importPkcs12(fs.readFileSync(pki.centrePkcs12), password);
  if (!p12.ok) throw new Error(p12.reason);
  centre = { certPem: p12.certPem, keyPem: p12.keyPem, chainPems: p12.chainPems };

  bundle = await sessionBundle(h, password);
  bundleV2 = await sessionBundle(hV2, password, finalisedAsFormatV2);
  const readV2 = await readBundle(bundleV2);
  if (!readV2.ok) throw new Error(readV2.reason);
  documentV2 = JSON.parse(readV2.files[0]!.bytes.toString('utf8')) as ResultsDocumentV2;
  const read = await readBundle(bundle);
  if (!read.ok) throw new Error(read.reason);
  files = read.files;
  document = JSON.parse(files[0]!.bytes.toString('utf8')) as ResultsDocument;
  contentFile = scratch.write('content.json', JSON.stringify(content));
  bundleFile = scratch.write('lot.zip', bundle);
  authorityFile = scratch.write('authority.pem', authorityPem);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await hV2?.close();
  scratch.remove();
});

/** A bundle from files, built in memory (stored, not deflated: the verifier reads either). */
function zip(parts: readonly BundleFile[]): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const f of parts) archive.addBuffer(f.bytes, f.name, { compress: false, mtime: new Date(0) });
  archive.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on('data', (c: Buffer) => chunks.push(c));
    archive.outputStream.on('error', reject);
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const replaced = (name: string, bytes: Buffer) => files.map((f) => (f.name === name ? { name, bytes } : f));
const failed = (v: BundleVerification) => v.checks.filter((c) => !c.ok).map((c) => c.name);
const signingTimeOf = () => new Date(document.finalisedAt).getTime() + 1000;

/** What an insider holding the centre's key would do: change results.json, sign it again, rewrite LISEZMOI.txt. */
function resigned(changed: ResultsDocument, signer: CmsSigner = centre, signingTime = new Date(signingTimeOf()), log?: Buffer): BundleFile[] {
  const results = Buffer.from(canonicalJson(changed), 'utf8');
  const p7s = signDetached(results, signer, { signingTime });
  const cert = new X509Certificate(signer.certPem);
  const readme = bundleReadme({
    sessionNumber: changed.session.number, centre: changed.session.centre, signedAt: signingTime,
    signer: subjectText(readCertificatePem(signer.certPem)), certificateFingerprint: cert.fingerprint256,
    resultsSha256: createHash('sha256').update(results).digest('hex'),
    authorityFingerprint: new X509Certificate(authorityPem).fingerprint256,
    extraFiles: [...[ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE].map((name) => ({ name, description: PDF_DESCRIPTIONS[name]! })), { name: 'audit.jsonl', description: AUDIT_LOG_DESCRIPTION }],
  });
  return files.map((f) => (f.name === 'results.json' ? { name: f.name, bytes: results } : f.name === 'results.json.p7s' ? { name: f.name, bytes: p7s }
    : f.name === 'LISEZMOI.txt' ? { name: f.name, bytes: Buffer.from(readme, 'utf8') } : f.name === 'audit.jsonl' && log !== undefined ? { name: f.name, bytes: log } : f));
}
const clone = (): ResultsDocument => JSON.parse(JSON.stringify(document)) as ResultsDocument;
const tested = (d: ResultsDocument) => d.candidates.filter((c) => c.test !== null).map((c) => c.test!);

describe('the genuine bundle', () => {
  test('verifyBundle: every check ✓, in the order passation verify prints them', async () => {
    const verification = await verifyBundle(bundle, authorityPem);
    expect(verification.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.checks.map((c) => c.name)).toEqual([
      'Archive .zip et noms des fichiers', 'Signature CMS de results.json', 'results.json : schéma et JSON canonique',
      'Certificat du centre : chaîne jusqu’à l’autorité, validité à l’heure de signature', 'Chaîne d’audit (audit.jsonl recalculé jusqu’à la tête signée, d’accord avec les résultats)',
      'Cohérence du document (réponses, numéros de question, score provisoire)', `Signature PDF de ${ATTENDANCE_SHEET_FILE}`,
      `Signature PDF de ${INCIDENT_REPORT_FILE}`, 'LISEZMOI.txt (non signé) conforme aux faits vérifiés',
    ]);
    expect(files.map((f) => f.name)).toEqual([...EXPECTED_FILES]);
    expect(verification.checks[1]!.detail).toBe('SHA-256 de results.json signé par O=Centre de démonstration, CN=DEMO-0001');
    expect(verification.checks[3]!.detail).toContain('émis par CN=Autorité de certification — DÉMONSTRATION');
    // The scenario is what the test says it is: the rescoring below has something to recompute.
    const [dupont, roux] = tested(document);
    expect(document.formatVersion).toBe(3);
    expect(dupont!.answers.map(validationOf)).toEqual(['ok', 'ok', 'ko', 'ok']);
    expect(dupont!.effects.filter((e) => e.category === 'E4').map((e) => e.effect)).toEqual(['neutralized']);
    expect(dupont!.effects.some((e) => e.category === 'R-FIN-2' && e.effect === 'neutralized')).toBe(true);
    expect(roux!.effects.some((e) => e.category === 'R-FIN-2' && e.effect === 'autoSkipped')).toBe(true);
  });

  test('rescoreDocument recomputes every result from the raw answers and agrees with the document', () => {
    const rescoring = rescoreDocument(document, content);
    expect(rescoring.disagreements).toEqual([]);
    const expected = document.candidates.map((c) => c.test === null
      ? { candidateId: c.candidateId, lastName: c.lastName, firstName: c.firstName, verificationCode: null, status: null, pix: null, levels: {} }
      : { candidateId: c.candidateId, lastName: c.lastName, firstName: c.firstName, verificationCode: c.test.verificationCode, status: c.test.result.status,
        pix: c.test.result.pix, levels: Object.fromEntries(c.test.result.competences.map((m) => [m.code, m.level])) });
    expect(rescoring.candidates).toEqual(expected);
    expect(rescoring.candidates.filter((c) => c.status !== null)).toHaveLength(2);
  });

  test('not a bundle, or no readable authority: every check ✗ with its reason, none skipped', async () => {
    const garbage = await verifyBundle(Buffer.from('ceci n’est pas une archive'), authorityPem);
    expect(garbage.checks).toHaveLength(9);
    expect(garbage.checks.every((c) => !c.ok)).toBe(true);
    expect(garbage.checks[0]!.detail).toContain('archive .zip illisible');
    expect(garbage.checks[1]!.detail).toBe('results.json absent du lot');
    const noAuthority = await verifyBundle(bundle, 'pas un certificat');
    expect(noAuthority.ok).toBe(false);
    expect(noAuthority.checks.filter((c) => !c.ok).map((c) => c.detail)).toContain('certificat de l’autorité illisible (PEM attendu)');
  });

  test('another content package gives a disagreement, not a silent agreement', () => {
    const other = { ...content, challenges: content.challenges.map((c) => (c.type === 'QCU' ? { ...c, solution: { choice: c.solution.choice === '1' ? '2' : '1' } } : c)) } as typeof content;
    expect(rescoreDocument(document, other).disagreements.length).toBeGreaterThan(0);
  });
});

describe('a format 2 bundle (the same session, finalised by a station of before format 3)', () => {
  test('verifyBundle: every check ✓; rescoreDocument agrees; passation verify and rescore exit 0', async () => {
    expect(documentV2.formatVersion).toBe(2);
    expect(documentV2.candidates.filter((c) => c.test).map((c) => c.test!.answers.map((a) => a.status))).toEqual([['ok', 'ok', 'ko', 'ok'], ['ko', 'ko']]);
    const verification = await verifyBundle(bundleV2, authorityPem);
    expect(verification.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verification.checks[2]!.detail).toBe(`session n° ${documentV2.session.number}, ${documentV2.candidates.length} candidat(s)`);
    expect(rescoreDocument(documentV2, content).disagreements).toEqual([]);
    // The same candidates, the same results as the format 3 session (another station, the same answers).
    expect(rescoreDocument(documentV2, content).candidates.map((c) => [c.lastName, c.status, c.pix])).toEqual(
      rescoreDocument(document, content).candidates.map((c) => [c.lastName, c.status, c.pix]));
    const bin = path.join(__dirname, '..', '..', '..', 'bin', 'passation.js');
    const file = scratch.write('lot-format-2.zip', bundleV2);
    const verified = spawnSync(process.execPath, [bin, 'verify', file, '--ca', authorityFile], { encoding: 'utf8' });
    expect(verified.status, verified.stdout).toBe(0);
    const rescored = spawnSync(process.execPath, [bin, 'rescore', file, '--content', contentFile], { encoding: 'utf8' });
    expect(rescored.status, rescored.stderr).toBe(0);
    expect(rescored.stderr).toBe('Accord : les résultats recalculés sont ceux du document (2 candidat(s) testé(s)).\n');
  });

  test('its derived data still checked: a status, a question number, the scoring input changed: coherence problems; a changed answer: a disagreement naming it', () => {
    const copy = () => JSON.parse(JSON.stringify(documentV2)) as ResultsDocumentV2;
    const dupontOf = (d: ResultsDocumentV2) => d.candidates.find((c) => c.lastName === 'Dupont')!.test!;
    expect(coherenceProblems(documentV2)).toEqual([]);
    const status = copy();
    dupontOf(status).answers[0]!.status = 'ko';
    expect(coherenceProblems(status).join(' ; ')).toContain('dans le score');
    const number = copy();
    dupontOf(number).answers[0]!.questionNumber = 3;
    expect(coherenceProblems(number).join(' ; ')).toContain('(R-INC-1)');
    const input = copy();
    dupontOf(input).scoringInput.maxLevel = 4;
    expect(coherenceProblems(input)).toContain('candidat ' + String(documentV2.candidates.find((c) => c.lastName === 'Dupont')!.candidateId) + ' (Dupont Marie) : niveau maximal du score différent de celui de la session');
    const changed = copy();
    const answer = dupontOf(changed).answers[0]!;
    answer.answer = wrongAnswerFor(challengeOf(answer.challengeId));
    expect(rescoreDocument(changed, content).disagreements.join(' ; ')).toContain(`réponse à ${answer.challengeId} : « ko » / « ko » recalculés, « ok » / « ok » dans le document`);
  });
});

describe('tampering: every altered bundle is refused', () => {
  let count = 0;
  afterAll(() => {
    // Issue 9 proof: at least 2,000 altered bundles in total.
    expect(count).toBeGreaterThanOrEqual(2000);
    console.log(`${count} lots altérés, tous refusés`);
  });

  const FLIPS_PER_FILE = 390;
  test(`random byte flips: ${FLIPS_PER_FILE} in each of the ${EXPECTED_FILES.length} files (${FLIPS_PER_FILE * EXPECTED_FILES.length} bundles)`, async () => {
    // The unaltered files pass the same call: a refusal below is the flipped byte's doing.
    expect(verifyBundleFiles({ ok: true, files }, authorityPem).checks.filter((c) => !c.ok)).toEqual([]);
    for (const [index, name] of EXPECTED_FILES.entries()) {
      const original = files[index]!.bytes;
      await fc.assert(fc.asyncProperty(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const bytes = Buffer.from(original);
        bytes[at] = bytes[at]! ^ mask;
        // In memory, past the archive (whose reading the other tests go through): the verifier sees the altered file.
        const verification = verifyBundleFiles({ ok: true, files: replaced(name, bytes) }, authorityPem);
        count++;
        expect(verification.ok, `${name}, octet ${at} ^ ${mask}`).toBe(false);
      }), { numRuns: FLIPS_PER_FILE, seed: 9_0000 + index });
    }
  }, 300_000);

  test('the archive itself: a file missing, one added, two swapped, a copy of results.json in a folder', async () => {
    const variants = [
      files.slice(1), files.slice(0, -1), [...files, { name: 'autre.txt', bytes: Buffer.from('x') }],
      [files[1]!, files[0]!, ...files.slice(2)], [...files, { name: 'copie/results.json', bytes: files[0]!.bytes }],
    ];
    for (const variant of variants) {
      const verification = await verifyBundle(await zip(variant), authorityPem);
      count++;
      expect(failed(verification)).toContain('Archive .zip et noms des fichiers');
    }
  });

  test('results.json changed but not signed again: an answer changed, an answer or an incident removed, two answers swapped', async () => {
    const alterations: ResultsDocument[] = [];
    for (const [t, testDoc] of tested(document).entries()) {
      for (const [i, answer] of testDoc.answers.entries()) {
        const changed = clone();
        tested(changed)[t]!.answers[i]!.answer = validationOf(answer) === 'ok' ? wrongAnswerFor(challengeOf(answer.challengeId)) : rightAnswerFor(challengeOf(answer.challengeId));
        const removed = clone();
        tested(removed)[t]!.answers.splice(i, 1);
        alterations.push(changed, removed);
      }
    }
    const noIncident = clone();
    noIncident.incidents = [];
    const swapped = clone();
    tested(swapped)[0]!.answers.reverse();
    alterations.push(noIncident, swapped);
    for (const changed of alterations) {
      const verification = await verifyBundle(await zip(replaced('results.json', Buffer.from(canonicalJson(changed), 'utf8'))), authorityPem);
      count++;
      expect(failed(verification)).toContain('Signature CMS de results.json');
    }
  });

  test('signed again by the centre itself (an insider): events removed or reordered are refused by verify, a changed answer by the rescoring', async () => {
    const removals: ResultsDocument[] = [];
    for (const [t, testDoc] of tested(document).entries()) {
      for (let i = 0; i < testDoc.answers.length; i++) {
        const removed = clone();
        tested(removed)[t]!.answers.splice(i, 1);
        removals.push(removed);
        for (let j = i + 1; j < testDoc.answers.length; j++) {
          const swapped = clone();
          const answers = tested(swapped)[t]!.answers;
          [answers[i], answers[j]] = [answers[j]!, answers[i]!];
          removals.push(swapped);
        }
      }
    }
    const noIncident = clone();
    noIncident.incidents = [];
    const shorterChain = clone();
    shorterChain.auditChain.seq = 3;
    const betterResult = clone();
    tested(betterResult)[1]!.result.pix += 64;
    removals.push(noIncident, shorterChain, betterResult);
    for (const changed of removals) {
      const verification = await verifyBundle(await zip(resigned(changed)), authorityPem);
      count++;
      expect(failed(verification).filter((n) => n.startsWith('Cohérence') || n.startsWith('Chaîne d’audit')), JSON.stringify(verification.checks.filter((c) => !c.ok))).not.toEqual([]);
      // Everything else about it is genuine: the signature, the chain, the PDFs, LISEZMOI.txt.
      expect(failed(verification).every((n) => n.startsWith('Cohérence') || n.startsWith('Chaîne d’audit'))).toBe(true);
    }
    for (const [t, testDoc] of tested(document).entries()) {
      for (const [i, answer] of testDoc.answers.entries()) {
        const changed = clone();
        const c = challengeOf(answer.challengeId);
        tested(changed)[t]!.answers[i]!.answer = validationOf(answer) === 'ok' ? wrongAnswerFor(c) : rightAnswerFor(c);
        expect((await verifyBundle(await zip(resigned(changed)), authorityPem)).ok).toBe(true);
        const rescoring = rescoreDocument(changed, content);
        count++;
        // Format 3 carries no status to compare: the result (or the effects) recomputed from the answer differs.
        expect(rescoring.disagreements.some((d) => d.includes('résultat recalculé') || d.includes('effets de la finalisation')), JSON.stringify(rescoring.disagreements)).toBe(true);
      }
    }
  });

  describe('the audit log (audit.jsonl)', () => {
    const logLines = () => files.find((f) => f.name === 'audit.jsonl')!.bytes.toString('utf8').slice(0, -1).split('\n');
    const logOf = (lines: readonly string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
    const chainCheck = (v: BundleVerification) => v.checks.find((c) => c.name.startsWith('Chaîne d’audit'))!;
    /** The lines as an insider would chain them again: each renumbered, the head and the SHA-256 recomputed. */
    const rechained = (lines: readonly string[], renumber: boolean) => {
      const out = renumber ? lines.map((l, i) => canonicalJson({ ...(JSON.parse(l) as object), seq: i + 1 })) : [...lines];
      const head = out.reduce((prev, line) => createHash('sha256').update(prev + line).digest('hex'), '0'.repeat(64));
      const log = logOf(out);
      return { log, auditChain: { seq: out.length, head, logSha256: createHash('sha256').update(log).digest('hex') } };
    };

    test('the genuine log: the events up to the finalisation, recomputed to the signed head', () => {
      const lines = logLines();
      expect(lines).toHaveLength(document.auditChain.seq);
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'sessionFinalised', at: document.finalisedAt });
      expect(lines.filter((l) => (JSON.parse(l) as { kind: string }).kind === 'answer')).toHaveLength(tested(document).reduce((n, t) => n + t.answers.length, 0));
    });

    test('edited but not signed again: each event removed, each one swapped with the next, each one edited, one added or doubled', async () => {
      const lines = logLines();
      const variants: { what: string; lines: string[] }[] = [];
      for (let i = 0; i < lines.length; i++) {
        variants.push({ what: `n° ${i + 1} retiré`, lines: lines.filter((_, j) => j !== i) });
        if (i + 1 < lines.length) {
          const swapped = [...lines];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
          variants.push({ what: `n° ${i + 1} et ${i + 2} permutés`, lines: swapped });
        }
        const event = JSON.parse(lines[i]!) as { at: string; payload: Record<string, unknown> };
        variants.push({ what: `n° ${i + 1} : heure changée`, lines: lines.map((l, j) => (j === i ? canonicalJson({ ...event, at: new Date(Date.parse(event.at) + 1000).toISOString() }) : l)) });
        variants.push({ what: `n° ${i + 1} : contenu changé`, lines: lines.map((l, j) => (j === i ? canonicalJson({ ...event, payload: { ...event.payload, by: 'quelqu’un d’autre' } }) : l)) });
      }
      variants.push({ what: 'un événement ajouté', lines: [...lines, canonicalJson({ ...(JSON.parse(lines.at(-1)!) as object), seq: lines.length + 1, kind: 'incident' })] });
      variants.push({ what: 'le dernier doublé', lines: [...lines, lines.at(-1)!] });
      for (const variant of variants) {
        const verification = verifyBundleFiles({ ok: true, files: replaced('audit.jsonl', logOf(variant.lines)) }, authorityPem);
        count++;
        expect(failed(verification), variant.what).toEqual([chainCheck(verification).name]);
      }
      expect(variants.length).toBeGreaterThan(4 * (lines.length - 1));
      const removed = verifyBundleFiles({ ok: true, files: replaced('audit.jsonl', logOf(lines.slice(1))) }, authorityPem);
      expect(chainCheck(removed).detail).toBe('audit.jsonl, ligne 1 : l’événement n° 1 manque ou n’est pas à sa place (la ligne porte le n° 2)');
      const edited = verifyBundleFiles({ ok: true, files: replaced('audit.jsonl', logOf(variants.find((v) => v.what === 'n° 2 : contenu changé')!.lines)) }, authorityPem);
      expect(chainCheck(edited).detail).toContain('un événement a été modifié, retiré ou déplacé');
      const noLog = verifyBundleFiles({ ok: true, files: files.filter((f) => f.name !== 'audit.jsonl') }, authorityPem);
      expect(chainCheck(noLog).detail).toBe('audit.jsonl absent du lot');
    });

    test('chained and signed again by an insider: the answer, test, incident and finalisation events removed disagree with the results; a reorder breaks the numbering', async () => {
      const lines = logLines();
      const kinds = lines.map((l) => (JSON.parse(l) as { kind: string }).kind);
      const agreed = ['answer', 'testStarted', 'incident', 'sessionFinalised'];
      let insider = 0;
      for (const [i, kind] of kinds.entries()) {
        if (!agreed.includes(kind)) continue;
        const { log, auditChain } = rechained(lines.filter((_, j) => j !== i), true);
        const changed = clone();
        changed.auditChain = auditChain;
        const verification = verifyBundleFiles({ ok: true, files: resigned(changed, centre, new Date(signingTimeOf()), log) }, authorityPem);
        count++;
        insider++;
        expect(failed(verification), `${kind} n° ${i + 1}`).toEqual([chainCheck(verification).name]);
        expect(chainCheck(verification).detail).toContain('le journal et le document ne disent pas la même chose');
      }
      expect(insider).toBeGreaterThan(6);
      for (let i = 0; i + 1 < lines.length; i++) {
        const swapped = [...lines];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
        const { log, auditChain } = rechained(swapped, false);
        const changed = clone();
        changed.auditChain = auditChain;
        const verification = verifyBundleFiles({ ok: true, files: resigned(changed, centre, new Date(signingTimeOf()), log) }, authorityPem);
        count++;
        expect(chainCheck(verification).detail, `n° ${i + 1}`).toContain('n’est pas à sa place');
      }
      // An answer whose event says another challenge, re-chained and re-signed: the event disagrees.
      const answerAt = kinds.indexOf('answer');
      const event = JSON.parse(lines[answerAt]!) as { payload: Record<string, unknown> };
      const { log, auditChain } = rechained(lines.map((l, j) => (j === answerAt ? canonicalJson({ ...event, payload: { ...event.payload, elapsedMs: 1 } }) : l)), false);
      const changed = clone();
      changed.auditChain = auditChain;
      const verification = verifyBundleFiles({ ok: true, files: resigned(changed, centre, new Date(signingTimeOf()), log) }, authorityPem);
      count++;
      expect(chainCheck(verification).detail).toContain('dit autre chose');
      // The same, with the genuine log untouched: a genuine re-chain passes (the checks are not refusing everything).
      const same = rechained(lines, false);
      const resignedGenuine = clone();
      resignedGenuine.auditChain = same.auditChain;
      expect(verifyBundleFiles({ ok: true, files: resigned(resignedGenuine, centre, new Date(signingTimeOf()), same.log) }, authorityPem).ok).toBe(true);
    });
  });

  test('genuine PDFs signed by the same centre, but not these: the two swapped, one of another session', async () => {
    const sheet = files[3]!.bytes;
    const report = files[4]!.bytes;
    const swapped = files.map((f) => (f.name === ATTENDANCE_SHEET_FILE ? { name: f.name, bytes: report } : f.name === INCIDENT_REPORT_FILE ? { name: f.name, bytes: sheet } : f));
    const verification = await verifyBundle(await zip(swapped), authorityPem);
    count++;
    expect(failed(verification)).toEqual([`Signature PDF de ${ATTENDANCE_SHEET_FILE}`, `Signature PDF de ${INCIDENT_REPORT_FILE}`]);
    expect(verification.checks[6]!.detail).toContain('ce n’est pas ce document de cette session');

    const blank = await PDFDocument.create();
    blank.addPage();
    const otherSession = await signPdf(await blank.save(), {
      certificate: centre.certPem, key: centre.keyPem, chain: centre.chainPems, signingTime: new Date(document.finalisedAt),
      reason: pdfSignatureReason('Feuille d’émargement', document.session.number + 1), location: document.session.centre,
    });
    const foreign = await verifyBundle(await zip(replaced(ATTENDANCE_SHEET_FILE, otherSession)), authorityPem);
    count++;
    expect(failed(foreign)).toEqual([`Signature PDF de ${ATTENDANCE_SHEET_FILE}`]);
    expect(foreign.checks[6]!.detail).toContain(`de la session n° ${document.session.number + 1}`);
  });

  describe('other certificates', () => {
    let authority: CertificateAndKey;
    let rogueAuthority: CertificateAndKey;
    let rogue: CmsSigner;
    let otherCentre: CmsSigner;
    let expired: CmsSigner;
    let expiredEarly: CmsSigner;
    beforeAll(() => {
      authority = { certPem: authorityPem, keyPem: fs.readFileSync(pki.authorityKey, 'utf8') };
      rogueAuthority = createAuthority({ commonName: 'Autorité de certification — DÉMONSTRATION', validDays: 30 });
      rogue = { ...issueCentreCertificate(rogueAuthority, { centreName: 'Centre de démonstration', centreId: 'DEMO-0001', validDays: 30 }), chainPems: [rogueAuthority.certPem] };
      otherCentre = { ...issueCentreCertificate(authority, { centreName: 'Autre centre', centreId: 'AUTRE-0002', validDays: 30 }), chainPems: [authorityPem] };
      expired = { ...issueCentreCertificate(authority, { centreName: 'Centre de démonstration', centreId: 'DEMO-0001', validDays: 1, notBefore: new Date(Date.now() - 3 * 86_400_000) }), chainPems: [authorityPem] };
      // Valid one minute, just after the authority's start, before the session was finalised.
      const start = readCertificatePem(authorityPem).notBefore.getTime() + 30_000;
      expiredEarly = { ...issueCentreCertificate(authority, { centreName: 'Centre de démonstration', centreId: 'DEMO-0001', validDays: 60 / 86_400, notBefore: new Date(start) }), chainPems: [authorityPem] };
    });

    test('signed again by another centre of another authority (same names): refused, its chain and the PDFs’ signer named', async () => {
      for (let i = 0; i < 10; i++) {
        const changed = clone();
        tested(changed)[1]!.result.pix = 64 * i;
        const verification = await verifyBundle(await zip(resigned(changed, rogue)), authorityPem);
        count++;
        expect(failed(verification)).toEqual(expect.arrayContaining(['Signature CMS de results.json', 'Certificat du centre : chaîne jusqu’à l’autorité, validité à l’heure de signature']));
        expect(verification.checks[1]!.detail).toContain('n’est pas émis par l’autorité de confiance');
      }
    });

    test('signed again by another centre of the same authority: results.json verifies, but not the PDFs nor LISEZMOI.txt', async () => {
      const verification = await verifyBundle(await zip(resigned(clone(), otherCentre)), authorityPem);
      count++;
      expect(failed(verification)).toEqual([`Signature PDF de ${ATTENDANCE_SHEET_FILE}`, `Signature PDF de ${INCIDENT_REPORT_FILE}`]);
      expect(verification.checks.find((c) => c.name === `Signature PDF de ${ATTENDANCE_SHEET_FILE}`)!.detail).toContain('pas par le certificat qui signe results.json');
    });

    test('an expired certificate: refused at the signing time; backdated into its validity, refused as signed before the finalisation', async () => {
      const late = await verifyBundle(await zip(resigned(clone(), expired, new Date())), authorityPem);
      const backdated = await verifyBundle(await zip(resigned(clone(), expiredEarly, new Date(readCertificatePem(expiredEarly.certPem).notBefore.getTime() + 30_000))), authorityPem);
      count += 2;
      const certificateCheck = (v: BundleVerification) => v.checks.find((c) => c.name.startsWith('Certificat du centre'))!;
      expect(certificateCheck(late).ok).toBe(false);
      expect(certificateCheck(late).detail).toContain('certificat expiré le');
      expect(late.ok).toBe(false);
      expect(certificateCheck(backdated).ok).toBe(false);
      expect(certificateCheck(backdated).detail).toContain('avant la finalisation de la session');
    });

    test('the wrong authority given to the verifier: the genuine bundle is refused', async () => {
      const verification = await verifyBundle(bundle, rogueAuthority.certPem);
      count++;
      expect(verification.ok).toBe(false);
      expect(failed(verification)).toContain('Certificat du centre : chaîne jusqu’à l’autorité, validité à l’heure de signature');
    });
  });
});

describe('passation verify --crl: the authority’s revocation list', () => {
  const centreSerial = () => readCertificatePem(centre.certPem).serialHex;
  const certificateLine = (v: BundleVerification) => v.checks.find((c) => c.name.startsWith('Certificat du centre'))!;
  const platformCrl = (serials: string[], authorityCert = authorityPem, authorityKey = fs.readFileSync(pki.authorityKey, 'utf8'), nextUpdate = new Date(Date.now() + 7 * 86_400_000)) =>
    Buffer.from(crlPem(buildCrlDer({
      authorityCertPem: authorityCert, authorityKeyPem: authorityKey, crlNumber: 3, thisUpdate: new Date(Date.now() - 60_000), nextUpdate,
      revoked: serials.map((serialHex) => ({ serialHex, revokedAt: new Date(Date.now() - 30_000), reason: 'keyCompromise' as const })),
    })), 'utf8');
  /** `openssl ca -gencrl` over an index where `serials` are revoked: a CRL this project did not write. */
  const opensslCrl = (serials: string[], format: 'PEM' | 'DER') => {
    const dir = fs.mkdtempSync(path.join(scratch.dir, 'ca-'));
    const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
    fs.writeFileSync(path.join(dir, 'index.txt'), serials.map((s) => `R\t${stamp(new Date(Date.now() + 86_400_000))}\t${stamp(new Date(Date.now() - 60_000))}\t${s.toUpperCase()}\tunknown\t/CN=x\n`).join(''));
    fs.writeFileSync(path.join(dir, 'crlnumber'), '01\n');
    fs.writeFileSync(path.join(dir, 'ca.cnf'), `[ca]\ndefault_ca = d\n[d]\ndatabase = ${dir}/index.txt\ncrlnumber = ${dir}/crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n`);
    const out = path.join(dir, 'crl.pem');
    const made = spawnSync('openssl', ['ca', '-config', path.join(dir, 'ca.cnf'), '-gencrl', '-keyfile', pki.authorityKey, '-cert', pki.authority, '-out', out], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(made.stderr);
    if (format === 'PEM') return fs.readFileSync(out);
    return spawnSync('openssl', ['crl', '-in', out, '-outform', 'DER']).stdout;
  };

  test('a CRL made by passation-platform’s code: the centre revoked fails the certificate line, another serial passes', async () => {
    const revoked = await verifyBundle(bundle, authorityPem, { crl: platformCrl(['7f01', centreSerial()]) });
    expect(failed(revoked)).toEqual([certificateLine(revoked).name]);
    expect(certificateLine(revoked).detail).toMatch(/^certificat du centre révoqué le \d\d\/\d\d\/\d{4} à \d\d:\d\d UTC/);
    const other = await verifyBundle(bundle, authorityPem, { crl: platformCrl(['7f01']) });
    expect(other.ok).toBe(true);
    expect(certificateLine(other).detail).toContain('non révoqué (liste de révocation du');
  });

  test('a CRL made by openssl ca -gencrl, PEM and DER: the same verdicts', async () => {
    for (const format of ['PEM', 'DER'] as const) {
      const revoked = await verifyBundle(bundle, authorityPem, { crl: opensslCrl([centreSerial()], format) });
      expect(failed(revoked), format).toEqual([certificateLine(revoked).name]);
      expect(certificateLine(revoked).detail).toContain('certificat du centre révoqué le');
      expect((await verifyBundle(bundle, authorityPem, { crl: opensslCrl(['7f01'], format) })).ok, format).toBe(true);
    }
  });

  test('a list that is not the authority’s, out of date, altered or unreadable: refused, never taken as “not revoked”', async () => {
    const rogue = createAuthority({ commonName: 'Autorité de certification — DÉMONSTRATION', validDays: 30 });
    const otherName = createAuthority({ commonName: 'Une autre autorité', validDays: 30 });
    const stale = platformCrl([], authorityPem, fs.readFileSync(pki.authorityKey, 'utf8'), new Date(Date.now() - 1000));
    const altered = Buffer.from(opensslCrl(['7f01'], 'DER'));
    altered[altered.length - 5] = altered[altered.length - 5]! ^ 0x01;
    const cases: [Buffer, string][] = [
      [platformCrl([], otherName.certPem, otherName.keyPem), 'n’est pas émise par l’autorité de confiance'],
      // Same name, another key: only the signature tells them apart.
      [platformCrl([], rogue.certPem, rogue.keyPem), 'la signature de la liste de révocation n’est pas celle de l’autorité'],
      [stale, 'liste de révocation périmée depuis le'],
      [altered, 'la signature de la liste de révocation n’est pas celle de l’autorité'],
      [Buffer.from('pas une liste'), 'liste de révocation illisible'],
    ];
    for (const [crl, words] of cases) {
      const verification = await verifyBundle(bundle, authorityPem, { crl });
      expect(failed(verification), words).toEqual([certificateLine(verification).name]);
      expect(certificateLine(verification).detail).toContain(words);
    }
  });

  test('bin/passation.js verify --crl: exit 1 with the ✗ for a revoked centre, exit 0 when it is not on the list', () => {
    const bin = path.join(__dirname, '..', '..', '..', 'bin', 'passation.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    const revoked = run('verify', bundleFile, '--ca', authorityFile, '--crl', scratch.write('revoque.crl', platformCrl([centreSerial()])));
    expect(revoked.status).toBe(1);
    expect(revoked.stdout).toMatch(/✗ Certificat du centre : chaîne jusqu’à l’autorité, validité à l’heure de signature : certificat du centre révoqué le /);
    const clean = run('verify', bundleFile, '--ca', authorityFile, '--crl', scratch.write('a-jour.crl', opensslCrl(['7f01'], 'PEM')));
    expect(clean.status, clean.stdout).toBe(0);
    expect(run('verify', bundleFile, '--ca', authorityFile, '--crl', path.join(scratch.dir, 'absente.crl')).stderr).toContain('lecture impossible du fichier de liste de révocation (ENOENT)');
  });
});

describe('the shipped commands (bin/passation.js)', () => {
  const bin = path.join(__dirname, '..', '..', '..', 'bin', 'passation.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  test('passation verify: exit 0 and a ✓ per check; exit 1 with the ✗ named for a flipped byte; exit 2 for usage', async () => {
    const good = run('verify', bundleFile, '--ca', authorityFile);
    expect(good.status, good.stderr).toBe(0);
    const lines = good.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('✓ '))).toHaveLength(9);
    expect(lines.at(-1)).toBe('Lot de résultats valide : 9 vérifications réussies.');

    const flipped = Buffer.from(files[0]!.bytes);
    flipped[10] = flipped[10]! ^ 0x20;
    const bad = run('verify', scratch.write('altéré.zip', await zip(replaced('results.json', flipped))), '--ca', authorityFile);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('✗ Signature CMS de results.json : la signature ne correspond pas au contenu');
    expect(bad.stdout.trim().split('\n').at(-1)).toMatch(/^Lot de résultats REFUSÉ : \d vérification\(s\) sur 9 en échec\.$/);

    expect(run('verify', bundleFile).status).toBe(2);
    const notPem = run('verify', bundleFile, '--ca', contentFile);
    expect(notPem.status).toBe(1);
    expect(notPem.stderr).toBe(`passation : ${contentFile} : certificat de l’autorité illisible (un certificat X.509 en PEM est attendu)\n`);
    const missing = run('verify', path.join(scratch.dir, 'absent.zip'), '--ca', authorityFile);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('lecture impossible du lot de résultats (ENOENT)');
  });

  test('passation rescore: the JSON array and agreement (exit 0); a changed answer re-signed: disagreement (exit 1); usage (exit 2)', async () => {
    const good = run('rescore', bundleFile, '--content', contentFile);
    expect(good.status, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual(rescoreDocument(document, content).candidates);
    expect(good.stderr).toBe('Accord : les résultats recalculés sont ceux du document (2 candidat(s) testé(s)).\n');

    const changed = clone();
    const answer = tested(changed)[0]!.answers[0]!;
    answer.answer = wrongAnswerFor(challengeOf(answer.challengeId));
    const bad = run('rescore', scratch.write('réponse-changée.zip', await zip(resigned(changed))), '--content', contentFile);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('DÉSACCORD avec les résultats du document');
    expect(bad.stderr).toMatch(/candidat \d+ \(Dupont Marie\) : résultat recalculé \w+, \d+ pix, taux \d+ % ; le document dit \w+, \d+ pix, taux \d+ %/);

    expect(run('rescore', bundleFile).status).toBe(2);
    const invalid = run('rescore', bundleFile, '--content', scratch.write('pas-un-contenu.json', '{"format": "autre"}'));
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('paquet de contenu invalide');
    expect(invalid.stdout).toBe('');
  });
});
