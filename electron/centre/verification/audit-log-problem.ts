import { createHash } from 'node:crypto';
import { auditLogDisagreements } from '../../../shared/audit/audit-log-agreement';
import { readAuditLog } from '../../../shared/audit/audit-log-check';
import type { ResultsDocument } from '../../../shared/formats/results';

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Architecture §2 — `passation verify`'s audit chain line: audit.jsonl recomputed up to the head results.json signs,
 * then compared with the results (shared/audit/). Null when both hold, else the first problems, in French.
 */
export function auditLogProblem(document: ResultsDocument, log: Buffer): string | null {
  const events = readAuditLog(log, document.auditChain, sha256Hex);
  if (!events.ok) return events.error;
  const disagreements = auditLogDisagreements(document, events.value);
  return disagreements.length === 0 ? null : `le journal et le document ne disent pas la même chose : ${disagreements.join(' ; ')}`;
}
