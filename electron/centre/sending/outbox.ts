import type { OutboxState } from '../../../shared/formats/sending';
import { ReceiptCandidate } from '../../../shared/formats/platform-api';
import type { StoredReceiptAnswer } from '../../../shared/formats/sending';
import type { Db } from '../storage/database';
import type { CheckedReceipt } from './receipt-check';

/** The outbox and receipts tables (migration 007): every read and write, no decision. */

interface OutboxRow {
  session_id: number; state: OutboxState['state']; attempts: number; requested_at: string; next_try_at: string | null;
  last_attempt_at: string | null; last_error_code: string | null; last_error_message: string | null;
}

export function platformUrl(db: Db): { platformUrl: string; updatedAt: string } | null {
  return db.prepare<[], { platformUrl: string; updatedAt: string }>('SELECT platform_url AS platformUrl, updated_at AS updatedAt FROM sending_settings WHERE id = 1').get() ?? null;
}

export function setPlatformUrl(db: Db, url: string, at: Date): void {
  db.prepare(`INSERT INTO sending_settings (id, platform_url, updated_at) VALUES (1, ?, ?)
    ON CONFLICT (id) DO UPDATE SET platform_url = excluded.platform_url, updated_at = excluded.updated_at`).run(url, at.toISOString());
}

export function outboxState(db: Db, sessionId: number, progress: OutboxState['progress'] = null): OutboxState {
  const row = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE session_id = ?').get(sessionId);
  if (!row) return { sessionId, state: 'notRequested', attempts: 0, requestedAt: null, nextTryAt: null, lastAttemptAt: null, lastErrorCode: null, lastErrorMessage: null, progress: null };
  return {
    sessionId, state: row.state, attempts: row.attempts, requestedAt: row.requested_at, nextTryAt: row.next_try_at,
    lastAttemptAt: row.last_attempt_at, lastErrorCode: row.last_error_code, lastErrorMessage: row.last_error_message,
    progress: row.state === 'sent' ? progress : null,
  };
}

/** Asks for a session to be sent now: a new row, or a refused / waiting row due again at once. A received row stays. */
export function requestSending(db: Db, sessionId: number, at: Date): void {
  const now = at.toISOString();
  db.prepare(`INSERT INTO outbox (session_id, state, attempts, requested_at, next_try_at) VALUES (?, 'waitingForNetwork', 0, ?, ?)
    ON CONFLICT (session_id) DO UPDATE SET state = 'waitingForNetwork', next_try_at = excluded.next_try_at
    WHERE outbox.state IN ('waitingForNetwork', 'refused')`).run(sessionId, now, now);
}

/**
 * The platform's address was just set or changed: every row waiting for the network is due at once (the wait was
 * for an address or a network that may now be there; docs/delivery-api.md « Les envois en attente repartent
 * aussitôt »). Rows under way, received or refused are left alone.
 */
export function retryWaitingNow(db: Db, at: Date): void {
  db.prepare(`UPDATE outbox SET next_try_at = ? WHERE state = 'waitingForNetwork' AND next_try_at > ?`).run(at.toISOString(), at.toISOString());
}

/** The rows due at `at`, earliest first. */
export function dueSessions(db: Db, at: Date): number[] {
  return db.prepare<[string], number>(`SELECT session_id FROM outbox WHERE state IN ('waitingForNetwork', 'sent') AND next_try_at <= ?
    ORDER BY next_try_at, session_id`).pluck().all(at.toISOString());
}

/** The earliest next try of a pending row, or null. */
export function nextDue(db: Db): Date | null {
  const next = db.prepare<[], string | null>(`SELECT min(next_try_at) FROM outbox WHERE state IN ('waitingForNetwork', 'sent')`).pluck().get();
  return next ? new Date(next) : null;
}

/**
 * An attempt starts: counted, and the row already holds the time of the try after it (`retryAt`), so that a station
 * stopped during the upload tries again then.
 */
export function startAttempt(db: Db, sessionId: number, at: Date, retryAt: Date): void {
  db.prepare(`UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_attempt_at = ?, next_try_at = ? WHERE session_id = ?`)
    .run(at.toISOString(), retryAt.toISOString(), sessionId);
}

export function attemptFailed(db: Db, sessionId: number, code: string, message: string, retryAt: Date): void {
  db.prepare(`UPDATE outbox SET state = 'waitingForNetwork', last_error_code = ?, last_error_message = ?, next_try_at = ? WHERE session_id = ?`)
    .run(code, message, retryAt.toISOString(), sessionId);
}

export function attemptRefused(db: Db, sessionId: number, code: string, message: string): void {
  db.prepare(`UPDATE outbox SET state = 'refused', last_error_code = ?, last_error_message = ?, next_try_at = NULL WHERE session_id = ?`)
    .run(code, message, sessionId);
}

export function hasReceipt(db: Db, sessionId: number): boolean {
  return db.prepare('SELECT 1 FROM receipts WHERE session_id = ?').get(sessionId) !== undefined;
}

/**
 * Stores a checked receipt with its per-candidate results and closes the outbox row, in one transaction. A session
 * that already has its receipt keeps the first (returns false).
 */
export function storeReceipt(db: Db, sessionId: number, checked: CheckedReceipt, source: 'network' | 'file', at: Date): boolean {
  return db.transaction(() => {
    if (hasReceipt(db, sessionId)) return false;
    db.prepare(`INSERT INTO receipts (session_id, receipt_json, signature, signer_subject, bundle_sha256, received_at, source) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(sessionId, checked.text, checked.signature, checked.signerSubject, checked.receipt.bundleSha256, at.toISOString(), source);
    const insert = db.prepare(`INSERT INTO receipt_candidates (session_id, candidate_id, status, pix, verification_code, result) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const c of checked.receipt.candidates) insert.run(sessionId, c.candidateId, c.status, c.pix, c.verificationCode, JSON.stringify(c));
    db.prepare(`INSERT INTO outbox (session_id, state, attempts, requested_at, next_try_at, last_error_code, last_error_message)
        VALUES (?, 'received', 0, ?, NULL, NULL, NULL)
      ON CONFLICT (session_id) DO UPDATE SET state = 'received', next_try_at = NULL, last_error_code = NULL, last_error_message = NULL`)
      .run(sessionId, at.toISOString());
    return true;
  })();
}

export function storedReceipt(db: Db, sessionId: number): StoredReceiptAnswer | null {
  const row = db.prepare<[number], { receipt_json: string; signature: Buffer; signer_subject: string; bundle_sha256: string; received_at: string; source: 'network' | 'file' }>(
    'SELECT * FROM receipts WHERE session_id = ?').get(sessionId);
  if (!row) return null;
  const candidates = db.prepare<[number], string>('SELECT result FROM receipt_candidates WHERE session_id = ? ORDER BY candidate_id').pluck().all(sessionId)
    .map((text) => ReceiptCandidate.parse(JSON.parse(text)));
  return {
    sessionId, receivedAt: row.received_at, source: row.source, signer: row.signer_subject, bundleSha256: row.bundle_sha256,
    receipt: JSON.parse(row.receipt_json) as StoredReceiptAnswer['receipt'], candidates,
    signed: { receipt: row.receipt_json, signature: row.signature.toString('base64') },
  };
}
