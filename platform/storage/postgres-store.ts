import pg from 'pg';
import { err, ok, type Result } from '../../shared/result';
import { LOOKUP_SQL } from './lookup-sql';
import { reviewRefusal } from './review-decision';
import { HELD_FOR_REVIEW_SQL, INSERT_DECISION_SQL, PUBLISH_RESULT_SQL, REVIEW_CANDIDATE_SQL } from './review-sql';
import { listMigrations, pendingMigrations } from './migrations';
import type { Centre, PlatformStore, StoreRefusal } from './platform-store';
import { RESULT_COLUMNS, bundleFromRow, certificateFromRow, firstInternalDuplicate, isoTime, lookedUpFromRow, packageFromRow, packageSummaryFromRow, resultFromRow, resultValues, revocationFromRow, type Row } from './row-mapping';

const UNIQUE_VIOLATION = '23505';
/** pg_advisory_xact_lock key: two platforms starting at once apply the migrations one after the other. */
const MIGRATION_LOCK = 0x70617373;
const DATE_OID = 1082;
const POOL_SIZE = 10;

/** `date` columns come back as the "YYYY-MM-DD" PostgreSQL sent, not as a local-midnight `Date`. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresStoreOptions {
  /** A schema to work in (created if missing): the tests give each run its own. Default: the role's search_path. */
  schema?: string;
}

/**
 * The platform's store on PostgreSQL, for a national deployment (architecture §4), chosen when DATABASE_URL is
 * set. Same interface and same tests as the SQLite store; numbered migrations of its own (migrations/postgres).
 */
