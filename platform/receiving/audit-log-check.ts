import crypto from 'node:crypto';
import { auditLogDisagreements } from '../../shared/audit/audit-log-agreement';
import { readAuditLog } from '../../shared/audit/audit-log-check';
import type { ResultsDocument } from '../../shared/formats/results';
import { err, ok, type Result } from '../../shared/result';

/** One-shot SHA-256 (no Hash object per event: ~1,000 events a 30-candidate bundle). */
const sha256Hex = (data: string | Uint8Array) => crypto.hash('sha256', data, 'hex');

/**
 * Architecture §2, issue 9 §3 — the `auditChain` check of a bundle: audit.jsonl recomputed in one pass up to the
 * head and SHA-256 that results.json signs (an event removed, reordered, edited or added is refused), then compared
 * with the results (each test started, each answer and incident has its event; the last one is the finalisation).
 */
export function checkAuditLog(document: ResultsDocument, log: Buffer): Result<void, string> {
  const events = readAuditLog(log, document.auditChain, sha256Hex);
  if (!events.ok) return err(events.error);
  const disagreements = auditLogDisagreements(document, events.value);
  return disagreements.length === 0 ? ok(undefined) : err(`audit.jsonl et results.json ne disent pas la même chose : ${disagreements.join(' ; ')}`);
}
