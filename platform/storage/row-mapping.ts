import type { CertificationStatus } from '../../shared/formats/scoring';
import type { RevocationReason } from '../authority/revocation-reason';
import type { CandidateResult, CertificateKind, CompetenceResult, IssuedCertificate, LookedUpResult, PackageKind, PublishedPackage, PublishedPackageSummary, ReceivedBundle, Revocation } from './platform-store';

/**
 * Rows of both engines → the store's values. SQLite gives ISO text and JSON text; PostgreSQL gives `Date`
 * for timestamptz, "YYYY-MM-DD" for date (its parser is set so, postgres-store.ts) and parsed jsonb.
 */
export type Row = Record<string, unknown>;

export function isoTime(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function optionalIsoTime(value: unknown): string | null {
  return value === null || value === undefined ? null : isoTime(value);
}

function bytes(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
}

export function certificateFromRow(row: Row): IssuedCertificate {
  return {
    serialHex: String(row.serial_hex),
    kind: row.kind as CertificateKind,
    centreId: row.centre_id === null ? null : String(row.centre_id),
    subject: String(row.subject),
    fingerprintSha256: String(row.fingerprint_sha256),
    notBefore: isoTime(row.not_before),
    notAfter: isoTime(row.not_after),
    certificatePem: String(row.certificate_pem),
    issuedAt: isoTime(row.issued_at),
  };
}

export function revocationFromRow(row: Row): Revocation {
  return { serialHex: String(row.serial_hex), reason: row.reason as RevocationReason, revokedAt: isoTime(row.revoked_at) };
}

export function packageFromRow(row: Row): PublishedPackage {
  return {
    kind: row.kind as PackageKind,
    packageId: String(row.package_id),
    version: String(row.version),
    sha256: String(row.sha256),
    document: bytes(row.document),
    signature: bytes(row.signature),
    publishedAt: isoTime(row.published_at),
  };
}

export function packageSummaryFromRow(row: Row): PublishedPackageSummary {
  return {
    kind: row.kind as PackageKind,
    packageId: String(row.package_id),
    version: String(row.version),
    sha256: String(row.sha256),
    bytes: Number(row.bytes),
    publishedAt: isoTime(row.published_at),
  };
}

export function bundleFromRow(row: Row): ReceivedBundle {
  return {
    sha256: String(row.sha256),
    centreId: String(row.centre_id),
    certificateSerialHex: String(row.certificate_serial_hex),
    sessionNumber: Number(row.session_number),
    sessionDate: String(row.session_date),
    receivedAt: isoTime(row.received_at),
    archive: bytes(row.archive),
    receipt: bytes(row.receipt),
  };
}

export function resultFromRow(row: Row): CandidateResult {
  const competences = (typeof row.competences === 'string' ? JSON.parse(row.competences) : row.competences) as CompetenceResult[];
  return {
    verificationCode: String(row.verification_code),
    candidateId: Number(row.candidate_id),
    lastName: String(row.last_name),
    firstName: String(row.first_name),
    birthDate: String(row.birth_date),
    examDate: String(row.exam_date),
    status: row.status as CertificationStatus,
    pix: Number(row.pix),
    maxLevel: Number(row.max_level),
    competences,
    reason: row.reason === null ? null : String(row.reason),
    publishedAt: optionalIsoTime(row.published_at),
  };
}

export function lookedUpFromRow(row: Row): LookedUpResult {
  return { ...resultFromRow(row), centreId: String(row.centre_id), centreName: String(row.centre_name), bundleSha256: String(row.sha256) };
}

/** The columns of candidate_results in insertion order, and one result's values in that order. */
export const RESULT_COLUMNS = ['bundle_id', 'candidate_id', 'verification_code', 'last_name', 'first_name', 'birth_date', 'exam_date', 'status', 'pix', 'max_level', 'competences', 'reason', 'published_at'] as const;

export function resultValues(bundleId: number | string, r: CandidateResult): unknown[] {
  return [bundleId, r.candidateId, r.verificationCode, r.lastName, r.firstName, r.birthDate, r.examDate, r.status, r.pix, r.maxLevel, JSON.stringify(r.competences), r.reason, r.publishedAt];
}

/** Duplicate candidate ids or verification codes inside one bundle, found before any write. */
export function firstInternalDuplicate(results: readonly CandidateResult[]): { candidateId: number } | { verificationCode: string } | null {
  const ids = new Set<number>();
  const codes = new Set<string>();
  for (const r of results) {
    if (ids.has(r.candidateId)) return { candidateId: r.candidateId };
    if (codes.has(r.verificationCode)) return { verificationCode: r.verificationCode };
    ids.add(r.candidateId);
    codes.add(r.verificationCode);
  }
  return null;
}
