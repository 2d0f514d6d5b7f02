import crypto from 'node:crypto';
import {
  ATTESTATION_KEY_LABEL, attestationMessage, formatAttestation, requestTarget,
} from '../../shared/formats/kiosk-attestation';

/**
 * kiosk-lockdown.md §2 — the attestation header on every request to the station: HMAC-SHA-256 of method,
 * request target and timestamp, with the shell's build hash and config hash, under the device key. Pure: the
 * clock and the key are arguments. The header's format and message are shared (shared/formats/kiosk-attestation.ts)
 * so that the centre server verifies exactly what is signed here.
 */
export interface AttestationInput {
  method: string;
  url: string;
  timestampMs: number;
  deviceKey: Buffer;
  buildHash: string;
  configHash: string;
}

/** The device key: derived from the device token (the station, which sees the token, derives the same key). */
export function deviceKey(deviceToken: string): Buffer {
  return crypto.createHmac('sha256', deviceToken).update(ATTESTATION_KEY_LABEL).digest();
}

/** The header's value, or null when the URL does not parse (such a request never reaches the station). */
export function attestationHeader(input: AttestationInput): string | null {
  const target = requestTarget(input.url);
  if (target === null) return null;
  const fields = { timestampMs: input.timestampMs, buildHash: input.buildHash, configHash: input.configHash };
  const mac = crypto.createHmac('sha256', input.deviceKey).update(attestationMessage(input.method, target, fields)).digest('base64url');
  return formatAttestation({ ...fields, mac });
}

/** SHA-256 (hex) of the shell's own files, in path order: the build hash. The glue reads the files. */
export function buildHash(files: readonly { path: string; bytes: Uint8Array }[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\n${file.bytes.length}\n`);
    hash.update(file.bytes);
  }
  return hash.digest('hex');
}