export async function openPostgresStore(connectionString: string, options: PostgresStoreOptions = {}): Promise<PlatformStore> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`nom de schéma PostgreSQL invalide : ${schema}`);
  const pool = new pg.Pool({
    connectionString,
    max: POOL_SIZE,
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  try {
    if (schema !== undefined) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const one = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as Row | undefined;
  const many = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as Row[];

  /** Runs `work` in one transaction; it commits when `work` returns ok, rolls back otherwise (or on a throw). */
  async function transaction<T, E = StoreRefusal>(work: (client: pg.PoolClient) => Promise<Result<T, E>>): Promise<Result<T, E>> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(result.ok ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  const centre = async (id: string, client: pg.ClientBase | pg.Pool = pool): Promise<Centre | null> => {
    const row = (await client.query('SELECT centre_id, name, created_at FROM centres WHERE centre_id = $1', [id])).rows[0] as Row | undefined;
    return row ? { centreId: String(row.centre_id), name: String(row.name), createdAt: isoTime(row.created_at) } : null;
  };

  return {
    engine: 'postgres',
    recordCertificate: (cert, newCentre) => transaction<undefined>(async (client) => {
      if (newCentre !== null) {
        // Two issues for one new centre at once: the second waits on the primary key, then sees the first's row.
        await client.query('INSERT INTO centres (centre_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [newCentre.centreId, newCentre.name, newCentre.createdAt]);
        const stored = await centre(newCentre.centreId, client);
        if (stored !== null && stored.name !== newCentre.name) return err({ code: 'centreNameMismatch', centreId: newCentre.centreId, storedName: stored.name });
      } else if (cert.centreId !== null && (await centre(cert.centreId, client)) === null) {
        return err({ code: 'centreMissing', centreId: cert.centreId });
      }
      const inserted = await client.query(`INSERT INTO certificates (serial_hex, kind, centre_id, subject, fingerprint_sha256, not_before, not_after, certificate_pem, issued_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (serial_hex) DO NOTHING`,
      [cert.serialHex, cert.kind, cert.centreId, cert.subject, cert.fingerprintSha256, cert.notBefore, cert.notAfter, cert.certificatePem, cert.issuedAt]);
      return inserted.rowCount === 1 ? ok(undefined) : err({ code: 'certificateExists', serialHex: cert.serialHex });
    }),
    centre: (id) => centre(id),
    certificate: async (serial) => {
      const row = await one('SELECT * FROM certificates WHERE serial_hex = $1', [serial]);
      return row ? certificateFromRow(row) : null;
    },
    certificateFacts: async (serial) => {
      // One round trip: the certificate, its revocation and its centre (a revocation needs its certificate: 003-bundles.sql).
      const row = await one(`SELECT c.*, r.reason AS revocation_reason, r.revoked_at AS revocation_revoked_at,
          ce.centre_id AS centre_centre_id, ce.name AS centre_name, ce.created_at AS centre_created_at
        FROM certificates c LEFT JOIN revocations r ON r.serial_hex = c.serial_hex LEFT JOIN centres ce ON ce.centre_id = c.centre_id
        WHERE c.serial_hex = $1`, [serial]);
      if (row === undefined) return { issued: null, revocation: null, centre: null };
      return {
        issued: certificateFromRow(row),
        revocation: row.revocation_reason === null ? null : revocationFromRow({ serial_hex: row.serial_hex, reason: row.revocation_reason, revoked_at: row.revocation_revoked_at }),
        centre: row.centre_centre_id === null ? null : { centreId: String(row.centre_centre_id), name: String(row.centre_name), createdAt: isoTime(row.centre_created_at) },
      };
    },
    centreCertificates: async (id) => (await many('SELECT * FROM certificates WHERE centre_id = $1 ORDER BY issued_at, serial_hex', [id])).map(certificateFromRow),
    revoke: (r) => transaction<undefined>(async (client) => {
      const known = await client.query('SELECT 1 FROM certificates WHERE serial_hex = $1', [r.serialHex]);
      if (known.rowCount === 0) return err({ code: 'unknownCertificate', serialHex: r.serialHex });
      const inserted = await client.query('INSERT INTO revocations (serial_hex, reason, revoked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [r.serialHex, r.reason, r.revokedAt]);
      if (inserted.rowCount === 1) return ok(undefined);
      const existing = (await client.query('SELECT revoked_at FROM revocations WHERE serial_hex = $1', [r.serialHex])).rows[0] as Row;
      return err({ code: 'alreadyRevoked', serialHex: r.serialHex, revokedAt: isoTime(existing.revoked_at) });
    }),
    revocation: async (serial) => {
      const row = await one('SELECT * FROM revocations WHERE serial_hex = $1', [serial]);
      return row ? revocationFromRow(row) : null;
    },
    revocations: async () => (await many('SELECT * FROM revocations ORDER BY revoked_at, serial_hex')).map(revocationFromRow),
    recordCrl: async (crl) => Number((await one('INSERT INTO crls (issued_at, next_update, entries) VALUES ($1, $2, $3) RETURNING crl_number', [crl.issuedAt, crl.nextUpdate, crl.entries]))!.crl_number),
    publishPackage: async (p) => {
      const run = await pool.query(`INSERT INTO published_packages (kind, package_id, version, sha256, document, signature, published_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`, [p.kind, p.packageId, p.version, p.sha256, p.document, p.signature, p.publishedAt]);
      return run.rowCount === 1 ? ok(undefined) : err({ code: 'packageExists', kind: p.kind, packageId: p.packageId, version: p.version });
    },
    publishedPackage: async (kind, id, version) => {
      const row = version === null
        ? await one('SELECT * FROM published_packages WHERE kind = $1 AND package_id = $2 ORDER BY seq DESC LIMIT 1', [kind, id])
        : await one('SELECT * FROM published_packages WHERE kind = $1 AND package_id = $2 AND version = $3', [kind, id, version]);
      return row ? packageFromRow(row) : null;
    },
    publishedPackages: async () => (await pool.query(`SELECT kind, package_id, version, sha256, octet_length(document) AS bytes, published_at
      FROM published_packages ORDER BY seq`)).rows.map(packageSummaryFromRow),
    storeBundle: async (b, results) => {
      const internal = firstInternalDuplicate(results);
      if (internal !== null) {
        return err('candidateId' in internal
          ? { code: 'duplicateCandidate', candidateId: internal.candidateId }
          : { code: 'verificationCodeTaken', verificationCodes: [internal.verificationCode] });
      }
      try {
        // One statement, so one round trip and its own transaction (all or nothing): the bundle, then its results
        // from one array per column. A copy of the same bundle being stored at the same time waits on the unique
        // index, then inserts nothing (no bundle_id): its answer is the first copy's receipt, read below.
        const values = results.map((r) => resultValues(0, r).slice(1));
        const row = await one(STORE_BUNDLE_SQL, [b.sha256, b.centreId, b.certificateSerialHex, b.sessionNumber, b.sessionDate, b.receivedAt, b.archive, b.receipt,
          ...RESULT_ARRAY_COLUMNS.map((_, j) => values.map((v) => v[j]))]);
        if (row?.bundle_id !== null && row?.bundle_id !== undefined) return ok({ duplicate: false, receipt: b.receipt });
      } catch (error) {
        if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
        const codes = results.map((r) => r.verificationCode);
        const taken = await many('SELECT verification_code FROM candidate_results WHERE verification_code = ANY($1)', [codes]);
        return err({ code: 'verificationCodeTaken', verificationCodes: taken.map((row) => String(row.verification_code)).sort() });
      }
      const first = await one('SELECT receipt FROM bundles WHERE sha256 = $1', [b.sha256]);
      return ok({ duplicate: true, receipt: first!.receipt as Buffer });
    },
    bundle: async (sha) => {
      const row = await one('SELECT * FROM bundles WHERE sha256 = $1', [sha]);
      return row ? bundleFromRow(row) : null;
    },
    bundleReceipt: async (sha) => ((await one('SELECT receipt FROM bundles WHERE sha256 = $1', [sha]))?.receipt as Buffer | undefined) ?? null,
    bundleResults: async (sha) => (await many('SELECT r.* FROM candidate_results r JOIN bundles b USING (bundle_id) WHERE b.sha256 = $1 ORDER BY r.candidate_id', [sha])).map(resultFromRow),
    resultByVerificationCode: async (code) => {
      const row = await one(LOOKUP_SQL, [code]);
      return row ? lookedUpFromRow(row) : null;
    },
    resultsHeldForReview: async () => (await many(HELD_FOR_REVIEW_SQL, [])).map(lookedUpFromRow),
    decideReview: (d) => transaction(async (client) => {
      // FOR UPDATE on the result: two reviewers at once, one decision (the other finds it decided).
      await client.query('SELECT 1 FROM candidate_results WHERE verification_code = $1 FOR UPDATE', [d.verificationCode]);
      const allowed = reviewRefusal((await client.query(REVIEW_CANDIDATE_SQL, [d.verificationCode])).rows[0] as Row | undefined, d);
      if (!allowed.ok) return allowed;
      await client.query(INSERT_DECISION_SQL, [d.verificationCode, d.decision, d.decidedAt, d.decidedBy, d.note]);
      if (d.decision === 'published') await client.query(PUBLISH_RESULT_SQL, [d.decidedAt, d.verificationCode]);
      return ok(lookedUpFromRow((await client.query(REVIEW_CANDIDATE_SQL, [d.verificationCode])).rows[0] as Row));
    }),
    close: () => pool.end(),
  };
}

/** candidate_results' columns after bundle_id, with the PostgreSQL type of the array each travels in. */
const RESULT_ARRAY_COLUMNS: readonly (readonly [string, string])[] = RESULT_COLUMNS.slice(1).map((column) => [column, ({
  candidate_id: 'integer', pix: 'integer', max_level: 'integer', birth_date: 'date', exam_date: 'date', competences: 'jsonb', published_at: 'timestamptz',
} as Record<string, string>)[column] ?? 'text'] as const);

/** The bundle and its candidates' results in one statement (postgres-store.ts `storeBundle`). */
const STORE_BUNDLE_SQL = `WITH b AS (
    INSERT INTO bundles (sha256, centre_id, certificate_serial_hex, session_number, session_date, received_at, archive, receipt)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sha256) DO NOTHING RETURNING bundle_id
  ), r AS (
    INSERT INTO candidate_results (${RESULT_COLUMNS.join(', ')})
    SELECT b.bundle_id, u.* FROM b, unnest(${RESULT_ARRAY_COLUMNS.map(([, type], j) => `$${j + 9}::${type}[]`).join(', ')}) AS u(${RESULT_ARRAY_COLUMNS.map(([column]) => column).join(', ')})
    RETURNING 1
  )
  SELECT (SELECT bundle_id FROM b) AS bundle_id, (SELECT count(*) FROM r) AS results`;

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)');
    const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((row: Row) => Number(row.version)));
    for (const m of pendingMigrations(listMigrations('postgres'), applied)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
