import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_ACCEPT, CERTIFICATE_REJECT, certificateDecision, fingerprintOf, normaliseFingerprint } from './certificate-pinning';

/** Two self-signed certificates for the same name and address, made by openssl (the station's and an impostor's). */
let dir: string;
let station: { pem: string; fingerprint: string };
let impostor: { pem: string; fingerprint: string };

function makeCertificate(name: string): { pem: string; fingerprint: string } {
  const file = path.join(dir, `${name}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, `${name}.key`),
    '-out', file, '-days', '2', '-subj', '/CN=station.lan', '-addext', 'subjectAltName=DNS:station.lan,IP:192.168.1.10'], { stdio: 'ignore' });
  const line = execFileSync('openssl', ['x509', '-in', file, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  return { pem: fs.readFileSync(file, 'utf8'), fingerprint: line.trim().split('=')[1]! };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pin-'));
  station = makeCertificate('station');
  impostor = makeCertificate('impostor');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('certificateDecision (kiosk-lockdown §2: the paired station only)', () => {
  it('computes the same SHA-256 fingerprint as openssl', () => {
    expect(fingerprintOf(station.pem)).toBe(station.fingerprint.replaceAll(':', '').toLowerCase());
  });

  it('accepts the paired certificate on the paired host, fingerprint written any way pairing gave it', () => {
    for (const fingerprint of [station.fingerprint, station.fingerprint.toLowerCase(), station.fingerprint.replaceAll(':', '')]) {
      expect(certificateDecision({ hostname: '192.168.1.10', certificate: { data: station.pem } }, { hostname: '192.168.1.10', fingerprint })).toEqual({ result: CERTIFICATE_ACCEPT });
    }
    expect(certificateDecision({ hostname: 'Station.LAN', certificate: { data: station.pem } }, { hostname: 'station.lan', fingerprint: station.fingerprint }).result).toBe(CERTIFICATE_ACCEPT);
  });

  it('rejects another certificate for the same name and address (a MITM or a reinstalled station), saying which', () => {
    const decision = certificateDecision({ hostname: '192.168.1.10', certificate: { data: impostor.pem } }, { hostname: '192.168.1.10', fingerprint: station.fingerprint });
    expect(decision).toEqual({ result: CERTIFICATE_REJECT, reason: `certificat inattendu (SHA-256 ${impostor.fingerprint}) : ce n’est pas celui de la station appairée` });
  });

  it('rejects the paired certificate itself on another host: the shell talks to no one else', () => {
    const decision = certificateDecision({ hostname: 'example.org', certificate: { data: station.pem } }, { hostname: '192.168.1.10', fingerprint: station.fingerprint });
    expect(decision.result).toBe(CERTIFICATE_REJECT);
  });

  it('rejects garbage and an unusable pin', () => {
    expect(certificateDecision({ hostname: 'h', certificate: { data: 'not a pem' } }, { hostname: 'h', fingerprint: station.fingerprint })).toEqual({ result: CERTIFICATE_REJECT, reason: 'certificat illisible' });
    expect(certificateDecision({ hostname: 'h', certificate: { data: station.pem } }, { hostname: 'h', fingerprint: 'AB:CD' }).result).toBe(CERTIFICATE_REJECT);
  });

  it('normalises fingerprints', () => {
    expect(normaliseFingerprint('AB:'.repeat(31) + 'AB')).toBe('ab'.repeat(32));
    expect(normaliseFingerprint('zz'.repeat(32))).toBeNull();
    expect(normaliseFingerprint('ab'.repeat(31))).toBeNull();
  });

  it('treats bracketed and bare IPv6 hosts alike', () => {
    expect(certificateDecision({ hostname: '[fd00::1]', certificate: { data: station.pem } }, { hostname: 'fd00::1', fingerprint: station.fingerprint }).result).toBe(CERTIFICATE_ACCEPT);
  });
});
