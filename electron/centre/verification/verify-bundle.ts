import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { AUDIT_LOG_FILE } from '../../../shared/formats/audit-log';
import { formatErrors, parseWith } from '../../../shared/formats/parse';
import { AnyResultsDocument } from '../../../shared/formats/results';
import { chainToTrustedAuthority } from '../pki/certificate-chain';
import { readCertificatePem, subjectText, type CertificateInfo } from '../pki/certificate-info';
import { verifyDetached } from '../pki/cms-verify';
import { formatUtc } from '../pki/french-date';
import { readRevocationList, revocationListProblem } from '../pki/revocation-list';
import { pdfDocText } from '../reports/sign-pdf';
import { ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE, PDF_DESCRIPTIONS, PDF_TITLES, pdfSignatureReason } from '../signing/bundle-pdfs';
import { AUDIT_LOG_DESCRIPTION, bundleReadme } from '../signing/bundle-readme';
import { readBundle, type ReadBundleResult } from '../signing/read-bundle';
import { README_FILE, RESULTS_FILE, SIGNATURE_FILE } from '../signing/results-bundle';
import { auditLogProblem } from './audit-log-problem';
import { auditChainProblem, coherenceProblems } from './document-coherence';
import { pdfSignature, type PdfSignature } from './pdf-signature';
import { signatureFacts, type SignatureFacts } from './signature-facts';

/** One line of `passation verify`: what was checked (French), whether it holds, and what was found. */
export interface BundleCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface BundleVerification {
  /** True when every check holds. */
  ok: boolean;
  checks: BundleCheck[];
  /** The results document, when it could be read against its schema (whether or not the other checks hold). */
  document: AnyResultsDocument | null;
}

/**
 * The signer's path to the authority at `at`, and no certificate in the message off that path: the verifier trusts
 * its own copy of the authority, so a carried copy must be byte for byte the same (else a changed byte there would
 * go unnoticed). Null when it holds.
 */
function chainProblem(facts: SignatureFacts, authority: CertificateInfo, at: Date): string | null {
  const chain = chainToTrustedAuthority(facts.signer, facts.certificates, authority, at);
  if (!chain.ok) return chain.reason;
  const stray = facts.certificates.find((c) => !chain.chain.some((link) => link.der.equals(c.der)));
  return stray === undefined ? null : `le fichier de signature porte un certificat hors de la chaîne du signataire (${subjectText(stray)}), ou une copie altérée de celui de l’autorité`;
}

/**
 * The PDF belongs to this session: its signature's reason names the document and the session number, its date is
 * the finalisation's, its location the centre (sign-pdf.ts writes them, inside the signed bytes). A genuine PDF of
 * another session, or the other PDF under this name, is refused. Null when it holds.
 */
function pdfBindingProblem(signature: PdfSignature, name: string, document: AnyResultsDocument): string | null {
  const reason = pdfDocText(pdfSignatureReason(PDF_TITLES[name]!, document.session.number));
  if (signature.reason !== reason) return `la signature dit « ${signature.reason} », « ${reason} » attendu : ce n’est pas ce document de cette session`;
  const date = `D:${document.finalisedAt.slice(0, 19).replace(/[-:T]/g, '')}Z`;
  if (signature.date !== date) return `signature datée ${signature.date}, la finalisation est du ${document.finalisedAt} : ce n’est pas ce document de cette session`;
  if (signature.location !== pdfDocText(document.session.centre)) return `lieu de signature « ${signature.location} », « ${document.session.centre} » attendu`;
  return null;
}

/**
 * The centre's certificate against the authority's CRL: the list must be the authority's and current; a serial on
 * it fails, whenever it was revoked (the signing time is the centre's own claim). A string is the problem.
 */
function revocationProblem(crlBytes: Buffer, cert: CertificateInfo, authority: CertificateInfo, now: Date): string | { detail: string } {
  const read = readRevocationList(crlBytes);
  if (!read.ok) return read.reason;
  const problem = revocationListProblem(read.crl, authority, now);
  if (problem !== null) return problem;
  const revokedAt = read.crl.revoked.get(cert.serialHex);
  if (revokedAt !== undefined) return `certificat du centre révoqué le ${formatUtc(revokedAt)} (liste de révocation de l’autorité du ${formatUtc(read.crl.thisUpdate)})`;
  return { detail: ` ; non révoqué (liste de révocation du ${formatUtc(read.crl.thisUpdate)}, ${read.crl.revoked.size} certificat(s) révoqué(s))` };
}

/** The files of a bundle, in the order the centre writes them (signing/sign-session.ts). */
export const EXPECTED_FILES = [RESULTS_FILE, SIGNATURE_FILE, README_FILE, ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE, AUDIT_LOG_FILE] as const;
const PDF_FILES = [ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE] as const;
/** How far ahead of the auditor's clock a signing time may be (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface VerifyBundleOptions {
  /** The auditor's clock: a signature cannot be dated after it. Defaults to now. */
  now?: Date;
  /** The authority's CRL (PEM or DER, as `passation-platform crl` writes it): a revoked centre certificate fails. */
  crl?: Buffer;
}

