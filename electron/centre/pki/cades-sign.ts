import crypto from 'node:crypto';
import forge from 'node-forge';
import { Class, parseDer, sequence, toDer, Type, type Asn1 } from './der';

/** The key and certificates of a CAdES signature: PEM, or the forge objects the key import gives. */
export interface CadesSigner {
  certificate: string | forge.pki.Certificate;
  key: string | forge.pki.PrivateKey;
  /** Intermediate (and optionally root) certificates, included for the verifier. */
  chain?: readonly (string | forge.pki.Certificate)[];
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  /** RFC 5035 id-aa-signingCertificateV2. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

const { create } = forge.asn1;
const seq = (items: Asn1[]) => create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
const set = (items: Asn1[]) => create(Class.UNIVERSAL, Type.SET, true, items);
const oid = (value: string) => create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(value).getBytes());
const int = (value: number) => create(Class.UNIVERSAL, Type.INTEGER, false, forge.asn1.integerToDer(value).getBytes());
const octets = (bytes: Buffer) => create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
const nullValue = () => create(Class.UNIVERSAL, Type.NULL, false, '');
const algorithm = (id: string, withNull: boolean) => seq(withNull ? [oid(id), nullValue()] : [oid(id)]);
const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);

function certificateDer(certificate: string | forge.pki.Certificate): Buffer {
  const pem = typeof certificate === 'string' ? certificate : forge.pki.certificateToPem(certificate);
  return Buffer.from(new crypto.X509Certificate(pem).raw);
}

/** A SET OF in DER: its elements sorted by their encodings (X.690 §11.6), as `openssl` and NSS recompute it. */
function derSet(items: Asn1[]): Asn1 {
  const sorted = items.map(toDer).sort(Buffer.compare).map(parseDer);
  return set(sorted);
}

/**
 * PAdES baseline B (ETSI EN 319 142-1) / CAdES-B: a detached CMS SignedData over `content`, SHA-256 and RSA
 * PKCS#1 v1.5, whose signed attributes are contentType, messageDigest and the ESS signing-certificate-v2
 * attribute (RFC 5035: the SHA-256 of the signer's certificate, its issuer and serial) — and no signingTime,
 * which PAdES leaves to the PDF's `/M`. The signer's certificate and its chain are included. The same inputs
 * give the same bytes (RSA PKCS#1 v1.5 draws nothing). Returns DER.
 *
 * Written with forge's ASN.1 builder because forge's PKCS#7 signer knows only three attributes; the issuer and
 * serial are copied from the certificate's own DER, so a UTF-8 issuer name stays byte for byte (cms-sign.ts).
 */
export function signCadesDetached(content: Buffer, signer: CadesSigner): Buffer {
  const certDer = certificateDer(signer.certificate);
  const tbs = sequence(sequence(parseDer(certDer), 'certificat')[0], 'tbsCertificate');
  // tbsCertificate: [0] version, serialNumber, signature, issuer, …
  const offset = tbs[0]?.tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = tbs[offset]!;
  const issuer = tbs[offset + 2]!;
  const issuerAndSerial = () => seq([parseDer(toDer(issuer)), parseDer(toDer(serial))]);

  const certHash = crypto.createHash('sha256').update(certDer).digest();
  // ESSCertIDv2: hashAlgorithm left out (DEFAULT sha256), certHash, issuerSerial { GeneralNames [directoryName], serial }
  const essCertId = seq([
    octets(certHash),
    seq([seq([create(Class.CONTEXT_SPECIFIC, 4, true, [parseDer(toDer(issuer))])]), parseDer(toDer(serial))]),
  ]);
  const signedAttributes = derSet([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(crypto.createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, seq([seq([essCertId])])),
  ]);
  const keyPem = typeof signer.key === 'string' ? signer.key : forge.pki.privateKeyToPem(signer.key as forge.pki.rsa.PrivateKey);
  // The signature covers the attributes encoded as a SET (RFC 5652 §5.4); they are written as [0] IMPLICIT.
  const signature = crypto.sign('sha256', toDer(signedAttributes), keyPem);
  const implicitAttributes = create(Class.CONTEXT_SPECIFIC, 0, true, signedAttributes.value as Asn1[]);

  const signerInfo = seq([
    int(1),
    issuerAndSerial(),
    algorithm(OID.sha256, false),
    implicitAttributes,
    algorithm(OID.rsaEncryption, true),
    octets(signature),
  ]);
  const certificates = [certDer, ...(signer.chain ?? []).map(certificateDer)].map(parseDer);
  const signedData = seq([
    int(1),
    set([algorithm(OID.sha256, false)]),
    seq([oid(OID.data)]),
    create(Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), create(Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}
