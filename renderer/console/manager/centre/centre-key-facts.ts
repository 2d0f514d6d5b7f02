import type { CentreKeyInfo } from '../../../../shared/formats/signing';
import type { ClientError } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { errorKey } from '../../../ui/i18n/translate';

/**
 * The centre certificate's decisions (docs/centre-api.md « POST /api/manager/centre-key »), pure: its name read from
 * its subject, whether it is valid now, which field a refused import points at.
 */

/** The attributes of a distinguished name as the station writes it (« O=Lycée Érable, CN=0123456A »). */
export function nameParts(dn: string): Map<string, string> {
  const parts = new Map<string, string>();
  // Split before each « , KEY= »: a value may itself hold a comma (« Lycée Érable, Lyon »).
  for (const piece of dn.split(/,\s*(?=[A-Za-z][A-Za-z0-9.]*=)/)) {
    const at = piece.indexOf('=');
    if (at > 0) parts.set(piece.slice(0, at).trim().toUpperCase(), piece.slice(at + 1).trim());
  }
  return parts;
}

/** Who a certificate names, for a person: the organisation and its identifier, else the name as it is. */
export function certificateHolder(dn: string): { organisation: string | null; identifier: string | null; raw: string } {
  const parts = nameParts(dn);
  return { organisation: parts.get('O') ?? null, identifier: parts.get('CN') ?? null, raw: dn };
}

export type Validity = { kind: 'valid'; daysLeft: number } | { kind: 'expired' } | { kind: 'notYetValid' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether the certificate can sign now (R-… signing needs a valid certificate: results-bundle.md). */
export function validityAt(info: Pick<CentreKeyInfo, 'notBefore' | 'notAfter'>, nowMs: number): Validity {
  if (nowMs < Date.parse(info.notBefore)) return { kind: 'notYetValid' };
  const end = Date.parse(info.notAfter);
  if (nowMs > end) return { kind: 'expired' };
  return { kind: 'valid', daysLeft: Math.floor((end - nowMs) / DAY_MS) };
}

/** Fewer days than this left: the page says to ask the authority for the next one. */
export const RENEW_WITHIN_DAYS = 60;

export interface KeyImportProblems { file?: MessageKey; password?: MessageKey }

/** What is missing before sending. */
export function keyImportProblems(file: { size: number } | null, password: string): KeyImportProblems {
  const problems: KeyImportProblems = {};
  if (file === null) problems.file = 'centre.keyFileMissing';
  else if (file.size === 0) problems.file = 'centre.uploadFileEmpty';
  if (password === '') problems.password = 'centre.keyPasswordMissing';
  return problems;
}

/** A refused import, on the field to change (the password, or the file), or for the whole form. */
export function keyImportRefusal(error: ClientError): { field: 'file' | 'password' | null; key: MessageKey } {
  if (error.kind !== 'refused') {
    return { field: null, key: error.kind === 'network' ? 'client.network' : error.kind === 'timeout' ? 'client.timeout' : 'client.invalidResponse' };
  }
  const { code } = error.error;
  switch (code) {
    case 'keyPasswordWrong': return { field: 'password', key: 'centre.keyPasswordWrong' };
    case 'pkcs12Unreadable': return { field: 'file', key: 'centre.keyUnreadable' };
    case 'keyMismatch': return { field: 'file', key: 'centre.keyMismatch' };
    case 'certificateExpired': return { field: 'file', key: 'centre.keyExpired' };
    case 'certificateNotYetValid': return { field: 'file', key: 'centre.keyNotYetValid' };
    case 'certificateUntrusted': return { field: 'file', key: 'centre.keyUntrusted' };
    case 'noTrustedAuthority': return { field: null, key: 'centre.noAuthority' };
    case 'bodyTooLarge': return { field: 'file', key: 'centre.fileTooLarge' };
    default: return { field: null, key: errorKey(code) };
  }
}
