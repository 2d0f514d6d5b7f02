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
export function signDetached(content: Buffer, signer: PlatformSigner, signingTime: Date): Buffer {
  const certificate = forge.pki.certificateFromPem(signer.certPem);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  p7.addCertificate(certificate);
  p7.addCertificate(forge.pki.certificateFromPem(signer.authorityPem));
  const options = {
    key: forge.pki.privateKeyFromPem(signer.keyPem),
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
