import { err, ok, type Result } from '../../../shared/result';
import type { Db } from '../storage/database';
import { refuse, type Refusal } from '../storage/refusal';
import { storedBundle } from '../signing/sign-session';
import { hasReceipt, storeReceipt } from './outbox';
import { checkSignedReceipt, type CheckedReceipt } from './receipt-check';

/** What an import did: `stored` false when the session already had its receipt (the first one is kept as it is). */
export interface ReceiptImported {
  stored: boolean;
  checked: CheckedReceipt;
}

/**
 * Issue 9 §2, issue 10 §1 — a receipt file brought back on a USB key (the `SignedReceipt` that `passation send`
 * wrote), for this station's session: the session must be signed; the file must be JSON; its signature must chain
 * to the station's authority and it must name the session's bundle (receipt-check.ts); then it is stored as if
 * it had come over the network. Shared by `passation import-receipt` (cli/send-command.ts) and the console's
 * `POST …/receipt` (sending-routes.ts). Nothing is stored on any refusal.
 */
export function importReceiptText(db: Db, sessionId: number, text: string, authorityPem: string, at: Date): Result<ReceiptImported, Refusal> {
  const bundle = storedBundle(db, sessionId);
  if (!bundle) return refuse('sessionNotSigned', 'sessionId', 'la session n’est pas signée : aucun lot, donc aucun reçu à importer');
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch (error) {
    return refuse('receiptInvalid', 'text', `le reçu n’est pas du JSON (${(error as Error).message})`);
  }
  const checked = checkSignedReceipt(answer, authorityPem, bundle.sha256, at);
  if (!checked.ok) return err({ code: checked.error.code, message: checked.error.message, field: 'text' });
  if (hasReceipt(db, sessionId)) return ok({ stored: false, checked: checked.value });
  return ok({ stored: storeReceipt(db, sessionId, checked.value, 'file', at), checked: checked.value });
}
