import { randomInt } from 'node:crypto';
import { PAIRING_CODE_LENGTH } from '../../../shared/formats/centre-api';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../storage/database';
import { recordKioskShell } from './kiosk-shells';
import { newToken, sha256Hex } from './secret-token';

/** How long a pairing code shown on the console stays valid. */
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
/** `last_seen_at` is written at most this often per kiosk (not on every request), batched off the request path. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;
/**
 * A device token unused for this long stops working (401 kioskExpired: pair again). Sliding: every use renews
 * it, through the `last_seen_at` note above (no write of its own); a kiosk in weekly use never expires.
 */
export const KIOSK_TOKEN_IDLE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A paired kiosk as the console lists it. */
export interface KioskSummary {
  id: number;
  name: string;
  pairedBy: string;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** The kiosk shell's build hash (kiosk-shells.ts), recorded at pairing or on its first attested request; null for none yet (a browser). */
  buildHash: string | null;
}

export type KioskLookup = { ok: true; kiosk: { id: number; name: string } } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

export type PairingResult = { ok: true; kioskId: number; deviceToken: string } | { ok: false; reason: string };

interface KioskRow { id: number; name: string; paired_by: string; paired_at: string; last_seen_at: string | null; revoked_at: string | null }
type ListedKioskRow = KioskRow & { build_hash: string | null };

/** A new single-use code (6 digits), distinct from every code still valid. `createdBy`: 'manager' or 'invigilator:<id>'. */
export function createPairingCode(db: Db, createdBy: string, now: Date): { code: string; expiresAt: string } {
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS).toISOString();
  const live = db.prepare<[string, string], number>('SELECT 1 FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').pluck();
  for (;;) {
    const code = String(randomInt(0, 10 ** PAIRING_CODE_LENGTH)).padStart(PAIRING_CODE_LENGTH, '0');
    const codeHash = sha256Hex(code);
    if (live.get(codeHash, now.toISOString()) !== undefined) continue;
    db.prepare('INSERT INTO pairing_codes (code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(codeHash, createdBy, now.toISOString(), expiresAt);
    return { code, expiresAt };
  }
}

/** Exchanges a valid code for a new kiosk and its device token (shown once; only its hash is kept). */
export function pairKiosk(db: Db, request: { code: string; name: string; shell?: { buildHash: string; configHash: string } | undefined }, now: Date): PairingResult {
  return db.transaction((): PairingResult => {
    const code = db.prepare<[string], { id: number; created_by: string; expires_at: string; used_at: string | null }>(
      'SELECT id, created_by, expires_at, used_at FROM pairing_codes WHERE code_hash = ? ORDER BY id DESC LIMIT 1').get(sha256Hex(request.code));
    if (!code) return { ok: false, reason: 'Code d’appairage inconnu : vérifiez les 6 chiffres affichés sur la console.' };
    if (code.used_at !== null) return { ok: false, reason: 'Ce code d’appairage a déjà servi : demandez-en un nouveau sur la console.' };
    if (Date.parse(code.expires_at) <= now.getTime()) return { ok: false, reason: 'Ce code d’appairage a expiré : demandez-en un nouveau sur la console.' };
    const deviceToken = newToken('kiosk');
    const { lastInsertRowid } = db.prepare('INSERT INTO kiosks (name, token_hash, paired_by, paired_at) VALUES (?, ?, ?, ?)')
      .run(request.name, sha256Hex(deviceToken), code.created_by, now.toISOString());
    const kioskId = Number(lastInsertRowid);
    db.prepare('UPDATE pairing_codes SET used_at = ?, used_by_kiosk_id = ? WHERE id = ?').run(now.toISOString(), kioskId, code.id);
    // The shell the kiosk's attestation must keep declaring (kiosk-shells.ts), in the same transaction.
    if (request.shell) recordKioskShell(db, kioskId, { ...request.shell, recordedBy: 'pairing' }, now);
    return { ok: true, kioskId, deviceToken };
  })();
}

/**
 * The kiosk holding this device token; notes when it was last seen (at most once a minute). That note is
 * written on the next turn of the event loop, together with the other kiosks' (one commit, not one per kiosk:
 * it is not something a kiosk is answered about).
 */
