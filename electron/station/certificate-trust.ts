import crypto from 'node:crypto';

/**
 * Issue 10 §2 — the console window talks to the station's own server on loopback and trusts one key: the station
 * certificate's public key, pinned by the SHA-256 of its SubjectPublicKeyInfo (SPKI, as HPKP and Chromium's
 * `--ignore-certificate-errors-spki-list` pin). Not the system's CAs (a school proxy's root would read the
 * invigilator's screens), not another host. Pure: `setCertificateVerifyProc` and `certificate-error` hand the
 * request here.
 */
export const CERTIFICATE_ACCEPT = 0;
export const CERTIFICATE_REJECT = -2;

export interface PinnedKey {
  /** The host the window loads (127.0.0.1). */
  hostname: string;
  /** base64 SHA-256 of the station certificate's SPKI (`spkiSha256`). */
  spki: string;
}

export type TrustDecision = { result: typeof CERTIFICATE_ACCEPT } | { result: typeof CERTIFICATE_REJECT; reason: string };

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo (DER), or null when the PEM holds no certificate. */
export function spkiSha256(pem: string): string | null {
  try {
    const spki = new crypto.X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
    return crypto.createHash('sha256').update(spki).digest('base64');
  } catch {
    return null;
  }
}

export function consoleCertificateDecision(request: { hostname: string; certificate: { data: string } }, pinned: PinnedKey): TrustDecision {
  if (hostKey(request.hostname) !== hostKey(pinned.hostname)) {
    return { result: CERTIFICATE_REJECT, reason: `hôte « ${request.hostname} » : la console ne parle qu’au serveur de ce poste` };
  }
  const presented = spkiSha256(request.certificate.data);
  if (presented === null) return { result: CERTIFICATE_REJECT, reason: 'certificat illisible' };
  const a = Buffer.from(presented, 'base64');
  const b = Buffer.from(pinned.spki, 'base64');
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    return { result: CERTIFICATE_REJECT, reason: `clé inattendue (SPKI SHA-256 ${presented}) : ce n’est pas le certificat de ce poste` };
  }
  return { result: CERTIFICATE_ACCEPT };
}

function hostKey(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}
