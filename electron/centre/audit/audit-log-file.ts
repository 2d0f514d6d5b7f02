import { createHash } from 'node:crypto';
import { auditLogText } from '../../../shared/formats/audit-log';
import type { Db } from '../storage/database';
import { chainEntryJson } from './event-chain';

interface LogRow {
  session_id: number; seq: number; at: string; kind: string; candidate_id: number | null; kiosk_id: number | null; payload: string;
}

/**
 * Architecture §2 — audit.jsonl of a session (shared/formats/audit-log.ts): its events 1..`uptoSeq`, each line the
 * exact text the chain hashed (the stored canonical payload inside the canonical entry), with the file's SHA-256.
 * The events table is append-only (migration 002), so the same session and number always give the same bytes.
 */
export function auditLogFile(db: Db, sessionId: number, uptoSeq: number): { text: string; sha256: string } {
  const rows = db.prepare<[number, number], LogRow>(
    'SELECT session_id, seq, at, kind, candidate_id, kiosk_id, payload FROM events WHERE session_id = ? AND seq <= ? ORDER BY seq').all(sessionId, uptoSeq);
  const text = auditLogText(rows.map((r) => chainEntryJson({
    sessionId: r.session_id, seq: r.seq, at: r.at, kind: r.kind, candidateId: r.candidate_id, kioskId: r.kiosk_id,
  }, r.payload)));
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
