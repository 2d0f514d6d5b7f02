import crypto from 'node:crypto';
import { canonicalJson } from '../../shared/canonical/canonical-json';
import { AUDIT_GENESIS_HASH, auditLogText, type AuditLogEvent } from '../../shared/formats/audit-log';

/**
 * bench:platform — the real session's audit log made to tell the 30-candidate document (prepare-bundles.ts): the
 * session's own events (no candidate) kept where they are, each sitting candidate's events repeated for every
 * candidate drawn from it (candidate number changed), then renumbered and chained again as the centre chains them
 * (shared/formats/audit-log.ts). The platform recomputes and compares this log like any other.
 */
export function repeatedAuditLog(log: Buffer, sourceOf: readonly number[]): { bytes: Buffer; seq: number; head: string; logSha256: string } {
  const events = log.toString('utf8').slice(0, -1).split('\n').map((line) => JSON.parse(line) as AuditLogEvent);
  const firstCandidateEvent = events.findIndex((e) => e.candidateId !== null);
  const before = events.slice(0, firstCandidateEvent).filter((e) => e.candidateId === null);
  const after = events.slice(firstCandidateEvent).filter((e) => e.candidateId === null);
  const repeated = sourceOf.flatMap((source, i) => events.filter((e) => e.candidateId === source).map((e) => ({ ...e, candidateId: i + 1 })));
  const lines = [...before, ...repeated, ...after].map((e, i) => canonicalJson({ ...e, seq: i + 1 }));
  let head = AUDIT_GENESIS_HASH;
  for (const line of lines) head = crypto.hash('sha256', head + line, 'hex');
  const bytes = Buffer.from(auditLogText(lines), 'utf8');
  return { bytes, seq: lines.length, head, logSha256: crypto.hash('sha256', bytes, 'hex') };
}
