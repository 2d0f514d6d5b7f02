import { z } from 'zod';
import { CompetenceCode, Id, IsoDate, MaxLevel } from './common';
import { CertificationStatus } from './scoring';

/**
 * The authority platform's HTTP contract (issue 9 §3, docs/platform-api.md): what `passation-platform serve`
 * answers and what the centre's outbox (issue 9 §2) reads. Every body is JSON except the upload (the bundle's
 * .zip bytes) and the look-up page (HTML). Binary values travel in base64.
 */
export const PLATFORM_ROUTES = {
  /** POST, body = the bundle's .zip bytes (Content-Type application/zip) → 201 (or 200 for a duplicate) + SignedReceipt. */
  uploadBundle: '/api/bundles',
  /** GET → PackageList. */
  packages: '/api/packages',
  /** GET /api/packages/:kind/:packageId/:version (version `latest` for the last published) → PackageDownload. */
  packagePrefix: '/api/packages/',
  /** GET /api/verification/:code → VerificationAnswer (R-PUB-1); 404 when unknown or not published. */
  verificationPrefix: '/api/verification/',
  /** GET /verification?code=… → the French HTML page (R-PUB-1). */
  verificationPage: '/verification',
} as const;

/** Header giving the uploaded bundle's SHA-256 back on every answer to an upload, accepted or refused. */
export const BUNDLE_SHA256_HEADER = 'x-bundle-sha256';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue (64 caractères hexadécimaux)');
const DateTime = z.string().datetime({ offset: true });
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 attendu');
const VerificationCode = z.string().regex(/^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/, 'code de vérification invalide');

// ─── The receipt ───────────────────────────────────────────────────────────────────────────────────────────────

export const RECEIPT_FORMAT = 'passation/receipt';

/**
 * Issue 9 §2 — the extendedKeyUsage that only the platform's receipt-signing certificate carries (set by
 * `passation-platform init`): a centre accepts a receipt signed by that certificate, never by another one the
 * authority issued (a centre's). The project has no registered arc yet: this OID sits under X.660's arc 2.999 and
 * is to be replaced by one under the authority's own arc (an IANA enterprise number) before production; a
 * 2.25.<UUID> OID is not possible because node-forge reads no arc wider than 53 bits.
 */
export const RECEIPT_SIGNING_USAGE = '2.999.64032.9.1';
export const RECEIPT_FORMAT_VERSION = 1;

/** R-SCORE-7 — a competence as the platform scored it; level −1 = not certified. */
export const ReceiptCompetence = z.object({ code: CompetenceCode, level: z.number().int().min(-1), pix: z.number().int().min(0) }).strict();

