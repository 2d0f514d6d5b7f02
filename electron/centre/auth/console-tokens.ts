import type { Statement } from 'better-sqlite3';
import type { Db } from '../storage/database';
import { newToken, sha256Hex } from './secret-token';

/** How long a console login lasts. */
export const MANAGER_TOKEN_TTL_MS = 8 * 60 * 60 * 1000;
export const INVIGILATOR_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export type ConsoleLogin = { kind: 'manager' } | { kind: 'invigilator'; sessionId: number };

/** A valid console token, as found. `tokenHash` identifies the login (logout, live sockets). */
export type ConsoleTokenOwner =
  | { kind: 'manager'; tokenHash: string; expiresAt: string }
  | { kind: 'invigilator'; sessionId: number; tokenHash: string; expiresAt: string };

export type ConsoleTokenLookup = { ok: true; owner: ConsoleTokenOwner } | { ok: false; reason: 'unknown' | 'expired' };

interface TokenRow { token_hash: string; kind: 'manager' | 'invigilator'; session_id: number | null; expires_at: string; revoked_at: string | null }

/** Issues a token for a login that has just been checked. */
export function issueConsoleToken(db: Db, login: ConsoleLogin, now: Date): { token: string; tokenHash: string; expiresAt: string } {
  const token = newToken(login.kind);
  const tokenHash = sha256Hex(token);
  const ttl = login.kind === 'manager' ? MANAGER_TOKEN_TTL_MS : INVIGILATOR_TOKEN_TTL_MS;
  const expiresAt = new Date(now.getTime() + ttl).toISOString();
  db.prepare('INSERT INTO console_tokens (token_hash, kind, session_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(tokenHash, login.kind, login.kind === 'invigilator' ? login.sessionId : null, now.toISOString(), expiresAt);
  return { token, tokenHash, expiresAt };
}

/** Looked up on every console request: prepared once per database. */
const prepared = new WeakMap<Db, Statement<[string], TokenRow>>();

/** The login behind a token: unknown (never issued, revoked, logged out) or expired are told apart. */
export function findConsoleToken(db: Db, token: string, now: Date): ConsoleTokenLookup {
  let byHash = prepared.get(db);
  if (!byHash) {
    byHash = db.prepare<[string], TokenRow>('SELECT token_hash, kind, session_id, expires_at, revoked_at FROM console_tokens WHERE token_hash = ?');
    prepared.set(db, byHash);
  }
  const row = byHash.get(sha256Hex(token));
  if (!row || row.revoked_at !== null) return { ok: false, reason: 'unknown' };
  if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: 'expired' };
  return row.kind === 'manager' || row.session_id === null
    ? { ok: true, owner: { kind: 'manager', tokenHash: row.token_hash, expiresAt: row.expires_at } }
    : { ok: true, owner: { kind: 'invigilator', sessionId: row.session_id, tokenHash: row.token_hash, expiresAt: row.expires_at } };
}

/** Logout. */
export function revokeConsoleToken(db: Db, tokenHash: string, now: Date): void {
  db.prepare('UPDATE console_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now.toISOString(), tokenHash);
}

/** Every live invigilator login of a session (its password was reset); returns their hashes. */
export function revokeSessionTokens(db: Db, sessionId: number, now: Date): string[] {
  return revokeWhere(db, "kind = 'invigilator' AND session_id = ?", [sessionId], now);
}

/** Every live manager login (the password changed); returns their hashes. */
export function revokeManagerTokens(db: Db, now: Date): string[] {
  return revokeWhere(db, "kind = 'manager'", [], now);
}

function revokeWhere(db: Db, where: string, params: unknown[], now: Date): string[] {
  return db.transaction(() => {
    const hashes = db.prepare(`SELECT token_hash FROM console_tokens WHERE ${where} AND revoked_at IS NULL`).pluck().all(...params) as string[];
    db.prepare(`UPDATE console_tokens SET revoked_at = ? WHERE ${where} AND revoked_at IS NULL`).run(now.toISOString(), ...params);
    return hashes;
  })();
}

/** Forgets tokens expired for more than a day (called at start). */
export function purgeExpiredConsoleTokens(db: Db, now: Date): void {
  db.prepare('DELETE FROM console_tokens WHERE expires_at < ?').run(new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString());
}
