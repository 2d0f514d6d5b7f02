import { isUtf8 } from 'node:buffer';
import { isCanonicalText } from '../../shared/canonical/canonical-json';
import { formatErrors, parseWith } from '../../shared/formats/parse';
import { RESULTS_FORMAT_VERSION, RESULTS_FORMAT_VERSIONS, ResultsDocument, ResultsDocumentV2, type AnyResultsDocument } from '../../shared/formats/results';
import { validResultsDocument, validResultsDocumentV2 } from '../../shared/formats/results-test-check';
import { err, ok, type Result } from '../../shared/result';

const SHOWN_ERRORS = 5;

/**
 * results.json: UTF-8 JSON, in its canonical form (RFC 8785, what the centre signs), of the results schema of its
 * `formatVersion`: 3 (what centres write) or 2 (a bundle signed before the upgrade, still in an outbox).
 */
export function parseResultsDocument(bytes: Buffer): Result<AnyResultsDocument, string> {
  // isUtf8 and toString are the engine's vectorised UTF-8 routines (a fatal TextDecoder took ≈ 4 % of receiving);
  // a leading byte-order mark stays in the text, so it is refused (no canonical text starts with one).
  if (!isUtf8(bytes)) return err('results.json n’est pas du JSON UTF-8 lisible (octets UTF-8 invalides)');
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err(`results.json n’est pas du JSON UTF-8 lisible (${(error as Error).message})`);
  }
  const version = typeof json === 'object' && json !== null ? (json as { formatVersion?: unknown }).formatVersion : undefined;
  if (version !== RESULTS_FORMAT_VERSION && version !== 2) {
    const found = version === undefined ? 'absente' : `${JSON.stringify(version)} inconnue`;
    return err(`results.json ne suit pas le format des résultats :\nformatVersion : version du format ${found}, ${RESULTS_FORMAT_VERSIONS.join(' ou ')} attendue`);
  }
  const valid = version === RESULTS_FORMAT_VERSION ? validResultsDocument(json) : validResultsDocumentV2(json);
  // Only a document the fast check refuses goes through zod, for its French messages naming each bad field.
  const parsed = valid !== null ? { ok: true as const, value: valid } : parseWith<typeof ResultsDocument | typeof ResultsDocumentV2>(version === RESULTS_FORMAT_VERSION ? ResultsDocument : ResultsDocumentV2, json);
  if (!parsed.ok) {
    const more = parsed.errors.length > SHOWN_ERRORS ? `\n… et ${parsed.errors.length - SHOWN_ERRORS} autre(s)` : '';
    return err(`results.json ne suit pas le format des résultats :\n${formatErrors(parsed.errors.slice(0, SHOWN_ERRORS))}${more}`);
  }
  if (!isCanonicalText(json, text)) return err('results.json n’est pas sous sa forme canonique (RFC 8785) : ce ne sont pas les octets produits par le centre');
  return ok(parsed.value);
}

/**
 * Architecture §2 — the first, cheapest look at the audit chain, from the document alone: each test started, each
 * answer and each incident appended one event at the centre, so the head's number cannot be lower than their count.
 * The events themselves (audit.jsonl) are recomputed and compared next (audit-log-check.ts).
 */
export function checkAuditChainHead(document: AnyResultsDocument): Result<void, string> {
  const tests = document.candidates.filter((c) => c.test !== null);
  const answers = tests.reduce((sum, c) => sum + c.test!.answers.length, 0);
  const minimum = tests.length + answers + document.incidents.length;
  if (document.auditChain.seq < minimum) {
    return err(`la chaîne d’audit s’arrête à l’événement n° ${document.auditChain.seq}, alors que le document montre au moins ${minimum} événements (${tests.length} test(s) commencé(s), ${answers} réponse(s), ${document.incidents.length} signalement(s))`);
  }
  if (/^0{64}$/.test(document.auditChain.head) && document.auditChain.seq > 0) return err('la tête de la chaîne d’audit est vide alors que la chaîne compte des événements');
  return ok(undefined);
}
