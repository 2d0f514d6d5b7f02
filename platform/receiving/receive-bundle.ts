import crypto from 'node:crypto';
import { canonicalJson } from '../../shared/canonical/canonical-json';
import { indexContent, type ContentIndex } from '../../shared/certification/referential';
import { ContentPackage } from '../../shared/formats/content-package';
import { RECEIPT_FORMAT, RECEIPT_FORMAT_VERSION, type BundleCheck, type Receipt, type SignedReceipt } from '../../shared/formats/platform-api';
import type { AnyResultsDocument } from '../../shared/formats/results';
import { err, ok, type Result } from '../../shared/result';
import { signDetached, type PlatformSigner } from '../signing/cms-sign';
import type { CandidateResult, PlatformStore } from '../storage/platform-store';
import { judgeIssuedCertificate, judgeStoredFacts, serialOf } from '../verification/centre-trust';
import { verifyDetachedCms } from '../verification/cms-verify';
import { checkAuditLog } from './audit-log-check';
import { AUDIT_LOG_FILE, readBundleArchive, RESULTS_FILE, SIGNATURE_FILE } from './bundle-archive';
import { rescoreDocument, type RescoredCandidate } from './rescore';
import { checkAuditChainHead, parseResultsDocument } from './results-checks';

/** What receiving needs: the store, the platform's signer, the trusted authority, the clock. */
export interface ReceiveContext {
  store: PlatformStore;
  signer: PlatformSigner;
  authority: crypto.X509Certificate;
  now: () => Date;
  /** The largest bundle accepted, in bytes. */
  maxBundleBytes: number;
  /** Parsed content packages by SHA-256 (a package never changes once published). */
  contents: Map<string, ContentIndex>;
}

export interface BundleRefusal {
  check: BundleCheck;
  message: string;
}

/** The HTTP status of each check's refusal (shared/formats/platform-api.ts). */
export const CHECK_STATUS: Record<BundleCheck, number> = {
  size: 413, archive: 400, signature: 422, certificate: 403, schema: 422, auditChain: 422, content: 422, verificationCode: 409,
};

export interface Received {
  /** The SignedReceipt as JSON text, the same for every copy of the bundle (`duplicate` aside). */
  body: SignedReceipt;
  sha256: string;
}

const refuse = (check: BundleCheck, message: string) => err<BundleRefusal>({ check, message });

/**
 * Issue 9 §3 — receives one bundle. The checks run in this order and the first that fails refuses it, nothing
 * stored: size, archive, CMS signature, certificate (chain to the authority, validity now, recorded centre
 * certificate, not revoked), schema, audit chain (audit-log-check.ts); then a bundle already received (same SHA-256)
 * gets its first receipt; otherwise every candidate is rescored with the platform's copy of the content, the bundle and its
 * results stored in one transaction, and the signed receipt returned.
 */
export async function receiveBundle(context: ReceiveContext, zip: Buffer): Promise<Result<Received, BundleRefusal>> {
  if (zip.length > context.maxBundleBytes) return refuse('size', `lot trop volumineux : ${zip.length} octets (au plus ${context.maxBundleBytes})`);
  if (zip.length === 0) return refuse('archive', 'corps vide : envoyez les octets du fichier .zip du lot');
  const sha256 = crypto.createHash('sha256').update(zip).digest('hex');
  const archive = await readBundleArchive(zip);
  if (!archive.ok) return refuse('archive', archive.error);
  const results = archive.value.get(RESULTS_FILE)!;
  const signed = verifyDetachedCms(results, archive.value.get(SIGNATURE_FILE)!);
  if (!signed.ok) return refuse('signature', `${SIGNATURE_FILE} : ${signed.error}`);

  const now = context.now();
  const signer = signed.value.certificate;
  const issued = judgeIssuedCertificate(signer, context.authority, now);
  if (!issued.ok) return refuse('certificate', `certificat du centre refusé : ${issued.error}`);
  // The store's two reads start now (on PostgreSQL, one round trip for both), and the checks that need only the
  // bytes run while they travel; the refusals keep their order: certificate, schema, audit chain. The receipt of a
  // copy already received is only used once the bundle has passed them all, as it always was.
  const reads = Promise.all([context.store.certificateFacts(serialOf(signer)), context.store.bundleReceipt(sha256)]);
  const document = checkedDocument(results, archive.value.get(AUDIT_LOG_FILE)!);
  const [facts, firstReceipt] = await reads;
  const trusted = judgeStoredFacts(signer, facts);
  if (!trusted.ok) return refuse('certificate', `certificat du centre refusé : ${trusted.error}`);
  if (!document.ok) return document;
  const serialHex = trusted.value.serialHex;

  if (firstReceipt !== null) return ok({ sha256, body: { ...(JSON.parse(firstReceipt.toString('utf8')) as SignedReceipt), duplicate: true } });

  const content = await contentIndex(context, document.value);
  if (!content.ok) return refuse('content', content.error);
  const rescored = rescoreDocument(document.value, content.value);
  if (!rescored.ok) return refuse('content', rescored.error);

  const receivedAt = now.toISOString();
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    formatVersion: RECEIPT_FORMAT_VERSION,
    bundleSha256: sha256,
    resultsSha256: signed.value.contentSha256.toString('hex'),
    centreId: trusted.value.centre.centreId,
    centreName: trusted.value.centre.name,
    certificateSerial: serialHex,
    sessionNumber: document.value.session.number,
    sessionDate: document.value.session.date,
    receivedAt,
    content: document.value.content,
    candidates: rescored.value.map((r) => receiptCandidate(document.value, r)),
  };
  const receiptText = canonicalJson(receipt);
  const body: SignedReceipt = {
    receipt: receiptText,
    signature: signDetached(Buffer.from(receiptText, 'utf8'), context.signer, now).toString('base64'),
    duplicate: false,
  };
  const stored = await context.store.storeBundle({
    sha256,
    centreId: trusted.value.centre.centreId,
    certificateSerialHex: serialHex,
    sessionNumber: document.value.session.number,
    sessionDate: document.value.session.date,
    receivedAt,
    archive: zip,
    receipt: Buffer.from(JSON.stringify(body), 'utf8'),
  }, rescored.value.map((r) => candidateResult(document.value, r, receivedAt)));
  if (!stored.ok) {
    const refusal = stored.error;
    if (refusal.code === 'verificationCodeTaken') return refuse('verificationCode', `code(s) de vérification déjà attribué(s) à d’autres résultats : ${refusal.verificationCodes.join(', ')}`);
    if (refusal.code === 'duplicateCandidate') return refuse('schema', `le candidat n° ${refusal.candidateId} figure deux fois dans results.json`);
    throw new Error(`stockage du lot : refus inattendu ${refusal.code}`);
  }
  // Two copies received at once: the store kept the first, whose receipt is the answer.
  if (stored.value.duplicate) return ok({ sha256, body: { ...(JSON.parse(stored.value.receipt.toString('utf8')) as SignedReceipt), duplicate: true } });
  return ok({ sha256, body });
}

