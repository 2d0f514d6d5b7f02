import net from 'node:net';
import type tls from 'node:tls';
import forge from 'node-forge';
import { fingerprintSha256, generateRsaKey, nameAttributes, randomSerialHex, setValidity } from './certificates';

export interface StationTlsCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 fingerprint the kiosks pin when they pair (architecture §2), "AB:CD:…". */
  fingerprint: string;
}

/** Always in the certificate, so that the station's own console on loopback connects. */
const LOOPBACK_IPS = ['127.0.0.1'];
const LOOPBACK_HOSTNAMES = ['localhost'];
const SAN_DNS = 2;
const SAN_IP = 7;

/**
 * The station's self-signed TLS server certificate: subjectAltName with every host name and IP address
 * the kiosks may use (plus localhost and 127.0.0.1), serverAuth, usable by `https.createServer`.
 */
export function createStationTlsCertificate(options: { hostnames: string[]; ips: string[]; validDays: number }): StationTlsCertificate {
  const hostnames = unique([...LOOPBACK_HOSTNAMES, ...options.hostnames]);
  const ips = unique([...LOOPBACK_IPS, ...options.ips]);
  const badIp = ips.find((ip) => net.isIP(ip) === 0);
  if (badIp !== undefined) throw new Error(`adresse IP invalide pour le certificat TLS : « ${badIp} »`);
  const { keyPem, privateKey, publicKey } = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerialHex();
  setValidity(cert, options.validDays, undefined);
  const name = nameAttributes({ organisation: 'Passation', commonName: hostnames.find((h) => h !== 'localhost') ?? 'localhost' });
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...hostnames.map((value) => ({ type: SAN_DNS, value })), ...ips.map((ip) => ({ type: SAN_IP, ip }))] },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem, fingerprint: fingerprintSha256(certPem) };
}

/**
 * TLS client options for a kiosk (or any Node client) that pins the station's certificate: the paired
 * certificate is the only trust anchor, and its SHA-256 fingerprint must match, whatever the host name.
 * Both are needed: Node calls `checkServerIdentity` only after the chain has been verified against `ca`,
 * so `rejectUnauthorized: false` plus a fingerprint check would accept any certificate. (Node also skips
 * it on a resumed TLS session; resumption only happens with a session verified against the same `ca`.)
 */
export function pinnedTlsOptions(paired: { certPem: string; fingerprint: string }): Pick<tls.ConnectionOptions, 'ca' | 'checkServerIdentity' | 'rejectUnauthorized'> {
  return { ca: [paired.certPem], rejectUnauthorized: true, checkServerIdentity: pinnedServerIdentity(paired.fingerprint) };
}

/** `checkServerIdentity` accepting only the certificate with this fingerprint. */
export function pinnedServerIdentity(expectedFingerprint: string): (host: string, cert: tls.PeerCertificate) => Error | undefined {
  const expected = expectedFingerprint.toUpperCase();
  return (_host, cert) => {
    const presented = cert.fingerprint256?.toUpperCase();
    if (presented === expected) return undefined;
    return new Error(`certificat du poste surveillant inattendu (empreinte ${presented ?? 'absente'}, attendue ${expected}) : refaire l’appairage`);
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
