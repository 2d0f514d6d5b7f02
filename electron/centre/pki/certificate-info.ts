import crypto from 'node:crypto';
import { Class, DerShapeError, Type, isTag, oid, parseDer, primitive, sequence, time, toDer, type Asn1 } from './der';

/** What the verifier needs from an X.509 certificate, read from its DER (no trust implied). */
export interface CertificateInfo {
  der: Buffer;
  x509: crypto.X509Certificate;
  /** Read when the certificate is read, so that a damaged key fails there rather than later. */
  publicKey: crypto.KeyObject;
  /** DER of the issuer and subject Names, compared byte for byte. */
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** Content bytes of the serial INTEGER, hex. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA. */
  isCa: boolean;
  /** keyUsage, when the extension is present. */
  keyUsage: KeyUsage | null;
  subjectKeyIdHex: string | null;
}

export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyCertSign: boolean;
}

const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
const OID_SUBJECT_KEY_ID = '2.5.29.14';

/** Reads a certificate from DER; throws `DerShapeError` (or Node's parse error) when it is not one. */
export function readCertificate(der: Buffer): CertificateInfo {
  const [tbs] = sequence(parseDer(der), 'certificat X.509');
  let fields = sequence(tbs, 'TBSCertificate');
  if (isTag(fields[0], Class.CONTEXT_SPECIFIC, 0)) fields = fields.slice(1); // [0] version
  const [serial, , issuer, validity, subject] = fields;
  const [notBefore, notAfter] = sequence(validity, 'période de validité');
  const extensions = readExtensions(fields.slice(6));
  const x509 = new crypto.X509Certificate(der);
  return {
    der,
    x509,
    publicKey: x509.publicKey,
    issuerDer: toDer(nameNode(issuer, 'émetteur')),
    subjectDer: toDer(nameNode(subject, 'sujet')),
    serialHex: primitive(serial, Class.UNIVERSAL, Type.INTEGER, 'numéro de série').toString('hex'),
    notBefore: time(notBefore, 'date de début de validité'),
    notAfter: time(notAfter, 'date de fin de validité'),
    isCa: readBasicConstraintsCa(extensions.get(OID_BASIC_CONSTRAINTS)),
    keyUsage: readKeyUsage(extensions.get(OID_KEY_USAGE)),
    subjectKeyIdHex: readSubjectKeyId(extensions.get(OID_SUBJECT_KEY_ID)),
  };
}

export function readCertificatePem(pem: string): CertificateInfo {
  return readCertificate(new crypto.X509Certificate(pem).raw);
}

function nameNode(node: Asn1 | undefined, what: string): Asn1 {
  sequence(node, what);
  return node as Asn1;
}

/** extnID → DER inside extnValue, from the optional [3] extensions field. */
function readExtensions(optionalFields: Asn1[]): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  const wrapper = optionalFields.find((node) => isTag(node, Class.CONTEXT_SPECIFIC, 3));
  if (wrapper === undefined) return result;
  const list = Array.isArray(wrapper.value) ? wrapper.value[0] : undefined;
  for (const extension of sequence(list, 'extensions')) {
    const parts = sequence(extension, 'extension');
    const id = oid(parts[0], 'identifiant d’extension');
    if (result.has(id)) throw new DerShapeError(`extension ${id} en double`);
    result.set(id, primitive(parts[parts.length - 1], Class.UNIVERSAL, Type.OCTETSTRING, 'valeur d’extension'));
  }
  return result;
}

function readBasicConstraintsCa(value: Buffer | undefined): boolean {
  if (value === undefined) return false;
  const [first] = sequence(parseDer(value), 'basicConstraints');
  if (!isTag(first, Class.UNIVERSAL, Type.BOOLEAN)) return false;
  return primitive(first, Class.UNIVERSAL, Type.BOOLEAN, 'cA')[0] !== 0;
}

/** KeyUsage BIT STRING: first byte = unused bits, then bit 0 (0x80) digitalSignature, bit 1 nonRepudiation, bit 5 keyCertSign. */
function readKeyUsage(value: Buffer | undefined): KeyUsage | null {
  if (value === undefined) return null;
  const bits = primitive(parseDer(value), Class.UNIVERSAL, Type.BITSTRING, 'keyUsage');
  const first = bits[1] ?? 0;
  return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0, keyCertSign: (first & 0x04) !== 0 };
}

function readSubjectKeyId(value: Buffer | undefined): string | null {
  if (value === undefined) return null;
  return primitive(parseDer(value), Class.UNIVERSAL, Type.OCTETSTRING, 'subjectKeyIdentifier').toString('hex');
}

/** "O=Lycée Érable, CN=0123456A", from Node's one-attribute-per-line form. */
export function subjectText(info: CertificateInfo): string {
  return info.x509.subject.split('\n').join(', ');
}
