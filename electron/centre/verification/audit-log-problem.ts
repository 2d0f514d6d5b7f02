import { createHash } from 'node:crypto';
import { auditLogDisagreements } from '../../../shared/audit/audit-log-agreement';
import { readAuditLog, type AuditLogTools } from '../../../shared/audit/audit-log-check';
import type { AnyResultsDocument } from '../../../shared/formats/results';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const tools: AuditLogTools = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  decodeUtf8: (bytes) => {
    try {
      return utf8.decode(bytes);
    } catch {
      return null;
    }
  },
};

/**
 * Architecture §2 — `passation verify`'s audit chain line: audit.jsonl recomputed up to the head results.json signs,
 * then compared with the results (shared/audit/). Null when both hold, else the first problems, in French.
 */
export function auditLogProblem(document: AnyResultsDocument, log: Buffer): string | null {
  const events = readAuditLog(log, document.auditChain, tools);
  if (!events.ok) return events.error;
  const disagreements = auditLogDisagreements(document, events.value);
  return disagreements.length === 0 ? null : `le journal et le document ne disent pas la même chose : ${disagreements.join(' ; ')}`;
}