/** One candidate who sat a test, rescored by the platform from the raw answers (it never trusts the centre's statuses). */
export const ReceiptCandidate = z.object({
  candidateId: z.number().int().positive(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: IsoDate,
  /** R-SESS-7 */
  verificationCode: VerificationCode,
  status: CertificationStatus,
  /** Out of 640 (R-SCORE-6). */
  pix: z.number().int().min(0).max(640),
  reproducibilityRate: z.number().int().min(0).max(100),
  /** R-REF-3 — the session's level cap. */
  maxLevel: MaxLevel,
  competences: z.array(ReceiptCompetence),
  /** Null when validated. */
  reason: z.string().nullable(),
  /** Whether the centre's provisional result (status, pix, competences) equals the platform's. */
  matchesCentre: z.boolean(),
}).strict();
export type ReceiptCandidate = z.infer<typeof ReceiptCandidate>;

/** The receipt document: its canonical JSON (RFC 8785) is what the platform signs. */
export const Receipt = z.object({
  format: z.literal(RECEIPT_FORMAT),
  formatVersion: z.literal(RECEIPT_FORMAT_VERSION),
  /** SHA-256 of the uploaded .zip: the deduplication key. */
  bundleSha256: Sha256,
  /** SHA-256 of results.json, the bytes the centre signed. */
  resultsSha256: Sha256,
  centreId: z.string().min(1),
  centreName: z.string(),
  /** The serial (lower-case hex) of the centre certificate that signed the results. */
  certificateSerial: z.string().regex(/^[0-9a-f]+$/),
  sessionNumber: z.number().int().positive(),
  sessionDate: IsoDate,
  receivedAt: DateTime,
  /** Content and profile packages the platform rescored with (its own published copies). */
  content: z.object({ packageId: Id, version: z.string(), sha256: Sha256 }).strict(),
  candidates: z.array(ReceiptCandidate),
}).strict();
export type Receipt = z.infer<typeof Receipt>;

/**
 * The answer to an accepted upload: `receipt` is the receipt's canonical JSON text (keep it byte for byte: the
 * signature covers its UTF-8 bytes), `signature` the detached CMS (DER, base64) by the platform's signing
 * certificate, chain to the authority included. Check it with
 * `openssl cms -verify -binary -inform DER -content receipt.json -in receipt.json.p7s -CAfile authority.pem -purpose any`.
 */
export const SignedReceipt = z.object({
  receipt: z.string().min(1),
  signature: Base64,
  /** True when this bundle had already been received: the receipt is the first one, unchanged. */
  duplicate: z.boolean(),
}).strict();
export type SignedReceipt = z.infer<typeof SignedReceipt>;

// ─── Refusals ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The checks of an upload, in the order they run; a refusal names the first that failed. */
export const BundleCheck = z.enum([
  /** 413 — larger than the platform accepts. */
  'size',
  /** 400 — not a zip, or not exactly the bundle's files (names, no folder, no duplicate). */
  'archive',
  /** 422 — the CMS signature does not verify over results.json. */
  'signature',
  /** 403 — the signer's certificate is not a centre certificate of this authority, or is expired, not yet valid, revoked. */
  'certificate',
  /** 422 — results.json is not canonical JSON of the results schema. */
  'schema',
  /** 422 — the audit chain's head does not account for the events the document shows. */
  'auditChain',
  /** 422 — the content package the test used is not published here, or the tests do not match it. */
  'content',
  /** 409 — a verification code of this bundle is already another result's. */
  'verificationCode',
]);
export type BundleCheck = z.infer<typeof BundleCheck>;

export const PlatformRefusal = z.object({
  error: z.object({
    /** Which check failed (uploads), or `notFound`, `rateLimited`, `badRequest` for the other routes. */
    check: z.union([BundleCheck, z.enum(['notFound', 'rateLimited', 'badRequest'])]),
    /** French, for the person who sends: what is wrong, and where. */
    message: z.string().min(1),
  }).strict(),
}).strict();
export type PlatformRefusal = z.infer<typeof PlatformRefusal>;

// ─── Packages ──────────────────────────────────────────────────────────────────────────────────────────────────

export const PackageKind = z.enum(['content', 'profiles']);

export const PackageSummary = z.object({
  kind: PackageKind,
  packageId: Id,
  version: z.string().min(1),
  sha256: Sha256,
  bytes: z.number().int().min(0),
  publishedAt: DateTime,
}).strict();

export const PackageList = z.object({ packages: z.array(PackageSummary) }).strict();
export type PackageList = z.infer<typeof PackageList>;

/** One published package: its exact bytes and their detached CMS signature by the platform (base64 each). */
export const PackageDownload = PackageSummary.extend({ document: Base64, signature: Base64 }).strict();
export type PackageDownload = z.infer<typeof PackageDownload>;

// ─── Look-up by verification code (R-PUB-1) ────────────────────────────────────────────────────────────────────

/** What anyone holding a verification code may read: a validated, published certification. */
export const VerificationAnswer = z.object({
  verificationCode: VerificationCode,
  lastName: z.string(),
  firstName: z.string(),
  birthDate: IsoDate,
  examDate: IsoDate,
  centreName: z.string(),
  pix: z.number().int().min(0).max(640),
  maxLevel: MaxLevel,
  competences: z.array(ReceiptCompetence),
  publishedAt: DateTime,
}).strict();
export type VerificationAnswer = z.infer<typeof VerificationAnswer>;
