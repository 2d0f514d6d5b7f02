import crypto from 'node:crypto';
import forge from 'node-forge';

/** A certificate and its private key, both PEM (the key as unencrypted PKCS#8). */
export interface CertificateAndKey {
  certPem: string;
  keyPem: string;
}

export interface AuthorityOptions {
  commonName: string;
  validDays: number;
  /** Start of validity; defaults to now (tests use it to make expired certificates). */
  notBefore?: Date;
}

export interface SigningCertificateOptions {
  /** Subject O. */
  organisation: string;
  /** Subject CN. */
  commonName: string;
  validDays: number;
  notBefore?: Date;
}

export interface CentreCertificateOptions {
  centreName: string;
  centreId: string;
  validDays: number;
  notBefore?: Date;
}

const RSA_MODULUS_BITS = 2048;
const SERIAL_BYTES = 16;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Backdating of notBefore, so that a clock a little behind still accepts a fresh certificate. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** An RSA key pair from Node's crypto (forge's pure-JS generation is far slower), as a forge key. */
export function generateRsaKey(): { keyPem: string; privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: RSA_MODULUS_BITS });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem);
  return { keyPem, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

/** A random positive serial number, hex, without a leading zero byte (DER INTEGER stays minimal). */
export function randomSerialHex(): string {
  const bytes = crypto.randomBytes(SERIAL_BYTES);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** Subject or issuer attributes, as UTF8String so that accented names survive (forge encodes them). */
export function nameAttributes(fields: { organisation?: string; commonName: string }): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [];
  if (fields.organisation !== undefined) attrs.push(utf8Attribute('O', fields.organisation));
  attrs.push(utf8Attribute('CN', fields.commonName));
  return attrs;
}

/** forge's types declare `valueTagClass` as an ASN.1 class, but forge reads it as the value's universal type. */
const UTF8_STRING = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

function utf8Attribute(shortName: string, value: string): forge.pki.CertificateField {
  return { shortName, value, valueTagClass: UTF8_STRING };
}

/**
 * A name read by forge, ready to be written again: forge reads UTF8String values as raw bytes but encodes
 * them on write, so they are decoded first (otherwise an issuer name would not match the CA's subject).
 */
export function writableName(attributes: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attributes.map((attr) =>
    attr.valueTagClass === UTF8_STRING && typeof attr.value === 'string'
      ? { ...attr, value: forge.util.decodeUtf8(attr.value) }
      : attr);
}

export function setValidity(cert: forge.pki.Certificate, validDays: number, notBefore: Date | undefined): void {
  const start = notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  cert.validity.notBefore = start;
  cert.validity.notAfter = new Date(start.getTime() + validDays * MS_PER_DAY);
}

/** Self-signed root certificate of the authority (architecture §2). */
export function createAuthority(options: AuthorityOptions): CertificateAndKey {
  const { keyPem, privateKey, publicKey } = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerialHex();
  setValidity(cert, options.validDays, options.notBefore);
  const name = nameAttributes({ commonName: options.commonName });
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/**
 * A document-signing certificate issued by the authority: digitalSignature + nonRepudiation, no extended
 * key usage. That satisfies the S/MIME signing purpose `openssl cms -verify` checks by default.
 */
export function issueSigningCertificate(authority: CertificateAndKey, options: SigningCertificateOptions): CertificateAndKey {
  const caCert = forge.pki.certificateFromPem(authority.certPem);
  const caKey = forge.pki.privateKeyFromPem(authority.keyPem);
  const { keyPem, publicKey } = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerialHex();
  setValidity(cert, options.validDays, options.notBefore);
  cert.setSubject(nameAttributes({ organisation: options.organisation, commonName: options.commonName }));
  cert.setIssuer(writableName(caCert.subject.attributes));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** The certificate a centre signs its results bundles with: O = centre name, CN = centre id. */
export function issueCentreCertificate(authority: CertificateAndKey, options: CentreCertificateOptions): CertificateAndKey {
  return issueSigningCertificate(authority, {
    organisation: options.centreName,
    commonName: options.centreId,
    validDays: options.validDays,
    notBefore: options.notBefore,
  });
}

/** SHA-256 fingerprint of a certificate, as `AB:CD:…` (the form `openssl x509 -fingerprint -sha256` prints). */
export function fingerprintSha256(certPem: string): string {
  return new crypto.X509Certificate(certPem).fingerprint256;
}
