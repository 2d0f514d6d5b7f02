import forge from 'node-forge';
import { writableName } from './certificates';

export interface CmsSigner {
  certPem: string;
  keyPem: string;
  /** Intermediate (and optionally root) certificates, included in the message for the verifier. */
  chainPems?: string[];
}

/**
 * Detached CMS SignedData (architecture §2, results bundle): SHA-256, signed attributes contentType,
 * messageDigest and signingTime; the signer's certificate and its chain are included. Returns DER.
 * Verifiable with `openssl cms -verify -binary -inform DER -content FILE -in FILE.p7s -CAfile authority.pem`.
 */
export function signDetached(content: Buffer, signer: CmsSigner, options: { signingTime?: Date } = {}): Buffer {
  const certificate = forge.pki.certificateFromPem(signer.certPem);
  const key = forge.pki.privateKeyFromPem(signer.keyPem);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  p7.addCertificate(certificate);
  for (const pem of signer.chainPems ?? []) p7.addCertificate(forge.pki.certificateFromPem(pem));
  const signerOptions = {
    key,
    // issuer and serial rather than `certificate`, which would write a UTF-8 issuer name encoded twice
    issuer: writableName(certificate.issuer.attributes),
    serialNumber: certificate.serialNumber,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.messageDigest! },
      { type: forge.pki.oids.signingTime!, value: options.signingTime ?? new Date() },
    ],
  };
  // forge's types know only the `certificate` form of addSigner and string attribute values; its code takes both
  p7.addSigner(signerOptions as unknown as Parameters<typeof p7.addSigner>[0]);
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}
