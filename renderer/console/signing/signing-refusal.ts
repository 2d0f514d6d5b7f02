import type { ClientError } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { errorKey } from '../../ui/i18n/translate';
import type { Said } from './outbox-view';

/**
 * Issue 10 §1 — what the page says when signing (or another call of the page) does not succeed: the sentence, and
 * whether the centre manager must act first (import the centre's certificate: `#/responsable/centre`). Pure.
 */
export interface Problem {
  said: Said;
  /** The manager's page to point at (the centre's certificate, the platform's address). */
  managerMustAct: boolean;
}

/** Refusal codes of `POST …/signature` that only the centre manager can fix (docs/delivery-api.md). */
const MANAGER_FIXES: ReadonlySet<string> = new Set(['noCentreKey', 'certificateExpired', 'certificateNotYetValid', 'certificateUntrusted', 'noTrustedAuthority']);

/** The sentence for a refusal of the signature; a wrong password asks to check it, the centre's key to call the manager. */
export function signingProblem(error: ClientError): Problem {
  if (error.kind !== 'refused') return { said: { key: clientKey(error) }, managerMustAct: false };
  const { code, retryAfterSeconds } = error.error;
  if (code === 'tooManyAttempts') {
    return { said: retryAfterSeconds === undefined ? { key: 'error.tooManyAttempts' } : { key: 'signing.sign.tooManyAttempts', params: { seconds: retryAfterSeconds } }, managerMustAct: false };
  }
  if (code === 'passphraseWrong') return { said: { key: 'signing.sign.passphraseWrong' }, managerMustAct: false };
  if (code === 'noCentreKey') return { said: { key: 'signing.sign.noCentreKey' }, managerMustAct: true };
  if (code === 'certificateExpired') return { said: { key: 'signing.sign.certificateExpired' }, managerMustAct: true };
  if (code === 'invalid' && error.error.field === 'passphrase') return { said: { key: 'signing.sign.passphraseMissing' }, managerMustAct: false };
  return { said: { key: errorKey(code) }, managerMustAct: MANAGER_FIXES.has(code) };
}

/** Any other call of the page (reading the signature, asking for the sending, importing a receipt). */
export function callProblem(error: ClientError): Problem {
  if (error.kind !== 'refused') return { said: { key: clientKey(error) }, managerMustAct: false };
  return { said: { key: errorKey(error.error.code) }, managerMustAct: MANAGER_FIXES.has(error.error.code) };
}

function clientKey(error: Exclude<ClientError, { kind: 'refused' }>): MessageKey {
  if (error.kind === 'network') return 'client.network';
  if (error.kind === 'timeout') return 'client.timeout';
  return 'client.invalidResponse';
}

/** The passphrase as typed, or the reason it cannot be sent (nothing typed, or only spaces). */
export function readPassphrase(typed: string): { ok: true; passphrase: string } | { ok: false; said: Said } {
  if (typed.length === 0 || typed.trim().length === 0) return { ok: false, said: { key: 'signing.sign.passphraseMissing' } };
  if (typed.length > 1024) return { ok: false, said: { key: 'signing.sign.passphraseTooLong' } };
  // Sent as typed: a passphrase may begin or end with a space.
  return { ok: true, passphrase: typed };
}

/** « 3b1d 9f0a c0de 4e21 » — the first 16 hex digits of a SHA-256, in groups of four, for a person to compare. */
export function shortSha256(hex: string): string {
  return (hex.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}
