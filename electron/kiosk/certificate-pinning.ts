import crypto from 'node:crypto';

/**
 * kiosk-lockdown.md §2, architecture §2 — the kiosk trusts the paired station's certificate by its SHA-256
 * fingerprint, and nothing else: not the system's CAs (a school proxy's root would otherwise read the test), not
 * another host. Pure: `setCertificateVerifyProc` hands the request here and calls back with the result.
 * The fingerprint is computed here from the certificate's PEM (Electron's own `fingerprint` field is not specified
 * as to format), as the station computes it (`X509Certificate.fingerprint256`, `AB:CD:…`).
 */
export const CERTIFICATE_ACCEPT = 0;
export const CERTIFICATE_REJECT = -2;

export interface PinnedStation {
  /** The host name or address of the station's URL (what Chromium verifies the certificate for). */
  hostname: string;
  /** SHA-256 of the station's certificate, as pairing gave it: `AB:CD:…` (case and colons ignored). */
  fingerprint: string;
}

/** The part of Electron's certificate verify request the decision reads. */
export interface CertificateRequest {
  hostname: string;
  certificate: { data: string };
}

export type CertificateDecision = { result: typeof CERTIFICATE_ACCEPT } | { result: typeof CERTIFICATE_REJECT; reason: string };

export function certificateDecision(request: CertificateRequest, pinned: PinnedStation): CertificateDecision {
  if (hostKey(request.hostname) !== hostKey(pinned.hostname)) {
    return { result: CERTIFICATE_REJECT, reason: `hôte « ${request.hostname} » : le poste ne parle qu’à la station appairée` };
  }
  const presented = fingerprintOf(request.certificate.data);
  if (presented === null) return { result: CERTIFICATE_REJECT, reason: 'certificat illisible' };
  const expected = normaliseFingerprint(pinned.fingerprint);
  if (expected === null || !crypto.timingSafeEqual(Buffer.from(presented, 'hex'), Buffer.from(expected, 'hex'))) {
    return { result: CERTIFICATE_REJECT, reason: `certificat inattendu (SHA-256 ${formatFingerprint(presented)}) : ce n’est pas celui de la station appairée` };
  }
  return { result: CERTIFICATE_ACCEPT };
}

/** SHA-256 of the DER, lowercase hex, or null when the PEM does not hold a certificate. */
export function fingerprintOf(pem: string): string | null {
  try {
    return new crypto.X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
  } catch {
    return null;
  }
}

/** `AB:CD:…`, `abcd…` → lowercase hex of 32 bytes, or null. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replaceAll(':', '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Lowercase hex of 32 bytes → `AB:CD:…`, as the station and its console show it. */
export function formatFingerprint(hex: string): string {
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** Chromium gives IPv6 hosts bracketed or not depending on the path; names compare without case. */
function hostKey(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}
