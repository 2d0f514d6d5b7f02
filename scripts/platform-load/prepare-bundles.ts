/**
 * `npm run bench:platform` — the preparation: a real authority (the functions `passation-platform init` and
 * `issue-centre` call), one real centre session driven through the centre's HTTP APIs by its test harness (real
 * station, real SQLite, kiosk answers, finalisation, PKCS#12 import, the centre's own signature), then that
 * genuine results document varied into N distinct 30-candidate bundles, each re-signed with the centre key.
 *
 * How a bundle is varied (the cheapest honest way, issue 9 "Proof"): the two candidates who sat the real session
 * (one answered all 15 challenges, 2 wrong; one stopped after 10 by a technical problem) are repeated to 30
 * candidates, each with its own candidate number and a verification code unique across every bundle; the
 * attendance sheet lists the 30; the audit log repeats each real candidate's events for the candidates drawn from
 * it, chained again (repeated-audit-log.ts), so the platform recomputes and compares a 30-candidate log. The frozen
 * profiles, seeds, tests and raw answers are the real ones, so the platform's rescoring redraws and judges them
 * for real. The PDFs and LISEZMOI.txt are the centre's own. Every bundle passes every check of the platform.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { canonicalJson } from '../../shared/canonical/canonical-json';
import type { ContentIndex } from '../../shared/certification/referential';
import type { ResultsDocument } from '../../shared/formats/results';
import { rightAnswerFor, wrongAnswerFor } from '../../shared/testing/simulated-answer';
import { enterTest, startHarness, type Harness } from '../../electron/centre/testing/test-harness';
import { testContentPackage } from '../../electron/centre/testing/test-packages';
import { createRootCertificate, describeCertificate, issuePlatformSigningCertificate, issueSigningCertificate, type KeyAndCertificate } from '../../platform/authority/certificate-issuance';
import { exportPkcs12 } from '../../platform/authority/pkcs12-file';
import { publishPackage } from '../../platform/publishing/publish-package';
import type { ReceiveContext } from '../../platform/receiving/receive-bundle';
import { signDetached, type PlatformSigner } from '../../platform/signing/cms-sign';
import type { PlatformStore } from '../../platform/storage/platform-store';
import { unzip, zip } from '../../platform/testing/zip-files';
import { repeatedAuditLog } from './repeated-audit-log';

export const CANDIDATES_PER_BUNDLE = 30;
const CENTRE = { organisation: 'Lycée Érable', commonName: '0123456A' };
const PKCS12_PASSWORD = 'mot-de-passe-du-centre-42';
/** R-SESS-7's alphabet of verification codes. */
const CODE_ALPHABET = '2346789BCDFGHJKMPQRTVWXY';

export interface PreparedBundles {
  authority: KeyAndCertificate;
  signer: PlatformSigner;
  centre: KeyAndCertificate;
  contentBytes: Buffer;
  /** Distinct bundles (.zip bytes), each with CANDIDATES_PER_BUNDLE candidates who sat a test. */
  bundles: Buffer[];
}

/** The authority, the centre, one real session, and `count` distinct 30-candidate bundles signed by the centre. */
export async function prepareBundles(count: number): Promise<PreparedBundles> {
  // As `passation-platform init` (root, 20 years; platform signing certificate) and `issue-centre`.
  const authority = createRootCertificate('Autorité de certification Passation — banc d’essai', { days: 3650 });
  const signing = issuePlatformSigningCertificate(authority, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme Passation' }, { days: 1825 });
  const signer: PlatformSigner = { certPem: signing.certPem, keyPem: signing.keyPem, authorityPem: authority.certPem };
  const centre = issueSigningCertificate(authority, CENTRE, { days: 1095 });

  const harness = await startHarness();
  let genuine: Buffer;
  try {
    genuine = await sitAndSign(harness, authority, centre);
  } finally {
    await harness.close();
  }
  const files = await unzip(genuine);
  const document = JSON.parse(files.get('results.json')!.toString('utf8')) as ResultsDocument;
  const template = thirtyCandidates(document);
  // The log tells the same 30 candidates (repeated-audit-log.ts): the platform recomputes and compares it.
  const sat = document.candidates.filter((c) => c.test !== null).map((c) => c.candidateId);
  const log = repeatedAuditLog(files.get('audit.jsonl')!, template.candidates.map((_, i) => sat[i % sat.length]!));
  template.auditChain = { seq: log.seq, head: log.head, logSha256: log.logSha256 };
  files.set('audit.jsonl', log.bytes);
  const bundles: Buffer[] = [];
  for (let b = 0; b < count; b += 1) {
    for (const [i, c] of template.candidates.entries()) c.test!.verificationCode = verificationCode(b * CANDIDATES_PER_BUNDLE + i);
    const results = Buffer.from(canonicalJson(template), 'utf8');
    const varied = new Map(files);
    varied.set('results.json', results);
    varied.set('results.json.p7s', signDetached(results, { certPem: centre.certPem, keyPem: centre.keyPem, authorityPem: authority.certPem }, new Date()));
    bundles.push(await zip(varied));
  }
  return { authority, signer, centre, contentBytes: Buffer.from(JSON.stringify(testContentPackage())), bundles };
}

/** A fresh platform store as `issue-centre` and `publish` leave it: the centre recorded, the content published. */
export async function readyStore(store: PlatformStore, prepared: PreparedBundles): Promise<void> {
  const now = new Date().toISOString();
  const recorded = await store.recordCertificate({ ...describeCertificate(prepared.centre.certPem), kind: 'centre', centreId: CENTRE.commonName, certificatePem: prepared.centre.certPem, issuedAt: now },
    { centreId: CENTRE.commonName, name: CENTRE.organisation, createdAt: now });
  if (!recorded.ok) throw new Error(`enregistrement du centre refusé : ${JSON.stringify(recorded.error)}`);
  const published = await publishPackage(store, prepared.signer, 'content', prepared.contentBytes, new Date());
  if (!published.ok) throw new Error(`publication du contenu refusée : ${JSON.stringify(published.error)}`);
}

/** What `serve` gives the upload route (platform/server/platform-server.ts), on `store`. */
export function receiveContext(store: PlatformStore, prepared: PreparedBundles): ReceiveContext {
  return {
    store, signer: prepared.signer, authority: new crypto.X509Certificate(prepared.authority.certPem),
    now: () => new Date(), maxBundleBytes: 32 * 1024 * 1024, contents: new Map<string, ContentIndex>(),
  };
}

/** The nth verification code: `P-` and 8 characters of R-SESS-7's alphabet, distinct for distinct n. */
export function verificationCode(n: number): string {
  let rest = n;
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    code = CODE_ALPHABET[rest % CODE_ALPHABET.length]! + code;
    rest = Math.floor(rest / CODE_ALPHABET.length);
  }
  return `P-${code}`;
}

