import type { Result } from '../../shared/result';
import type { CompetenceCode } from '../../shared/formats/common';
import type { CertificationStatus } from '../../shared/formats/scoring';
import type { RevocationReason } from '../authority/revocation-reason';

/**
 * The platform's one repository interface (issue 9 §3, architecture §4): SQLite by default (sqlite-store.ts),
 * PostgreSQL when DATABASE_URL is set (postgres-store.ts). Both implementations run the same test suite
 * (platform-store.test.ts). Every method is asynchronous because PostgreSQL is; dates are ISO 8601 strings,
 * serial numbers lower-case hex (the INTEGER's content bytes), hashes lower-case hex SHA-256.
 */
export interface PlatformStore {
  readonly engine: 'sqlite' | 'postgres';

  /** Records a certificate the authority issued; a centre certificate creates its centre on first issue. */
  recordCertificate(certificate: IssuedCertificate, centre: Centre | null): Promise<Result<void, StoreRefusal>>;
  centre(centreId: string): Promise<Centre | null>;
  certificate(serialHex: string): Promise<IssuedCertificate | null>;
  /**
   * What receiving a bundle asks of its signer's certificate, in one read (one round trip to PostgreSQL): the
   * certificate as issued, its revocation, and its centre (all null when unknown).
   */
  certificateFacts(serialHex: string): Promise<CertificateFacts>;
  /** A centre's certificates, oldest first. */
  centreCertificates(centreId: string): Promise<IssuedCertificate[]>;

  /** Revokes an issued certificate (once). */
  revoke(revocation: Revocation): Promise<Result<void, StoreRefusal>>;
  revocation(serialHex: string): Promise<Revocation | null>;
  /** Every revocation, oldest first: what the next CRL lists. */
  revocations(): Promise<Revocation[]>;
  /** Reserves the next CRL number (1, 2, …: RFC 5280 §5.2.3, monotonic) and records when it was issued. */
  recordCrl(crl: { issuedAt: string; nextUpdate: string; entries: number }): Promise<number>;

  /** Publishes a signed package (content or profiles); one version is published once. */
  publishPackage(pkg: PublishedPackage): Promise<Result<void, StoreRefusal>>;
  /** The given version, or the latest published when `version` is null. */
  publishedPackage(kind: PackageKind, packageId: string, version: string | null): Promise<PublishedPackage | null>;
  /** Every published package, oldest first, with the document and signature left out (what the list route shows). */
  publishedPackages(): Promise<PublishedPackageSummary[]>;

  /**
   * Stores a received bundle and its candidates' results in one transaction, all or nothing. A bundle already
   * stored (same SHA-256) is not stored again: the answer is the first receipt (`duplicate: true`).
   */
  storeBundle(bundle: ReceivedBundle, results: CandidateResult[]): Promise<Result<StoredBundle, StoreRefusal>>;
  bundle(sha256: string): Promise<ReceivedBundle | null>;
  /** The receipt stored with a bundle already received, without its archive; null for a new bundle. */
  bundleReceipt(sha256: string): Promise<Buffer | null>;
  bundleResults(sha256: string): Promise<CandidateResult[]>;
  /** R-PUB-1 — the raw row; whether it may be shown (validated, published) is the caller's decision. */
  resultByVerificationCode(code: string): Promise<LookedUpResult | null>;
  /** R-PUB-1, R-INC-1 — validated results held for a person's review (C1, C6), oldest bundle first. */
  resultsHeldForReview(): Promise<LookedUpResult[]>;
  /** R-PUB-1 — the one decision on a held result: `published` (look-up then finds it) or `rejected` (never shown). */
  decideReview(decision: ReviewDecision): Promise<Result<LookedUpResult, StoreRefusal>>;

  close(): Promise<void>;
}

export interface Centre {
  /** The centre's identifier (CN of its certificate), e.g. its UAI "0123456A". */
  centreId: string;
  /** O of its certificate. */
  name: string;
  createdAt: string;
}

export type CertificateKind = 'centre' | 'platformSigning';

export interface IssuedCertificate {
  serialHex: string;
  kind: CertificateKind;
  /** Null for the platform's own signing certificate. */
  centreId: string | null;
  /** "O=…, CN=…" */
  subject: string;
  /** "AB:CD:…" */
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
  certificatePem: string;
  issuedAt: string;
}

export interface CertificateFacts {
  issued: IssuedCertificate | null;
  revocation: Revocation | null;
  /** The centre the certificate was issued to. */
  centre: Centre | null;
}

export interface Revocation {
  serialHex: string;
  reason: RevocationReason;
  revokedAt: string;
}

export type PackageKind = 'content' | 'profiles';

export interface PublishedPackage {
  kind: PackageKind;
  packageId: string;
  version: string;
  /** SHA-256 of `document`. */
  sha256: string;
  /** The package's bytes as published (canonical JSON). */
  document: Buffer;
  /** Its detached CMS signature (DER) by the platform's signing certificate. */
  signature: Buffer;
  publishedAt: string;
}

export type PublishedPackageSummary = Omit<PublishedPackage, 'document' | 'signature'> & { bytes: number };

export interface ReceivedBundle {
  /** SHA-256 of `archive`: the deduplication key (architecture §3, step 6). */
  sha256: string;
  centreId: string;
  /** The certificate that signed it. */
  certificateSerialHex: string;
  sessionNumber: number;
  sessionDate: string;
  receivedAt: string;
  /** The bundle as received. */
  archive: Buffer;
  /** The platform's signed receipt, as sent back. */
  receipt: Buffer;
}

export interface CompetenceResult {
  code: CompetenceCode;
  level: number;
  pix: number;
}

/** One candidate's result as the platform computed it (it never trusts the centre's). */
export interface CandidateResult {
  /** R-SESS-7 */
  verificationCode: string;
  /** The centre's own candidate number. */
  candidateId: number;
  lastName: string;
  firstName: string;
  birthDate: string;
  examDate: string;
  status: CertificationStatus;
  pix: number;
  /** R-REF-3 — the level cap in force for the session. */
  maxLevel: number;
  competences: CompetenceResult[];
  /** Null when validated. */
  reason: string | null;
  /** R-PUB-1 — null until published. */
  publishedAt: string | null;
}

export interface LookedUpResult extends CandidateResult {
  centreId: string;
  centreName: string;
  bundleSha256: string;
}

export interface ReviewDecision {
  verificationCode: string;
  decision: 'published' | 'rejected';
  decidedAt: string;
  /** Who reviewed (a person's name, kept with the decision). */
  decidedBy: string;
  note: string;
}

export interface StoredBundle {
  duplicate: boolean;
  /** The receipt stored with the first copy. */
  receipt: Buffer;
}

/** Why the store refused a write: a stable code and its facts; the edge words it in French. */
export type StoreRefusal =
  | { code: 'centreNameMismatch'; centreId: string; storedName: string }
  | { code: 'centreMissing'; centreId: string }
  | { code: 'certificateExists'; serialHex: string }
  | { code: 'unknownCertificate'; serialHex: string }
  | { code: 'alreadyRevoked'; serialHex: string; revokedAt: string }
  | { code: 'packageExists'; kind: PackageKind; packageId: string; version: string }
  | { code: 'duplicateCandidate'; candidateId: number }
  | { code: 'verificationCodeTaken'; verificationCodes: string[] }
  | { code: 'unknownResult'; verificationCode: string }
  | { code: 'notHeldForReview'; verificationCode: string; why: 'published' | 'notValidated' | 'decided'; decision?: string };
