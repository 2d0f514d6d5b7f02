import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStationTlsCertificate, pinnedTlsOptions } from './tls';
import { openssl } from './test-openssl';

const station = createStationTlsCertificate({ hostnames: ['poste-surveillant.local'], ips: ['192.168.1.10', 'fe80::1'], validDays: 365 });
const otherStation = createStationTlsCertificate({ hostnames: [], ips: [], validDays: 365 });

const server = https.createServer({ cert: station.certPem, key: station.keyPem }, (_request, response) => response.end('station'));
let port = 0;
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => {
  port = (server.address() as AddressInfo).port;
  resolve();
})));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** GET / over TLS with a fresh connection each time (no agent, so no TLS session resumption between tests). */
function get(options: https.RequestOptions): Promise<string> {
  return new Promise((resolve) => {
    const request = https.get({ host: '127.0.0.1', port, path: '/', agent: false, ...options }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(`body: ${body}`));
    });
    request.on('error', (error) => resolve(`error: ${error.message}`));
  });
}

describe('createStationTlsCertificate (architecture §2, station ↔ kiosk)', () => {
  it('names every host and address in subjectAltName, loopback included, for server authentication', () => {
    const ext = openssl(['x509', '-noout', '-ext', 'subjectAltName,extendedKeyUsage,basicConstraints'], station.certPem).stdout;
    expect(ext).toContain('DNS:localhost, DNS:poste-surveillant.local, IP Address:127.0.0.1, IP Address:192.168.1.10, IP Address:FE80:0:0:0:0:0:0:1');
    expect(ext).toContain('TLS Web Server Authentication');
    expect(ext).toContain('CA:FALSE');
  });

  it('its fingerprint is the one openssl computes', () => {
    expect(openssl(['x509', '-noout', '-fingerprint', '-sha256'], station.certPem).stdout.trim()).toBe(`sha256 Fingerprint=${station.fingerprint}`);
  });

  it('serves HTTPS to a client that pins the certificate', async () => {
    expect(await get(pinnedTlsOptions(station))).toBe('body: station');
  });

  it('refuses the connection when the pinned fingerprint is another one', async () => {
    expect(await get(pinnedTlsOptions({ certPem: station.certPem, fingerprint: otherStation.fingerprint })))
      .toBe(`error: certificat du poste surveillant inattendu (empreinte ${station.fingerprint}, attendue ${otherStation.fingerprint}) : refaire l’appairage`);
  });

  it('refuses the connection when the server is not the paired station, or when nothing is pinned', async () => {
    expect(await get(pinnedTlsOptions(otherStation))).toBe('error: self-signed certificate');
    expect(await get({})).toBe('error: self-signed certificate');
  });

  it('refuses an IP address that is not one', () => {
    expect(() => createStationTlsCertificate({ hostnames: [], ips: ['300.1.1.1'], validDays: 1 })).toThrow('adresse IP invalide pour le certificat TLS : « 300.1.1.1 »');
  });
});
