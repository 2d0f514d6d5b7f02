import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { reusableName } from '../authority/certificate-issuance';

/** The platform's signing certificate and key (unlocked in memory by `serve`), and the authority's certificate. */
export interface PlatformSigner {
  certPem: string;
  keyPem: string;
  authorityPem: string;
}

/**
 * Detached CMS SignedData (DER) by the platform's signing certificate: SHA-256, signed attributes contentType,
 * messageDigest and signingTime, the signing certificate and the authority's included. What receipts and
 * published packages carry; `openssl cms -verify -binary -inform DER … -CAfile authority.pem` checks it.
 */
/** DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §9.2, note 1): what the RSA signature encrypts. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A key forge's PKCS#7 signer calls as `key.sign(md)`, signing with Node's crypto (OpenSSL) instead of forge's
 * JavaScript RSA, about 70 ms a signature on this project's machines (docs/benchmarks.md, bench:platform).
 * The signature is the same bytes: PKCS#1 v1.5 over the DigestInfo of the signed attributes' SHA-256.
 */
function nodeSigningKey(key: KeyObject) {
  return {
    sign(md: forge.md.MessageDigest): string {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
    },
  };
}

const parsed = new WeakMap<PlatformSigner, { certificate: forge.pki.Certificate; authority: forge.pki.Certificate; key: KeyObject }>();

export function signDetached(content: Buffer, signer: PlatformSigner, signingTime: Date): Buffer {
  let material = parsed.get(signer);
  if (!material) {
    material = {
      certificate: forge.pki.certificateFromPem(signer.certPem),
      authority: forge.pki.certificateFromPem(signer.authorityPem),
      key: createPrivateKey(signer.keyPem),
    };
    parsed.set(signer, material);
  }
  const { certificate } = material;
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  p7.addCertificate(certificate);
  p7.addCertificate(material.authority);
  const options = {
    key: nodeSigningKey(material.key),
    // issuer and serial rather than `certificate`: forge would encode a UTF-8 issuer name twice
    issuer: reusableName(certificate.issuer.attributes),
    serialNumber: certificate.serialNumber,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.messageDigest! },
      { type: forge.pki.oids.signingTime!, value: signingTime },
    ],
  };
  // forge's types know only the `certificate` form of addSigner and string attribute values; its code takes both
  p7.addSigner(options as unknown as Parameters<typeof p7.addSigner>[0]);
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}
