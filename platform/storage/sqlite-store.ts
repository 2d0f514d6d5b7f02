import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import { listMigrations, pendingMigrations } from './migrations';
import type { Centre, LookedUpResult, PlatformStore, ReviewDecision, StoreRefusal } from './platform-store';
import { RESULT_COLUMNS, bundleFromRow, certificateFromRow, firstInternalDuplicate, lookedUpFromRow, packageFromRow, packageSummaryFromRow, resultFromRow, resultValues, revocationFromRow, type Row } from './row-mapping';
import { LOOKUP_SQL } from './lookup-sql';
import { reviewRefusal } from './review-decision';
import { HELD_FOR_REVIEW_SQL, INSERT_DECISION_SQL, PUBLISH_RESULT_SQL, REVIEW_CANDIDATE_SQL, sqlitePlaceholders } from './review-sql';

const PRIVATE_FILE_MODE = 0o600;

/** SQLite's unique and primary-key violations (better-sqlite3's `code`). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The platform's store in one SQLite file (the default, architecture §4): WAL, `synchronous=FULL` (a receipt
 * sent is a bundle stored), foreign keys on, numbered migrations applied at open. better-sqlite3 is
 * synchronous: each method runs to its end before it returns its promise.
 */
export function openSqliteStore(file: string): PlatformStore {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  // Each statement prepared once (a bundle received runs the same few reads every time).
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const get = (sql: string, ...params: unknown[]) => prepared(sql).get(...params) as Row | undefined;
  const all = (sql: string, ...params: unknown[]) => prepared(sql).all(...params) as Row[];
  const centreRow = (id: string): Centre | null => {
    const row = get('SELECT centre_id, name, created_at FROM centres WHERE centre_id = ?', id);
    return row ? { centreId: String(row.centre_id), name: String(row.name), createdAt: String(row.created_at) } : null;
  };
  const insertBundle = db.prepare(`INSERT INTO bundles (sha256, centre_id, certificate_serial_hex, session_number, session_date, received_at, archive, receipt)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`);
  const insertResult = db.prepare(`INSERT INTO candidate_results (${RESULT_COLUMNS.join(', ')}) VALUES (${RESULT_COLUMNS.map(() => '?').join(', ')})`);

  const recordCertificate = db.transaction((cert: Parameters<PlatformStore['recordCertificate']>[0], centre: Centre | null): Result<void, StoreRefusal> => {
    if (centre !== null) {
      const stored = centreRow(centre.centreId);
      if (stored === null) db.prepare('INSERT INTO centres (centre_id, name, created_at) VALUES (?, ?, ?)').run(centre.centreId, centre.name, centre.createdAt);
      else if (stored.name !== centre.name) return err({ code: 'centreNameMismatch', centreId: centre.centreId, storedName: stored.name });
    } else if (cert.centreId !== null && centreRow(cert.centreId) === null) {
      return err({ code: 'centreMissing', centreId: cert.centreId });
    }
    if (get('SELECT 1 AS x FROM certificates WHERE serial_hex = ?', cert.serialHex)) return err({ code: 'certificateExists', serialHex: cert.serialHex });
    db.prepare(`INSERT INTO certificates (serial_hex, kind, centre_id, subject, fingerprint_sha256, not_before, not_after, certificate_pem, issued_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(cert.serialHex, cert.kind, cert.centreId, cert.subject, cert.fingerprintSha256, cert.notBefore, cert.notAfter, cert.certificatePem, cert.issuedAt);
    return ok(undefined);
  });

  const revoke = db.transaction((r: Parameters<PlatformStore['revoke']>[0]): Result<void, StoreRefusal> => {
    if (!get('SELECT 1 AS x FROM certificates WHERE serial_hex = ?', r.serialHex)) return err({ code: 'unknownCertificate', serialHex: r.serialHex });
    const existing = get('SELECT revoked_at FROM revocations WHERE serial_hex = ?', r.serialHex);
    if (existing) return err({ code: 'alreadyRevoked', serialHex: r.serialHex, revokedAt: String(existing.revoked_at) });
    db.prepare('INSERT INTO revocations (serial_hex, reason, revoked_at) VALUES (?, ?, ?)').run(r.serialHex, r.reason, r.revokedAt);
    return ok(undefined);
  });

  // All or nothing: better-sqlite3 rolls the transaction back when the function throws.
  const storeBundle = db.transaction((b: Parameters<PlatformStore['storeBundle']>[0], results: Parameters<PlatformStore['storeBundle']>[1]) => {
    const inserted = insertBundle.run(b.sha256, b.centreId, b.certificateSerialHex, b.sessionNumber, b.sessionDate, b.receivedAt, b.archive, b.receipt);
    if (inserted.changes === 0) return null;
    for (const r of results) insertResult.run(...resultValues(Number(inserted.lastInsertRowid), r));
    return b.receipt;
  });

  return {
    engine: 'sqlite',
    recordCertificate: async (cert, centre) => recordCertificate(cert, centre),
    centre: async (id) => centreRow(id),
    certificate: async (serial) => {
      const row = get('SELECT * FROM certificates WHERE serial_hex = ?', serial);
      return row ? certificateFromRow(row) : null;
    },
    certificateFacts: async (serial) => {
      const row = get('SELECT * FROM certificates WHERE serial_hex = ?', serial);
      const issued = row ? certificateFromRow(row) : null;
      const revocation = get('SELECT * FROM revocations WHERE serial_hex = ?', serial);
      return { issued, revocation: revocation ? revocationFromRow(revocation) : null, centre: issued?.centreId ? centreRow(issued.centreId) : null };
    },
    centreCertificates: async (id) => all('SELECT * FROM certificates WHERE centre_id = ? ORDER BY issued_at, rowid', id).map(certificateFromRow),
    revoke: async (r) => revoke(r),
    revocation: async (serial) => {
      const row = get('SELECT * FROM revocations WHERE serial_hex = ?', serial);
      return row ? revocationFromRow(row) : null;
    },
    revocations: async () => all('SELECT * FROM revocations ORDER BY revoked_at, rowid').map(revocationFromRow),
    recordCrl: async (crl) => Number(db.prepare('INSERT INTO crls (issued_at, next_update, entries) VALUES (?, ?, ?)').run(crl.issuedAt, crl.nextUpdate, crl.entries).lastInsertRowid),
    publishPackage: async (p) => {
      const run = db.prepare(`INSERT INTO published_packages (kind, package_id, version, sha256, document, signature, published_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(p.kind, p.packageId, p.version, p.sha256, p.document, p.signature, p.publishedAt);
      return run.changes === 1 ? ok(undefined) : err({ code: 'packageExists', kind: p.kind, packageId: p.packageId, version: p.version });
    },
    publishedPackage: async (kind, id, version) => {
      const row = version === null
        ? get('SELECT * FROM published_packages WHERE kind = ? AND package_id = ? ORDER BY rowid DESC LIMIT 1', kind, id)
        : get('SELECT * FROM published_packages WHERE kind = ? AND package_id = ? AND version = ?', kind, id, version);
      return row ? packageFromRow(row) : null;
    },
    publishedPackages: async () => db.prepare(`SELECT kind, package_id, version, sha256, length(document) AS bytes, published_at
      FROM published_packages ORDER BY rowid`).all().map((row) => packageSummaryFromRow(row as Record<string, unknown>)),
    storeBundle: async (b, results) => {
      const internal = firstInternalDuplicate(results);
      if (internal !== null) {
        return err('candidateId' in internal
          ? { code: 'duplicateCandidate', candidateId: internal.candidateId }
          : { code: 'verificationCodeTaken', verificationCodes: [internal.verificationCode] });
      }
      try {
        const receipt = storeBundle(b, results);
        if (receipt !== null) return ok({ duplicate: false, receipt });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return err({ code: 'verificationCodeTaken', verificationCodes: takenCodes(results.map((r) => r.verificationCode)) });
      }
      const first = get('SELECT receipt FROM bundles WHERE sha256 = ?', b.sha256);
      return ok({ duplicate: true, receipt: first!.receipt as Buffer });
    },
    bundle: async (sha) => {
      const row = get('SELECT * FROM bundles WHERE sha256 = ?', sha);
      return row ? bundleFromRow(row) : null;
    },
    bundleReceipt: async (sha) => (get('SELECT receipt FROM bundles WHERE sha256 = ?', sha)?.receipt as Buffer | undefined) ?? null,
    bundleResults: async (sha) => all(`SELECT r.* FROM candidate_results r JOIN bundles b USING (bundle_id) WHERE b.sha256 = ? ORDER BY r.candidate_id`, sha).map(resultFromRow),
    resultByVerificationCode: async (code) => {
      const row = get(LOOKUP_SQL.replace('$1', '?'), code);
      return row ? lookedUpFromRow(row) : null;
    },
    resultsHeldForReview: async () => all(HELD_FOR_REVIEW_SQL).map(lookedUpFromRow),
    decideReview: async (decision) => decideReview(decision),
    close: async () => { db.close(); },
  };

  function decideReview(d: ReviewDecision): Result<LookedUpResult, StoreRefusal> {
    return db.transaction(() => {
      const allowed = reviewRefusal(get(sqlitePlaceholders(REVIEW_CANDIDATE_SQL), d.verificationCode), d);
      if (!allowed.ok) return allowed;
      db.prepare(sqlitePlaceholders(INSERT_DECISION_SQL)).run(d.verificationCode, d.decision, d.decidedAt, d.decidedBy, d.note);
      if (d.decision === 'published') db.prepare(sqlitePlaceholders(PUBLISH_RESULT_SQL)).run(d.decidedAt, d.verificationCode);
      return ok(lookedUpFromRow(get(sqlitePlaceholders(REVIEW_CANDIDATE_SQL), d.verificationCode)!));
    })();
  }

  function takenCodes(codes: string[]): string[] {
    const taken = db.prepare('SELECT verification_code FROM candidate_results WHERE verification_code = ?').pluck();
    return codes.filter((code) => taken.get(code) !== undefined);
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  for (const m of pendingMigrations(listMigrations('sqlite'), applied)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}
