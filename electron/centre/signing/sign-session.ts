import { createHash } from 'node:crypto';
import type { SessionSignature } from '../../../shared/formats/signing';
import { ok, type Result } from '../../../shared/result';
import { AUDIT_LOG_FILE } from '../../../shared/formats/audit-log';
import { auditLogFile } from '../audit/audit-log-file';
import { appendEvent } from '../audit/event-chain';
import { AUDIT_LOG_DESCRIPTION } from './bundle-readme';
import { fingerprintSha256 } from '../pki/certificates';
import { signDetached } from '../pki/cms-sign';
import { verifyDetached } from '../pki/cms-verify';
import { isSessionSigned } from '../sessions/session-lock';
import type { SessionStore } from '../sessions/session-store';
import type { Db } from '../storage/database';
import { refuse, type Refusal } from '../storage/refusal';
import { isSqliteError } from '../storage/sqlite-error';
import { bundleReadme } from './bundle-readme';
import { checkCentreCertificate } from './centre-key-import';
import type { CentreKeyStore, CentreSigner } from './centre-key-store';
import { bundleFiles, zipBundle, type BundleFile } from './results-bundle';

/**
 * The extra files of a session's bundle (the attendance sheet and the PV d'incident as signed PDFs, built by
 * another module with the same centre key): called once the key is open, before the bundle is zipped.
 */
export type BundleExtras = (input: { sessionId: number; signer: CentreSigner; results: Buffer; signedAt: Date }) => Promise<(BundleFile & { description: string })[]>;

export interface SigningContext {
  db: Db;
  sessions: SessionStore;
  keys: CentreKeyStore;
  /** The trusted authority's certificate (PEM), or null when the data folder has none. */
  authorityCertificate: () => string | null;
  now: () => Date;
  extraFiles?: BundleExtras;
}

interface SignatureRow {
  session_id: number;
  signed_at: string;
  signed_by: string;
  signer_subject: string;
  certificate_fingerprint: string;
  results_sha256: string;
  bundle_sha256: string;
  bundle_bytes: number;
  files: string;
}

const SIGNATURE_COLUMNS = `session_id, signed_at, signed_by, signer_subject, certificate_fingerprint, results_sha256, bundle_sha256,
  length(bundle) AS bundle_bytes, files`;

/**
 * Architecture §2 — signs a finalised session: the stored results document (exactly the bytes the finalisation
 * produced) gets a detached CMS signature (SHA-256, the centre's certificate and chain), checked against the
 * trusted authority before anything is kept; the bundle (.zip) is built once and stored, so that every download
 * gives the same bytes. From then on the session is frozen (sessions/session-lock.ts).
 */
