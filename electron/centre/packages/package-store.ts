import { createHash } from 'node:crypto';
import type { Db } from '../storage/database';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';
import { lockedWord, sessionLock } from '../sessions/session-lock';

export type PackageKind = 'content' | 'profile';

/** A signed package as kept on the station (001-sessions.sql `packages`): body and signature verbatim. */
export interface StoredPackage {
  id: number;
  kind: PackageKind;
  packageId: string;
  version: string;
  sha256: string;
  body: string;
  signature: Buffer;
  signer: string;
  importedAt: string;
}

/** A package whose signature the caller has already verified (architecture §2). */
export interface PackageToSave {
  kind: PackageKind;
  /** The package's `id` field. */
  packageId: string;
  /** Content: its `version`; profile: its `generatedAt`. */
  version: string;
  body: string;
  signature: Uint8Array;
  /** Who signed it (the certificate's subject), for display and audit. */
  signer: string;
}

interface PackageRow {
  id: number; kind: PackageKind; package_id: string; version: string; sha256: string;
  body: string; signature: Buffer; signer: string; imported_at: string;
}

const toPackage = (row: PackageRow): StoredPackage => ({
  id: row.id, kind: row.kind, packageId: row.package_id, version: row.version, sha256: row.sha256,
  body: row.body, signature: row.signature, signer: row.signer, importedAt: row.imported_at,
});

export type PackageStore = ReturnType<typeof createPackageStore>;

/** Signed content and profile packages, and which ones each session uses. */
export function createPackageStore(db: Db, now: () => Date = () => new Date()) {
  const byId = db.prepare<[number], PackageRow>('SELECT * FROM packages WHERE id = ?');
  const sessionPackageIds = db.prepare<[number], { content_package_id: number | null; profile_package_id: number | null }>(
    'SELECT content_package_id, profile_package_id FROM sessions WHERE id = ?');
  const getPackage = (id: number): StoredPackage | null => {
    const row = byId.get(id);
    return row ? toPackage(row) : null;
  };

  return {
    /** Idempotent: the same body (same SHA-256) of the same kind is stored once; `created` says whether it is new. */
    savePackage(p: PackageToSave): { package: StoredPackage; created: boolean } {
      const sha256 = createHash('sha256').update(p.body, 'utf8').digest('hex');
      const existing = db.prepare<[string, string], PackageRow>('SELECT * FROM packages WHERE kind = ? AND sha256 = ?').get(p.kind, sha256);
      if (existing) return { package: toPackage(existing), created: false };
      const { lastInsertRowid } = db.prepare(`INSERT INTO packages (kind, package_id, version, sha256, body, signature, signer, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(p.kind, p.packageId, p.version, sha256, p.body, Buffer.from(p.signature), p.signer, now().toISOString());
      return { package: toPackage(byId.get(Number(lastInsertRowid))!), created: true };
    },

    getPackage,

    /** Newest first, without the bodies. */
    listPackages(kind?: PackageKind): Omit<StoredPackage, 'body'>[] {
      const sql = `SELECT id, kind, package_id, version, sha256, '' AS body, signature, signer, imported_at
        FROM packages ${kind ? 'WHERE kind = ?' : ''} ORDER BY imported_at DESC, id DESC`;
      const rows = kind ? db.prepare<[string], PackageRow>(sql).all(kind) : db.prepare<[], PackageRow>(sql).all();
      return rows.map((row) => {
        const { body: _body, ...meta } = toPackage(row);
        return meta;
      });
    },

    /** Makes `packageRowId` the session's content or profile package (by the package's kind); only before finalisation. */
    useInSession(sessionId: number, packageRowId: number): Result<null, Refusal> {
      const session = db.prepare<[number], { id: number; number: number; status: string }>('SELECT id, number, status FROM sessions WHERE id = ?').get(sessionId);
      if (!session) return refuse('notFound', null, `Session introuvable (id ${sessionId}).`);
      const lock = sessionLock(db, session);
      if (lock !== null) return refuse('sessionLocked', null, `La session n° ${session.number} est ${lockedWord(lock)} : ses paquets ne peuvent plus changer.`);
      const pkg = byId.get(packageRowId);
      if (!pkg) return refuse('notFound', null, `Paquet introuvable (id ${packageRowId}).`);
      const column = pkg.kind === 'content' ? 'content_package_id' : 'profile_package_id';
      db.prepare(`UPDATE sessions SET ${column} = ? WHERE id = ?`).run(packageRowId, sessionId);
      return ok(null);
    },

    /** The packages a session uses (null until imported). */
    sessionPackages(sessionId: number): { content: StoredPackage | null; profile: StoredPackage | null } {
      const ids = sessionPackageIds.get(sessionId);
      const load = (id: number | null | undefined) => (id == null ? null : getPackage(id));
      return { content: load(ids?.content_package_id), profile: load(ids?.profile_package_id) };
    },

    /**
     * The row ids of the packages a session uses, without reading their bodies (megabytes for a profile package):
     * what a test start needs, the parsed packages being cached by row id.
     */
    sessionPackageIds(sessionId: number): { content: number | null; profile: number | null } {
      const ids = sessionPackageIds.get(sessionId);
      return { content: ids?.content_package_id ?? null, profile: ids?.profile_package_id ?? null };
    },
  };
}
