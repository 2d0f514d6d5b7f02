import { z } from 'zod';

/**
 * Architecture §2 — the session's audit log as it travels in a results bundle (results format 2): the file
 * `audit.jsonl`, UTF-8, one event per line, each line ended by `\n` (the last one too), in the chain's order.
 *
 * Each line is, byte for byte, the text the centre hashed when it appended the event: the canonical JSON
 * (RFC 8785) of `{at, candidateId, kind, kioskId, payload, seq, sessionId}` (keys in that order, nulls kept).
 * The chain: `hash(n) = SHA-256(hash(n-1) + line(n))` in lower-case hex over the UTF-8 text, `hash(0)` is 64
 * zeros. The signed results.json carries `auditChain = {seq, head, logSha256}`: the number of lines, the hash of
 * the last one, and the SHA-256 of the whole file. So a verifier recomputes the chain from the file alone, and
 * any event removed, reordered, edited or added changes the head (docs/results-bundle.md §4).
 */
export const AUDIT_LOG_FILE = 'audit.jsonl';

/** The `hash(0)` of every chain. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** One line of audit.jsonl, parsed. The shape is checked by hand in the hot path (audit-log-check.ts). */
export const AuditLogEvent = z.object({
  at: z.string(),
  candidateId: z.number().int().nullable(),
  kind: z.string().min(1),
  kioskId: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()),
  seq: z.number().int().min(1),
  sessionId: z.number().int(),
}).strict();
export type AuditLogEvent = z.infer<typeof AuditLogEvent>;

/** The event kinds the checks of a bundle compare with results.json (electron/centre appends them). */
export const AUDIT_KINDS = {
  testStarted: 'testStarted',
  answer: 'answer',
  incident: 'incident',
  sessionFinalised: 'sessionFinalised',
} as const;

/** The file's text from its lines (each already the canonical JSON the centre hashed). */
export function auditLogText(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
