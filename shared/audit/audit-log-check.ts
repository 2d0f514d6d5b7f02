import { AUDIT_GENESIS_HASH, type AuditLogEvent } from '../formats/audit-log';
import { err, ok, type Result } from '../result';

/** What the check needs from its runtime (shared/ imports neither Node nor the DOM): Node's crypto and TextDecoder. */
export interface AuditLogTools {
  /** SHA-256 in lower-case hex of UTF-8 text or of bytes. */
  sha256Hex: (data: string | Uint8Array) => string;
  /** Strict UTF-8 decoding: null when the bytes are not UTF-8. */
  decodeUtf8: (bytes: Uint8Array) => string | null;
}

/** What the signed results.json says of its audit log (results format 2, `auditChain`). */
export interface AuditChainClaim {
  seq: number;
  head: string;
  logSha256: string;
}

const isId = (v: unknown): v is number | null => v === null || Number.isSafeInteger(v);

/**
 * Architecture §2 — recomputes the audit hash chain from audit.jsonl (shared/formats/audit-log.ts) in one pass and
 * compares it with what results.json signs: every line in order numbered 1, 2, 3…, one session, the hash of the
 * last line equal to the signed head, as many lines as the signed count, the file's SHA-256 the signed one. An
 * event removed, reordered, edited or added is refused, in French, naming the first line at fault where the
 * numbering shows it. The events are parsed once, for the comparison with the results (audit-log-agreement.ts).
 */
export function readAuditLog(bytes: Uint8Array, claim: AuditChainClaim, tools: AuditLogTools): Result<AuditLogEvent[], string> {
  const { sha256Hex } = tools;
  const text = tools.decodeUtf8(bytes);
  if (text === null) return err('audit.jsonl n’est pas du texte UTF-8');
  if (text.length > 0 && !text.endsWith('\n')) return err('audit.jsonl : la dernière ligne n’est pas terminée par un saut de ligne (fichier tronqué ?)');
  const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n');

  let head = AUDIT_GENESIS_HASH;
  for (const line of lines) head = sha256Hex(head + line);

  let parsed: unknown[];
  try {
    // The lines joined by commas, written straight from the text (no character of a JSON line is a raw line feed).
    parsed = JSON.parse(`[${text.slice(0, -1).replaceAll('\n', ',')}]`) as unknown[];
  } catch {
    const bad = lines.findIndex((line) => !isJson(line));
    return err(`audit.jsonl, ligne ${bad + 1} : ce n’est pas un événement JSON lisible`);
  }
  // A line holding two values ("{…},{…}") would shift the count: one value a line.
  if (parsed.length !== lines.length) return err('audit.jsonl : une ligne contient plusieurs valeurs JSON');

  const events = parsed as AuditLogEvent[];
  const sessionId = events[0]?.sessionId;
  for (const [index, event] of events.entries()) {
    const line = index + 1;
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return err(`audit.jsonl, ligne ${line} : un objet JSON est attendu`);
    if (typeof event.at !== 'string' || typeof event.kind !== 'string' || !isId(event.candidateId) || !isId(event.kioskId)
      || event.payload === null || typeof event.payload !== 'object' || Array.isArray(event.payload) || !Number.isSafeInteger(event.sessionId)) {
      return err(`audit.jsonl, ligne ${line} : champs de l’événement invalides (at, candidateId, kind, kioskId, payload, seq, sessionId attendus)`);
    }
    if (event.seq !== line) {
      return err(typeof event.seq === 'number' && event.seq > line
        ? `audit.jsonl, ligne ${line} : l’événement n° ${line} manque ou n’est pas à sa place (la ligne porte le n° ${event.seq})`
        : `audit.jsonl, ligne ${line} : l’événement n° ${String(event.seq)} n’est pas à sa place (n° ${line} attendu)`);
    }
    if (event.sessionId !== sessionId) return err(`audit.jsonl, ligne ${line} : événement d’une autre session (${event.sessionId}, pas ${String(sessionId)})`);
  }
  if (lines.length !== claim.seq) {
    return err(`audit.jsonl compte ${lines.length} événement(s), results.json en signe ${claim.seq} : des événements ont été ${lines.length < claim.seq ? 'retirés' : 'ajoutés'}`);
  }
  if (head !== claim.head) {
    return err(`la tête recalculée de la chaîne (${head}) n’est pas celle que signe results.json (${claim.head}) : un événement a été modifié, retiré ou déplacé`);
  }
  const fileSha256 = sha256Hex(bytes);
  if (fileSha256 !== claim.logSha256) return err(`le SHA-256 de audit.jsonl (${fileSha256}) n’est pas celui que signe results.json (${claim.logSha256})`);
  return ok(events);
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
