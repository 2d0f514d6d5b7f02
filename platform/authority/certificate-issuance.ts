import crypto from 'node:crypto';
import forge from 'node-forge';
import { RECEIPT_SIGNING_USAGE } from '../../shared/formats/platform-api';

/**
 * The authority's certificates (architecture §2), made with node-forge, keys from Node's crypto.
 *
 * Key algorithm: RSA 2048 everywhere. node-forge signs and reads only RSA keys (certificates, PKCS#12, the
 * PKCS#7 the centre and the PDF signer write), the centre's CMS verifier accepts RSA signatures, and the
 * platform's benchmark measures RSA-2048 verifications; 2048 bits stay acceptable until 2030 (ANSSI, NIST).
 */
export const KEY_ALGORITHM = 'RSA-2048';
const RSA_MODULUS_BITS = 2048;
const SERIAL_BYTES = 16;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** notBefore is backdated a little, so that a clock slightly behind accepts a fresh certificate. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** RFC 9336 id-kp-documentSigning; with emailProtection (S/MIME), what CMS verifiers and PDF readers look for. */
export const OID_DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

export interface KeyAndCertificate {
  certPem: string;
  /** Unencrypted PKCS#8: only in memory; on disk it is encrypted (key-at-rest.ts). */
  keyPem: string;
}

export interface Validity {
  days: number;
  /** Default: now minus a few minutes. Tests use it for expired or not-yet-valid certificates. */
  notBefore?: Date;
}

export function generateRsaKey(): { keyPem: string; forgeKey: forge.pki.rsa.PrivateKey } {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: RSA_MODULUS_BITS });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { keyPem, forgeKey: forge.pki.privateKeyFromPem(keyPem) };
}

/** A random positive serial, without a leading zero byte (the DER INTEGER stays minimal). */
export function randomSerialHex(): string {
  const bytes = crypto.randomBytes(SERIAL_BYTES);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** forge's types call `valueTagClass` an ASN.1 class; forge reads it as the value's universal type. */
const UTF8_STRING = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

/** Subject attributes as UTF8String, so that « Lycée Érable » survives. */
function name(fields: { organisation?: string; commonName: string }): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [];
  if (fields.organisation !== undefined) attrs.push({ shortName: 'O', value: fields.organisation, valueTagClass: UTF8_STRING });
  attrs.push({ shortName: 'CN', value: fields.commonName, valueTagClass: UTF8_STRING });
  return attrs;
}

/** forge reads UTF8String values as raw bytes but encodes them on write: decode before reusing a name. */
export function reusableName(attributes: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attributes.map((a) => (a.valueTagClass === UTF8_STRING && typeof a.value === 'string' ? { ...a, value: forge.util.decodeUtf8(a.value) } : a));
}

function newCertificate(publicKeyOf: forge.pki.rsa.PrivateKey, validity: Validity): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(publicKeyOf.n, publicKeyOf.e);
  cert.serialNumber = randomSerialHex();
  const start = validity.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  cert.validity.notBefore = start;
  cert.validity.notAfter = new Date(start.getTime() + validity.days * MS_PER_DAY);
  return cert;
}

/** The authority's self-signed root: a CA that issues end certificates only (pathLen 0) and signs CRLs. */
export function createRootCertificate(commonName: string, validity: Validity): KeyAndCertificate {
  const { keyPem, forgeKey } = generateRsaKey();
  const cert = newCertificate(forgeKey, validity);
  cert.setSubject(name({ commonName }));
  cert.setIssuer(name({ commonName }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/**
 * An end certificate for signing documents: the centre's (results bundles, PDFs) or the platform's (receipts,
 * packages). keyUsage digitalSignature + nonRepudiation (critical); extendedKeyUsage emailProtection, which
 * `openssl cms -verify`'s default S/MIME purpose and PDF readers (NSS's email-signer usage in poppler) accept,
 * and documentSigning (RFC 9336). Not a CA.
 */
export function issueSigningCertificate(
  authority: KeyAndCertificate,
  subject: { organisation: string; commonName: string },
  validity: Validity,
  extraUsages: readonly string[] = [],
): KeyAndCertificate & { serialHex: string } {
  const caCert = forge.pki.certificateFromPem(authority.certPem);
  const caKey = forge.pki.privateKeyFromPem(authority.keyPem);
  const { keyPem, forgeKey } = generateRsaKey();
  const cert = newCertificate(forgeKey, validity);
  if (cert.validity.notAfter.getTime() > caCert.validity.notAfter.getTime()) cert.validity.notAfter = caCert.validity.notAfter;
  cert.setSubject(name(subject));
  cert.setIssuer(reusableName(caCert.subject.attributes));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true, [OID_DOCUMENT_SIGNING]: true, ...Object.fromEntries(extraUsages.map((oid) => [oid, true])) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem, serialHex: cert.serialNumber };
}

/**
 * The platform's signing certificate (receipts, packages): a signing certificate that also carries the receipt
 * usage (shared/formats/platform-api.ts), which centres require of a receipt's signer.
 */
export function issuePlatformSigningCertificate(
  authority: KeyAndCertificate,
  subject: { organisation: string; commonName: string },
  validity: Validity,
): KeyAndCertificate & { serialHex: string } {
  return issueSigningCertificate(authority, subject, validity, [RECEIPT_SIGNING_USAGE]);
}

/** What the store records of a certificate, read back by Node's X509 parser. */
export function describeCertificate(certPem: string): { serialHex: string; subject: string; fingerprintSha256: string; notBefore: string; notAfter: string } {
  const x509 = new crypto.X509Certificate(certPem);
  return {
    serialHex: x509.serialNumber.toLowerCase(),
    subject: x509.subject.split('\n').join(', '),
    fingerprintSha256: x509.fingerprint256,
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
  };
}
