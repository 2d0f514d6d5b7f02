import { Receipt, RECEIPT_SIGNING_USAGE, SignedReceipt } from '../../../shared/formats/platform-api';
import { formatErrors, parseWith } from '../../../shared/formats/parse';
import { err, ok, type Result } from '../../../shared/result';
import { verifyDetached } from '../pki/cms-verify';

export interface CheckedReceipt {
  /** The receipt's canonical JSON text, byte for byte as signed. */
  text: string;
  signature: Buffer;
  receipt: Receipt;
  signerSubject: string;
}

export type ReceiptProblem = { code: 'receiptInvalid' | 'receiptSignatureInvalid' | 'receiptMismatch'; message: string };

/**
 * Issue 9 §2 — a platform's answer is kept only once (a) it is a `SignedReceipt`, (b) its detached CMS signature
 * over the receipt's UTF-8 bytes chains to the station's authority (pki/cms-verify.ts, the authority only) and its
 * signer carries the receipt usage (RECEIPT_SIGNING_USAGE: the platform's certificate, not a centre's), (c) the
 * receipt is of the receipt format and names the bundle that was sent (its SHA-256) when that is known.
 */
export function checkSignedReceipt(answer: unknown, authorityPem: string, expectedBundleSha256: string | null, at: Date): Result<CheckedReceipt, ReceiptProblem> {
  const signed = parseWith(SignedReceipt, answer);
  if (!signed.ok) return err({ code: 'receiptInvalid', message: `réponse de la plateforme invalide : ${formatErrors(signed.errors)}` });
  const signature = Buffer.from(signed.value.signature, 'base64');
  const verified = verifyDetached(Buffer.from(signed.value.receipt, 'utf8'), signature, authorityPem, { at });
  if (!verified.ok) return err({ code: 'receiptSignatureInvalid', message: `signature du reçu refusée : ${verified.reason}` });
  if (!verified.signer.extendedKeyUsage.includes(RECEIPT_SIGNING_USAGE)) {
    return err({
      code: 'receiptSignatureInvalid',
      message: `signature du reçu refusée : le reçu est signé par « ${verified.signer.subject} », un certificat de l’autorité qui n’est pas celui de signature des reçus de la plateforme (usage ${RECEIPT_SIGNING_USAGE} absent)`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(signed.value.receipt);
  } catch {
    return err({ code: 'receiptInvalid', message: 'reçu illisible : le champ « receipt » n’est pas du JSON' });
  }
  const receipt = parseWith(Receipt, json, 'receipt');
  if (!receipt.ok) return err({ code: 'receiptInvalid', message: `reçu invalide : ${formatErrors(receipt.errors)}` });
  if (expectedBundleSha256 !== null && receipt.value.bundleSha256 !== expectedBundleSha256) {
    return err({ code: 'receiptMismatch', message: `le reçu porte sur un autre lot (empreinte ${receipt.value.bundleSha256}, attendue ${expectedBundleSha256})` });
  }
  return ok({ text: signed.value.receipt, signature, receipt: receipt.value, signerSubject: verified.signer.subject });
}
