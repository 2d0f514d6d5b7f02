import crypto from 'node:crypto';
import { CMS_OID } from '../verification/cms-oids';
import { children, readWhole, Tag } from '../verification/der-reader';
import { oid, time, tlv } from './der-writer';

/** The platform's signing certificate and key (unlocked in memory by `serve`), and the authority's certificate. */
export interface PlatformSigner {
  certPem: string;
  keyPem: string;
  authorityPem: string;
}

const OID = CMS_OID;

const NULL = tlv(Tag.NULL);
const VERSION_1 = tlv(Tag.INTEGER, Buffer.from([1]));
const SHA256_ALGORITHM = tlv(Tag.SEQUENCE, oid(OID.sha256), NULL);
const RSA_ALGORITHM = tlv(Tag.SEQUENCE, oid(OID.rsaEncryption), NULL);
const CONTENT_TYPE_ATTRIBUTE = tlv(Tag.SEQUENCE, oid(OID.contentType), tlv(Tag.SET, oid(OID.data)));
const MESSAGE_DIGEST_OID = oid(OID.messageDigest);
const SIGNING_TIME_OID = oid(OID.signingTime);
const SIGNED_DATA_OID = oid(OID.signedData);
const DATA_CONTENT_INFO = tlv(Tag.SEQUENCE, oid(OID.data));

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
      certificates: tlv(Tag.CONTEXT_0, certificate, authority),
      issuerAndSerial: tlv(Tag.SEQUENCE, fields[2]!.bytes, fields[0]!.bytes),
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
    tlv(Tag.SEQUENCE, MESSAGE_DIGEST_OID, tlv(Tag.SET, tlv(Tag.OCTET_STRING, crypto.createHash('sha256').update(content).digest()))),
    tlv(Tag.SEQUENCE, SIGNING_TIME_OID, tlv(Tag.SET, time(signingTime))),
  ];
  // RFC 5652 §5.4 — the signature covers the attributes encoded as a SET; they travel as [0] IMPLICIT.
  const signedAttributes = tlv(Tag.SET, ...attributes);
  const signature = crypto.sign('sha256', signedAttributes, key);
  const signerInfo = tlv(Tag.SEQUENCE, VERSION_1, issuerAndSerial, SHA256_ALGORITHM,
    Buffer.concat([Buffer.from([Tag.CONTEXT_0]), signedAttributes.subarray(1)]), RSA_ALGORITHM, tlv(Tag.OCTET_STRING, signature));
  const signedData = tlv(Tag.SEQUENCE, VERSION_1, tlv(Tag.SET, SHA256_ALGORITHM), DATA_CONTENT_INFO, certificates, tlv(Tag.SET, signerInfo));
  return tlv(Tag.SEQUENCE, SIGNED_DATA_OID, tlv(Tag.CONTEXT_0, signedData));
}
