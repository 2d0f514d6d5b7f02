import crypto from 'node:crypto';
import { auditLogDisagreements } from '../../shared/audit/audit-log-agreement';
import { readAuditLog, type AuditLogTools } from '../../shared/audit/audit-log-check';
import type { AnyResultsDocument } from '../../shared/formats/results';
import { err, ok, type Result } from '../../shared/result';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** One-shot SHA-256 (no Hash object per event: about 500 events in a 30-candidate bundle). */
export const auditLogTools: AuditLogTools = {
  sha256Hex: (data) => crypto.hash('sha256', data, 'hex'),
  decodeUtf8: (bytes) => {
    try {
      return utf8.decode(bytes);
    } catch {
      return null;
    }
  },
};

/**
 * Architecture §2, issue 9 §3 — the `auditChain` check of a bundle: audit.jsonl recomputed in one pass up to the
 * head and SHA-256 that results.json signs (an event removed, reordered, edited or added is refused), then compared
 * with the results (each test started, each answer and incident has its event; the last one is the finalisation).
 */
export function checkAuditLog(document: AnyResultsDocument, log: Buffer): Result<void, string> {
  const events = readAuditLog(log, document.auditChain, auditLogTools);
  if (!events.ok) return err(events.error);
  const disagreements = auditLogDisagreements(document, events.value);
  return disagreements.length === 0 ? ok(undefined) : err(`audit.jsonl et results.json ne disent pas la même chose : ${disagreements.join(' ; ')}`);
}