/** The checks that need only the bundle's bytes, in their order: schema, then audit chain (its head, then audit.jsonl). */
function checkedDocument(results: Buffer, log: Buffer): Result<AnyResultsDocument, BundleRefusal> {
  const document = parseResultsDocument(results);
  if (!document.ok) return refuse('schema', document.error);
  const chain = checkAuditChainHead(document.value);
  if (!chain.ok) return refuse('auditChain', chain.error);
  const events = checkAuditLog(document.value, log);
  if (!events.ok) return refuse('auditChain', events.error);
  return document;
}

/** The platform's own copy of the content the tests were drawn from: published here, same SHA-256. */
async function contentIndex(context: ReceiveContext, document: AnyResultsDocument): Promise<Result<ContentIndex, string>> {
  const { packageId, version, sha256 } = document.content;
  const known = context.contents.get(sha256);
  if (known) return ok(known);
  const published = await context.store.publishedPackage('content', packageId, version);
  if (published === null) return err(`le paquet de contenu ${packageId} ${version} n’est pas publié par cette plateforme`);
  if (published.sha256 !== sha256) return err(`le paquet de contenu ${packageId} ${version} publié ici a l’empreinte ${published.sha256}, le lot annonce ${sha256}`);
  const parsed = ContentPackage.safeParse(JSON.parse(published.document.toString('utf8')));
  if (!parsed.success) throw new Error(`paquet de contenu publié illisible : ${packageId} ${version}`);
  const index = indexContent(parsed.data);
  context.contents.set(sha256, index);
  return ok(index);
}

function receiptCandidate(document: AnyResultsDocument, r: RescoredCandidate): Receipt['candidates'][number] {
  return {
    candidateId: r.candidate.candidateId,
    lastName: r.candidate.lastName,
    firstName: r.candidate.firstName,
    birthDate: r.candidate.birthDate,
    verificationCode: r.test.verificationCode,
    status: r.result.status,
    pix: r.result.pix,
    reproducibilityRate: r.result.reproducibilityRate,
    maxLevel: document.session.maxLevel,
    competences: r.result.competences.map((c) => ({ code: c.code, level: c.level, pix: c.pix })),
    reason: r.result.reason,
    matchesCentre: r.matchesCentre,
  };
}

/**
 * R-PUB-1 — a validated result is published when it is stored, unless an incident sent it to a person's review
 * (C1, C6: R-INC-1); the others stay unpublished until that review.
 */
function candidateResult(document: AnyResultsDocument, r: RescoredCandidate, receivedAt: string): CandidateResult {
  const publishable = r.result.status === 'validated' && r.test.manualReview.length === 0;
  return {
    verificationCode: r.test.verificationCode,
    candidateId: r.candidate.candidateId,
    lastName: r.candidate.lastName,
    firstName: r.candidate.firstName,
    birthDate: r.candidate.birthDate,
    examDate: document.session.date,
    status: r.result.status,
    pix: r.result.pix,
    maxLevel: document.session.maxLevel,
    competences: r.result.competences.map((c) => ({ code: c.code, level: c.level, pix: c.pix })),
    reason: r.result.reason,
    publishedAt: publishable ? receivedAt : null,
  };
}