/**
 * Architecture §2, issue 9 §4 — checks a results bundle (.zip) against the authority's certificate without
 * trusting the centre: the archive and its names; the CMS signature of results.json; the signer's chain to the
 * authority and its validity at the signing time; the schema; the audit chain's head; the document's coherence;
 * each PDF's signature, by the same centre certificate; LISEZMOI.txt as the centre writes it. Every check is
 * reported, in French, whether or not an earlier one failed; nothing is written anywhere.
 */
export async function verifyBundle(zip: Buffer, authorityPem: string, options: VerifyBundleOptions = {}): Promise<BundleVerification> {
  return verifyBundleFiles(await readBundle(zip), authorityPem, options);
}

/** `verifyBundle` once the archive is read (or failed to be): synchronous, for the tests' thousands of alterations. */
export function verifyBundleFiles(read: ReadBundleResult, authorityPem: string, options: VerifyBundleOptions = {}): BundleVerification {
  const now = options.now ?? new Date();
  const checks: BundleCheck[] = [];
  const add = (name: string, problem: string | null, detail: string) => checks.push({ name, ok: problem === null, detail: problem ?? detail });

  let authority: CertificateInfo | null = null;
  try {
    authority = readCertificatePem(authorityPem);
  } catch {
    authority = null;
  }

  const files = new Map(read.ok ? read.files.map((f) => [f.name, f.bytes]) : []);
  const names = read.ok ? read.files.map((f) => f.name) : [];
  add('Archive .zip et noms des fichiers', !read.ok ? read.reason
    : canonicalJson(names) !== canonicalJson(EXPECTED_FILES) ? `fichiers trouvés : ${names.join(', ') || 'aucun'} ; attendus, dans cet ordre : ${EXPECTED_FILES.join(', ')}` : null,
  `${names.length} fichiers : ${names.join(', ')}`);

  const results = files.get(RESULTS_FILE);
  const p7s = files.get(SIGNATURE_FILE);
  const missing = (name: string) => `${name} absent du lot`;
  const noAuthority = 'certificat de l’autorité illisible (PEM attendu)';

  // The claimed signing time is read first: the chain is checked at that instant, not at the auditor's.
  const facts = p7s === undefined ? null : signatureFacts(p7s);
  const signingTime = facts?.ok ? facts.facts.signingTime : null;
  let signer: SignatureFacts['signer'] | null = null;
  {
    let problem: string | null = null;
    let detail = '';
    if (results === undefined || p7s === undefined) problem = missing(results === undefined ? RESULTS_FILE : SIGNATURE_FILE);
    else if (authority === null) problem = noAuthority;
    else if (!facts!.ok) problem = facts!.reason;
    else if (signingTime === null) problem = 'attribut signé signingTime absent : l’heure de signature est inconnue';
    else {
      const verified = verifyDetached(results, p7s, authorityPem, { at: signingTime });
      if (verified.ok) {
        signer = facts!.facts.signer;
        detail = `SHA-256 de ${RESULTS_FILE} signé par ${verified.signer.subject}`;
      } else problem = verified.reason;
    }
    add(`Signature CMS de ${RESULTS_FILE}`, problem, detail);
  }

  let document: AnyResultsDocument | null = null;
  {
    let problem: string | null = null;
    if (results === undefined) problem = missing(RESULTS_FILE);
    else {
      let value: unknown;
      try {
        value = JSON.parse(results.toString('utf8'));
      } catch (error) {
        problem = `JSON invalide (${(error as Error).message})`;
      }
      if (problem === null) {
        const parsed = parseWith(AnyResultsDocument, value);
        if (!parsed.ok) problem = `schéma non respecté :\n${formatErrors(parsed.errors)}`;
        else if (!Buffer.from(canonicalJson(value), 'utf8').equals(results)) problem = 'le fichier n’est pas en JSON canonique (RFC 8785)';
        else document = parsed.value;
      }
    }
    add(`${RESULTS_FILE} : schéma et JSON canonique`, problem, document ? `session n° ${document.session.number}, ${document.candidates.length} candidat(s)` : '');
  }

  {
    let problem: string | null = null;
    let detail = '';
    if (p7s === undefined) problem = missing(SIGNATURE_FILE);
    else if (authority === null) problem = noAuthority;
    else if (!facts!.ok) problem = facts!.reason;
    else if (signingTime === null) problem = 'heure de signature inconnue (attribut signingTime absent)';
    else {
      const cert = facts!.facts.signer;
      const chain = chainProblem(facts!.facts, authority, signingTime);
      if (chain !== null) problem = chain;
      else if (signingTime.getTime() > now.getTime() + CLOCK_SKEW_MS) problem = `signé le ${formatUtc(signingTime)}, après l’heure de cette machine (${formatUtc(now)})`;
      else if (document !== null && signingTime.getTime() < Date.parse(document.finalisedAt)) {
        problem = `signé le ${formatUtc(signingTime)}, avant la finalisation de la session (${formatUtc(new Date(document.finalisedAt))})`;
      } else {
        detail = `${subjectText(cert)}, émis par ${subjectText(authority)}, valide du ${formatUtc(cert.notBefore)} au ${formatUtc(cert.notAfter)} ; signé le ${formatUtc(signingTime)}`;
        if (options.crl !== undefined) {
          const revocation = revocationProblem(options.crl, cert, authority, now);
          if (typeof revocation === 'string') problem = revocation;
          else detail += revocation.detail;
        }
      }
    }
    add('Certificat du centre : chaîne jusqu’à l’autorité, validité à l’heure de signature', problem, detail);
  }

  if (document === null) {
    add('Chaîne d’audit', 'non vérifiable : document de résultats illisible', '');
    add('Cohérence du document', 'non vérifiable : document de résultats illisible', '');
  } else {
    const log = files.get(AUDIT_LOG_FILE);
    add(`Chaîne d’audit (${AUDIT_LOG_FILE} recalculé jusqu’à la tête signée, d’accord avec les résultats)`,
      log === undefined ? missing(AUDIT_LOG_FILE) : auditChainProblem(document) ?? auditLogProblem(document, log),
      `${document.auditChain.seq} événement(s), tête ${document.auditChain.head}`);
    const problems = coherenceProblems(document);
    add('Cohérence du document (réponses, numéros de question, score provisoire)', problems.length === 0 ? null : problems.slice(0, 5).join(' ; ') + (problems.length > 5 ? ` ; et ${problems.length - 5} autre(s)` : ''),
      `${document.candidates.filter((c) => c.test).length} test(s), ${document.candidates.reduce((n, c) => n + (c.test?.answers.length ?? 0), 0)} réponse(s), ${document.incidents.length} signalement(s)`);
  }

  for (const name of PDF_FILES) {
    const pdf = files.get(name);
    let problem: string | null = null;
    let detail = '';
    if (pdf === undefined) problem = missing(name);
    else if (authority === null) problem = noAuthority;
    else {
      const found = pdfSignature(pdf);
      if (!found.ok) problem = found.reason;
      else {
        const pdfFacts = signatureFacts(found.signature.cms);
        // The PDFs' CAdES carries no signingTime: checked at the bundle's signing time (they are signed with it).
        const verified = verifyDetached(found.signature.signedBytes, found.signature.cms, authorityPem, { at: signingTime ?? now });
        const chain = pdfFacts.ok ? chainProblem(pdfFacts.facts, authority, signingTime ?? now) : null;
        if (!pdfFacts.ok) problem = pdfFacts.reason;
        else if (!verified.ok) problem = verified.reason;
        else if (chain !== null) problem = chain;
        else if (document !== null && pdfBindingProblem(found.signature, name, document) !== null) problem = pdfBindingProblem(found.signature, name, document);
        else if (signer === null) problem = `signature valide de ${verified.signer.subject}, mais celle de ${RESULTS_FILE} ne l’est pas : pas de certificat du centre à comparer`;
        else if (!pdfFacts.facts.signer.der.equals(signer.der)) problem = `signé par ${verified.signer.subject} (${verified.signer.fingerprint}), pas par le certificat qui signe ${RESULTS_FILE}`;
        else detail = `signé par ${verified.signer.subject}, le certificat qui signe ${RESULTS_FILE} ; « ${found.signature.reason} »`;
      }
    }
    add(`Signature PDF de ${name}`, problem, detail);
  }

  {
    const readme = files.get(README_FILE);
    let problem: string | null = null;
    if (readme === undefined) problem = missing(README_FILE);
    else if (document === null || signer === null || signingTime === null || results === undefined || authority === null) {
      problem = 'non vérifiable sans document et signature valides';
    } else {
      const expected = bundleReadme({
        sessionNumber: document.session.number, centre: document.session.centre, signedAt: signingTime, signer: subjectText(signer),
        certificateFingerprint: signer.x509.fingerprint256, resultsSha256: createHash('sha256').update(results).digest('hex'),
        authorityFingerprint: authority.x509.fingerprint256,
        extraFiles: [...PDF_FILES.map((f) => ({ name: f, description: PDF_DESCRIPTIONS[f]! })), { name: AUDIT_LOG_FILE, description: AUDIT_LOG_DESCRIPTION }],
      });
      if (!Buffer.from(expected, 'utf8').equals(readme)) problem = 'ne correspond pas aux faits vérifiés (session, signataire, empreintes) : modifié après la signature';
    }
    add(`${README_FILE} (non signé) conforme aux faits vérifiés`, problem, 'session, signataire et empreintes exacts');
  }

  return { ok: checks.every((c) => c.ok), checks, document };
}
