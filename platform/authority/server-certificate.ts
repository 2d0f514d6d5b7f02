import net from 'node:net';
import forge from 'node-forge';
import { generateRsaKey, randomSerialHex, reusableName, type KeyAndCertificate } from './certificate-issuance';

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The platform's TLS certificate for its host name or address (issue 9 §3: HTTPS with a certificate the authority
 * issues), so that centres trusting authority.pem reach it without another CA: subjectAltName the host (IP or
 * DNS), extendedKeyUsage serverAuth, keyUsage digitalSignature + keyEncipherment, not a CA.
 */
export function issueServerCertificate(authority: KeyAndCertificate, host: string, days: number, notBefore = new Date(Date.now() - CLOCK_SKEW_MS)): KeyAndCertificate {
  const caCert = forge.pki.certificateFromPem(authority.certPem);
  const caKey = forge.pki.privateKeyFromPem(authority.keyPem);
  const { keyPem, forgeKey } = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(Math.min(notBefore.getTime() + days * MS_PER_DAY, caCert.validity.notAfter.getTime()));
  cert.setSubject([{ shortName: 'CN', value: host }]);
  cert.setIssuer(reusableName(caCert.subject.attributes));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [net.isIP(host) ? { type: 7, ip: host } : { type: 2, value: host }] },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}
