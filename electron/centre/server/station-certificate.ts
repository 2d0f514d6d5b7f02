import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fingerprintSha256 } from '../pki/certificates';
import { createStationTlsCertificate } from '../pki/tls';
import { ensurePrivateDir, makePrivate, writePrivateFile } from '../storage/private-files';

/** Where the station keeps its TLS certificate and key, inside its data folder. */
export const STATION_TLS_DIR = 'station-tls';
/** Ten years: kiosks pin the certificate, so it must not change under them. */
const STATION_CERTIFICATE_DAYS = 3650;

export interface StationTls { certPem: string; keyPem: string; fingerprint: string }

/**
 * The station's TLS certificate (architecture §2): generated once, then kept in `dataDir/station-tls/`
 * (key readable by the owner only), so that its SHA-256 fingerprint, which the kiosks pinned, stays the same.
 * Host names and addresses: this machine's name and its LAN addresses at first start (kiosks verify by
 * fingerprint, not by name, so a later change of address does not break them).
 */
export function loadOrCreateStationCertificate(dataDir: string): StationTls {
  const dir = path.join(dataDir, STATION_TLS_DIR);
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    // An older installation may have left them readable by all: owner only, as for the database.
    ensurePrivateDir(dir);
    makePrivate(keyFile);
    makePrivate(certFile);
    const certPem = fs.readFileSync(certFile, 'utf8');
    return { certPem, keyPem: fs.readFileSync(keyFile, 'utf8'), fingerprint: fingerprintSha256(certPem) };
  }
  const created = createStationTlsCertificate({ hostnames: [os.hostname()], ips: lanAddresses(), validDays: STATION_CERTIFICATE_DAYS });
  ensurePrivateDir(dir);
  writePrivateFile(keyFile, created.keyPem);
  writePrivateFile(certFile, created.certPem);
  return created;
}

/** This machine's non-internal IPv4 and IPv6 addresses. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a.address.split('%')[0]!);
}