/** The real session's document with its two sitting candidates repeated to 30 (see the header). */
function thirtyCandidates(document: ResultsDocument): ResultsDocument {
  const sat = document.candidates.filter((c) => c.test !== null);
  if (sat.length === 0) throw new Error('la session réelle n’a aucun candidat ayant passé le test');
  const candidates = Array.from({ length: CANDIDATES_PER_BUNDLE }, (_, i) => ({ ...structuredClone(sat[i % sat.length]!), candidateId: i + 1 }));
  const attendanceOf = new Map(document.attendance.map((a) => [a.candidateId, a]));
  const attendance = candidates.map((c, i) => ({ ...attendanceOf.get(sat[i % sat.length]!.candidateId)!, candidateId: c.candidateId }));
  if (document.incidents.length > 0) throw new Error('la session réelle ne doit pas avoir de signalement (ils nomment un candidat)');
  return { ...document, candidates, attendance };
}

/** Dupont answers all 15 challenges, 2 of them wrong; Lefèvre 10 right, then a technical problem ends her test. */
async function sitAndSign(h: Harness, authority: KeyAndCertificate, centre: KeyAndCertificate): Promise<Buffer> {
  const content = testContentPackage();
  const byId = new Map(content.challenges.map((c) => [c.id, c]));
  const expectStatus = (what: string, response: { status: number; text: string }, status: number) => {
    if (response.status !== status) throw new Error(`${what} : ${response.status} ${response.text}`);
  };
  const sit = async (lastName: string, answered: number, wrong: ReadonlySet<number>) => {
    const kiosk = await h.pairKiosk(`Poste ${lastName}`);
    const { entry, test: started } = await enterTest(h, kiosk, lastName);
    expectStatus('début du test', started, 200);
    const ids = (started.json.challenges as { challengeId: string }[]).map((c) => c.challengeId);
    for (const [i, id] of ids.slice(0, answered).entries()) {
      const challenge = byId.get(id)!;
      const answer = wrong.has(i) ? wrongAnswerFor(challenge) : rightAnswerFor(challenge);
      expectStatus('réponse', await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId: id, answer, clientAnswerId: `c${h.candidates.get(lastName)!.id}-${id}`, elapsedMs: 4000, timedOut: false, focusLost: false }), 200);
    }
    return h.candidates.get(lastName)!.id;
  };
  await sit('Dupont', 15, new Set([0, 4]));
  const lefevre = await sit('Lefèvre', 10, new Set());
  expectStatus('fin du test', await h.console('POST', `/candidates/${lefevre}/end-test`), 200);
  expectStatus('finalisation', await h.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: lefevre, abortReason: 'technical' }] }), 200);
  fs.writeFileSync(`${h.t.dataDir}/authority.pem`, authority.certPem);
  const p12 = exportPkcs12(centre.certPem, centre.keyPem, [authority.certPem], PKCS12_PASSWORD);
  expectStatus('import du PKCS#12', await h.t.call('POST', '/api/manager/centre-key', { token: h.managerToken, body: { pkcs12: p12.toString('base64'), password: PKCS12_PASSWORD } }), 201);
  expectStatus('signature', await h.console('POST', '/signature', { passphrase: PKCS12_PASSWORD }), 201);
  const bundle = await h.console('GET', '/bundle');
  expectStatus('lot', bundle, 200);
  return bundle.body;
}