export async function signSession(context: SigningContext, sessionId: number, passphrase: string, actor: string): Promise<Result<SessionSignature, Refusal>> {
  const session = context.sessions.getSession(sessionId);
  if (!session) return refuse('notFound', 'sessionId', `Session introuvable (id ${sessionId}).`);
  if (isSessionSigned(context.db, sessionId)) return refuse('sessionAlreadySigned', 'sessionId', `La session n° ${session.number} est déjà signée : son lot de résultats ne change plus.`);
  const stored = context.db.prepare<[number], { json: string; sha256: string }>(
    'SELECT results_json AS json, results_sha256 AS sha256 FROM finalisations WHERE session_id = ?').get(sessionId);
  if (!stored) return refuse('sessionNotFinalised', 'sessionId', `La session n° ${session.number} n’est pas finalisée : finalisez-la avant de la signer.`);
  const authorityPem = context.authorityCertificate();
  if (authorityPem === null) return refuse('noTrustedAuthority', null, 'Aucun certificat d’autorité de confiance (authority.pem) dans le dossier de données du poste.');

  const key = context.keys.load(passphrase);
  if (!key.ok) return key;
  const signedAt = context.now();
  const valid = checkCentreCertificate(key.value.certPem, key.value.chainPems, authorityPem, signedAt);
  if (!valid.ok) return valid;

  const results = Buffer.from(stored.json, 'utf8');
  const signature = signDetached(results, key.value, { signingTime: signedAt });
  // Checked as the platform will check it, before the session is frozen: a bug here must not freeze a bad bundle.
  const verified = verifyDetached(results, signature, authorityPem, { at: signedAt });
  if (!verified.ok) throw new Error(`signature du lot de résultats invalide : ${verified.reason}`);

  const pdfs = (await context.extraFiles?.({ sessionId, signer: key.value, results, signedAt })) ?? [];
  const extras = [...pdfs, auditLogOf(context.db, sessionId, stored.json)];
  const certificateFingerprint = fingerprintSha256(key.value.certPem);
  const readme = bundleReadme({
    sessionNumber: session.number, centre: session.centre, signedAt, signer: verified.signer.subject, certificateFingerprint,
    resultsSha256: stored.sha256, authorityFingerprint: fingerprintSha256(authorityPem),
    extraFiles: extras.map((f) => ({ name: f.name, description: f.description })),
  });
  const files = bundleFiles({ results, signature, readme, extraFiles: extras.map(({ name, bytes }) => ({ name, bytes })) });
  const bundle = await zipBundle(files, signedAt);

  try {
    context.db.transaction(() => {
      context.db.prepare(`INSERT INTO session_signatures (session_id, signed_at, signed_by, signer_subject, certificate_fingerprint,
          results_sha256, signature, bundle, bundle_sha256, files) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        sessionId, signedAt.toISOString(), actor, verified.signer.subject, certificateFingerprint, stored.sha256, signature, bundle,
        createHash('sha256').update(bundle).digest('hex'), JSON.stringify(files.map((f) => f.name)));
      appendEvent(context.db, sessionId, {
        kind: 'sessionSigned', at: signedAt.toISOString(),
        payload: { by: actor, certificateFingerprint, resultsSha256: stored.sha256 },
      });
    })();
  } catch (error) {
    // Two signatures at once: the first one stored wins.
    if (isSqliteError(error, 'SQLITE_CONSTRAINT_PRIMARYKEY')) return refuse('sessionAlreadySigned', 'sessionId', `La session n° ${session.number} est déjà signée : son lot de résultats ne change plus.`);
    throw error;
  }
  return ok(storedSignature(context.db, sessionId)!);
}

/**
 * audit.jsonl, the session's events up to its finalisation, whose SHA-256 the results document signs. The events
 * are append-only: another SHA-256 here is a bug (or a database edited behind the triggers), never a bundle.
 */
function auditLogOf(db: Db, sessionId: number, resultsJson: string): BundleFile & { description: string } {
  const { auditChain } = JSON.parse(resultsJson) as { auditChain: { seq: number; logSha256: string } };
  const log = auditLogFile(db, sessionId, auditChain.seq);
  if (log.sha256 !== auditChain.logSha256) throw new Error(`journal d’audit de la session ${sessionId} différent de celui de la finalisation`);
  return { name: AUDIT_LOG_FILE, bytes: Buffer.from(log.text, 'utf8'), description: AUDIT_LOG_DESCRIPTION };
}

/** A session's signature as the routes answer it, or null when it is not signed. */
export function storedSignature(db: Db, sessionId: number): SessionSignature | null {
  const row = db.prepare<[number], SignatureRow>(`SELECT ${SIGNATURE_COLUMNS} FROM session_signatures WHERE session_id = ?`).get(sessionId);
  if (!row) return null;
  return {
    sessionId: row.session_id, signedAt: row.signed_at, signedBy: row.signed_by, signer: row.signer_subject,
    certificateFingerprint: row.certificate_fingerprint, resultsSha256: row.results_sha256, bundleSha256: row.bundle_sha256,
    bundleBytes: row.bundle_bytes, files: JSON.parse(row.files) as string[],
  };
}

/** The stored bundle (.zip) of a signed session, byte for byte, with its SHA-256; null when it is not signed. */
export function storedBundle(db: Db, sessionId: number): { bytes: Buffer; sha256: string } | null {
  const row = db.prepare<[number], { bundle: Buffer; sha256: string }>('SELECT bundle, bundle_sha256 AS sha256 FROM session_signatures WHERE session_id = ?').get(sessionId);
  return row ? { bytes: row.bundle, sha256: row.sha256 } : null;
}
