import forge from 'node-forge';

/**
 * A centre's PKCS#12 (architecture §2): its key shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), its
 * certificate and the authority's, and forge's SHA-1 HMAC integrity MAC, which OpenSSL 3 reads without
 * `-legacy`. Passwords are printable ASCII (isPkcs12Password): PBES2 reads a password as UTF-8 and the MAC as
 * UTF-16, and forge would cut both to bytes, so an accented password would open in no other tool.
 */
export function exportPkcs12(certPem: string, keyPem: string, chainPems: string[], password: string): Buffer {
  if (!isPkcs12Password(password)) throw new Error('mot de passe PKCS#12 hors ASCII imprimable');
  const key = forge.pki.privateKeyFromPem(keyPem);
  const certs = [certPem, ...chainPems].map((pem) => forge.pki.certificateFromPem(pem));
  const pfx = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: 'aes256', prfAlgorithm: 'sha256', friendlyName: 'Passation', count: 2048 } as never);
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}

/** Printable ASCII, 12 to 128 characters. */
export const PKCS12_PASSWORD_PATTERN = /^[\x21-\x7e]{12,128}$/;

export function isPkcs12Password(password: string): boolean {
  return PKCS12_PASSWORD_PATTERN.test(password);
}
