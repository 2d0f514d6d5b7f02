import { afterAll, describe, expect, it } from 'vitest';
import { createAuthority, fingerprintSha256, issueCentreCertificate } from './certificates';
import { openssl, scratchDir } from './test-openssl';

const scratch = scratchDir();
afterAll(() => scratch.remove());

const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const authorityFile = scratch.write('authority.pem', authority.certPem);
const centreFile = scratch.write('centre.pem', centre.certPem);

function text(file: string): string {
  return openssl(['x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space']).stdout;
}

describe('createAuthority', () => {
  it('is a self-signed root CA, keyUsage keyCertSign and cRLSign, that openssl accepts as trust anchor', () => {
    const dump = text(authorityFile);
    expect(dump).toContain('Issuer: CN=Autorité de test');
    expect(dump).toContain('Subject: CN=Autorité de test');
    expect(dump).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(dump).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(openssl(['verify', '-CAfile', authorityFile, authorityFile]).status).toBe(0);
  });

  it('is valid from about now for the number of days asked', () => {
    const dates = openssl(['x509', '-in', authorityFile, '-noout', '-startdate', '-enddate']).stdout;
    const start = new Date(/notBefore=(.*)/.exec(dates)![1]!);
    const end = new Date(/notAfter=(.*)/.exec(dates)![1]!);
    expect(Math.abs(start.getTime() - Date.now())).toBeLessThan(10 * 60 * 1000);
    expect(end.getTime() - start.getTime()).toBe(3650 * 86_400_000);
  });
});

describe('issueCentreCertificate', () => {
  it('subject O = centre name, CN = centre id; issuer = the authority; openssl verifies it against the authority', () => {
    const dump = text(centreFile);
    expect(dump).toContain('Subject: O=Lycée Érable, CN=0123456A');
    expect(dump).toContain('Issuer: CN=Autorité de test');
    expect(dump).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(dump).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(openssl(['verify', '-CAfile', authorityFile, centreFile]).stdout).toContain(': OK');
  });

  it('its authority key identifier is the authority’s subject key identifier', () => {
    const ski = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(text(authorityFile))![1];
    const aki = /Authority Key Identifier:\s+(?:keyid:)?([0-9A-F:]+)/.exec(text(centreFile))![1];
    expect(aki).toBe(ski);
  });

  it('is refused by openssl against another authority', () => {
    const other = scratch.write('other.pem', createAuthority({ commonName: 'Autorité de test', validDays: 10 }).certPem);
    expect(openssl(['verify', '-CAfile', other, centreFile]).status).not.toBe(0);
  });

  it('serial numbers are random and positive', () => {
    const second = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
    const serial = (pem: string) => openssl(['x509', '-noout', '-serial'], pem).stdout.trim();
    expect(serial(centre.certPem)).toMatch(/^serial=[4-7][0-9A-F]{31}$/);
    expect(serial(second.certPem)).not.toBe(serial(centre.certPem));
  });
});

describe('fingerprintSha256', () => {
  it('is what openssl prints as the SHA-256 fingerprint', () => {
    const printed = openssl(['x509', '-in', centreFile, '-noout', '-fingerprint', '-sha256']).stdout.trim();
    expect(`sha256 Fingerprint=${fingerprintSha256(centre.certPem)}`).toBe(printed);
    expect(fingerprintSha256(centre.certPem)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});