export function findKiosk(db: Db, deviceToken: string, now: Date): KioskLookup {
  const sql = statements(db);
  const row = sql.byToken.get(sha256Hex(deviceToken));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  if (now.getTime() - Date.parse(row.last_seen_at ?? row.paired_at) > KIOSK_TOKEN_IDLE_TTL_MS) return { ok: false, reason: 'expired' };
  const stale = row.last_seen_at === null || now.getTime() - Date.parse(row.last_seen_at) >= LAST_SEEN_RESOLUTION_MS;
  if (stale) queueSeen(sql, row.id, now);
  return { ok: true, kiosk: { id: row.id, name: row.name } };
}

/**
 * A kiosk that sends on its live socket (answers) is seen too: noted like findKiosk does, at most once per
 * LAST_SEEN_RESOLUTION_MS per kiosk (kept in memory here, without reading the kiosk's row).
 */
export function noteKioskSeen(db: Db, kioskId: number, now: Date): void {
  const sql = statements(db);
  if (now.getTime() - (sql.notedAt.get(kioskId) ?? 0) < LAST_SEEN_RESOLUTION_MS) return;
  sql.notedAt.set(kioskId, now.getTime());
  queueSeen(sql, kioskId, now);
}

/** Notes the date for the next turn of the event loop, which writes every kiosk's note in one commit. */
function queueSeen(sql: KioskStatements, kioskId: number, now: Date): void {
  if (sql.pendingSeen.has(kioskId)) return;
  sql.pendingSeen.set(kioskId, now.toISOString());
  if (sql.pendingSeen.size === 1) setImmediate(sql.writeSeen);
}

interface KioskStatements {
  byToken: Statement<[string], KioskRow>;
  pendingSeen: Map<number, string>;
  notedAt: Map<number, number>;
  writeSeen: () => void;
}

/** findKiosk runs on every kiosk request: its statements are prepared once per database. */
const prepared = new WeakMap<Db, KioskStatements>();
function statements(db: Db): KioskStatements {
  let found = prepared.get(db);
  if (!found) {
    const seen = db.prepare<[string, number]>('UPDATE kiosks SET last_seen_at = ? WHERE id = ?');
    const pendingSeen = new Map<number, string>();
    const writeAll = db.transaction((entries: [number, string][]) => {
      for (const [id, at] of entries) seen.run(at, id);
    });
    found = {
      byToken: db.prepare<[string], KioskRow>('SELECT * FROM kiosks WHERE token_hash = ?'),
      pendingSeen,
      notedAt: new Map(),
      writeSeen: () => {
        const entries = [...pendingSeen];
        pendingSeen.clear();
        try {
          if (db.open) writeAll(entries);
        } catch {
          // Only a "last seen" note: losing it must never stop the station.
        }
      },
    };
    prepared.set(db, found);
  }
  return found;
}

/**
 * Every kiosk ever paired, the active ones first, by name; with `sessionId`, only the session's: those its
 * invigilator paired and those a candidate of the session checked in on.
 */
export function listKiosks(db: Db, sessionId?: number): KioskSummary[] {
  const select = 'SELECT k.*, s.build_hash FROM kiosks k LEFT JOIN kiosk_shells s ON s.kiosk_id = k.id';
  const rows = sessionId === undefined
    ? db.prepare<[], ListedKioskRow>(`${select} ORDER BY k.revoked_at IS NOT NULL, k.name, k.id`).all()
    : db.prepare<[string, number], ListedKioskRow>(`${select} WHERE k.paired_by = ? OR k.id IN (
        SELECT e.kiosk_id FROM entries e JOIN candidates c ON c.id = e.candidate_id WHERE c.session_id = ?)
      ORDER BY k.revoked_at IS NOT NULL, k.name, k.id`).all(`invigilator:${sessionId}`, sessionId);
  return rows.map((row) => ({
    id: row.id, name: row.name, pairedBy: row.paired_by, pairedAt: row.paired_at, lastSeenAt: row.last_seen_at, revokedAt: row.revoked_at,
    buildHash: row.build_hash,
  }));
}

/** Revokes a kiosk's device token; false when there is no such kiosk. Revoking twice keeps the first date. */
export function revokeKiosk(db: Db, kioskId: number, now: Date): boolean {
  const found = db.prepare('SELECT 1 FROM kiosks WHERE id = ?').get(kioskId) !== undefined;
  if (found) db.prepare('UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), kioskId);
  return found;
}
