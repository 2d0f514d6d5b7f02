import crypto from 'node:crypto';
import { children, readWhole, Tag } from '../verification/der-reader';
import { DER, oid, time, tlv } from './der-writer';

/** The platform's signing certificate and key (unlocked in memory by `serve`), and the authority's certificate. */
export interface PlatformSigner {
  certPem: string;
  keyPem: string;
  authorityPem: string;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

const NULL = tlv(DER.NULL);
const VERSION_1 = tlv(DER.INTEGER, Buffer.from([1]));
const SHA256_ALGORITHM = tlv(DER.SEQUENCE, oid(OID.sha256), NULL);
const RSA_ALGORITHM = tlv(DER.SEQUENCE, oid(OID.rsaEncryption), NULL);
const CONTENT_TYPE_ATTRIBUTE = tlv(DER.SEQUENCE, oid(OID.contentType), tlv(DER.SET, oid(OID.data)));
const MESSAGE_DIGEST_OID = oid(OID.messageDigest);
const SIGNING_TIME_OID = oid(OID.signingTime);
const SIGNED_DATA_OID = oid(OID.signedData);
const DATA_CONTENT_INFO = tlv(DER.SEQUENCE, oid(OID.data));

/** What does not change from one signature to the next: the key, both certificates, the signer's identifier. */
interface Material {
  key: crypto.KeyObject;
  certificates: Buffer;
  issuerAndSerial: Buffer;
}

const parsed = new WeakMap<PlatformSigner, Material>();

function material(signer: PlatformSigner): Material {
  let known = parsed.get(signer);
  if (known === undefined) {
    const certificate = new crypto.X509Certificate(signer.certPem).raw;
    const authority = new crypto.X509Certificate(signer.authorityPem).raw;
    // tbsCertificate: [0] version, serialNumber, signature, issuer… — the issuer Name and serial as the certificate
    // writes them, byte for byte (what a verifier compares the signer identifier with).
    const tbs = children(children(readWhole(certificate, 'certificat'))[0]!);
    const fields = tbs[0]?.tag === Tag.CONTEXT_0 ? tbs.slice(1) : tbs;
    known = {
      key: crypto.createPrivateKey(signer.keyPem),
      certificates: tlv(DER.CONTEXT_0, certificate, authority),
      issuerAndSerial: tlv(DER.SEQUENCE, fields[2]!.bytes, fields[0]!.bytes),
    };
    parsed.set(signer, known);
  }
  return known;
}

/**
 * Detached CMS SignedData (RFC 5652, DER) by the platform's signing certificate: SHA-256, signed attributes
 * contentType, messageDigest and signingTime, the signing certificate and the authority's included, the signer named
 * by issuer and serial number, RSA PKCS#1 v1.5. What receipts and published packages carry;
 * `openssl cms -verify -binary -inform DER … -CAfile authority.pem` checks it.
 *
 * Written with a few DER helpers (der-writer.ts) and Node's crypto rather than node-forge's PKCS#7 builder, which
 * hashed the content and built the whole tree in JavaScript for every receipt (≈ 5 % of the platform's time per
 * bundle received, docs/benchmarks.md); the bytes are the same as forge's, attribute order included
 * (cms-sign.test.ts compares them).
 */
export function signDetached(content: Buffer, signer: PlatformSigner, signingTime: Date): Buffer {
  const { key, certificates, issuerAndSerial } = material(signer);
  const attributes = [
    CONTENT_TYPE_ATTRIBUTE,
    tlv(DER.SEQUENCE, MESSAGE_DIGEST_OID, tlv(DER.SET, tlv(DER.OCTET_STRING, crypto.createHash('sha256').update(content).digest()))),
    tlv(DER.SEQUENCE, SIGNING_TIME_OID, tlv(DER.SET, time(signingTime))),
  ];
  // RFC 5652 §5.4 — the signature covers the attributes encoded as a SET; they travel as [0] IMPLICIT.
  const signedAttributes = tlv(DER.SET, ...attributes);
  const signature = crypto.sign('sha256', signedAttributes, key);
  const signerInfo = tlv(DER.SEQUENCE, VERSION_1, issuerAndSerial, SHA256_ALGORITHM,
    Buffer.concat([Buffer.from([DER.CONTEXT_0]), signedAttributes.subarray(1)]), RSA_ALGORITHM, tlv(DER.OCTET_STRING, signature));
  const signedData = tlv(DER.SEQUENCE, VERSION_1, tlv(DER.SET, SHA256_ALGORITHM), DATA_CONTENT_INFO, certificates, tlv(DER.SET, signerInfo));
  return tlv(DER.SEQUENCE, SIGNED_DATA_OID, tlv(DER.CONTEXT_0, signedData));
}
