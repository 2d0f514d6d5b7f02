import crypto from 'node:crypto';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { signCadesDetached } from './cades-sign';
import { createAuthority, issueCentreCertificate } from './certificates';
import { openssl, scratchDir } from './test-openssl';

const scratch = scratchDir();
afterAll(() => scratch.remove());

// A UTF-8 issuer name with accents: the issuer and serial must be copied byte for byte.
const authority = createAuthority({ commonName: 'Autorité de test — Éducation', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const authorityFile = scratch.write('authority.pem', authority.certPem);
const content = Buffer.from('%PDF-1.7 pas vraiment un PDF, des octets signés');

function verify(data: Buffer, signature: Buffer) {
  return openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', scratch.write('data.bin', data),
    '-in', scratch.write('data.p7s', signature), '-CAfile', authorityFile, '-purpose', 'any', '-out', '/dev/null']);
}

describe('signCadesDetached (PAdES baseline B / CAdES-B), checked by openssl', () => {
  const signature = signCadesDetached(content, { certificate: centre.certPem, key: centre.keyPem, chain: [authority.certPem] });

  it('verifies against the authority, and fails when one byte of the content changes', () => {
    expect(verify(content, signature).stderr).toContain('Verification successful');
    const changed = Buffer.from(content);
    changed[3]! ^= 0x01;
    const run = verify(changed, signature);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('content verify error');
  });

  it('carries contentType, messageDigest and signing-certificate-v2 (hash of the signer’s certificate), no signingTime', () => {
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER'], signature).stdout;
    expect(printed).toContain('object: contentType (1.2.840.113549.1.9.3)');
    expect(printed).toContain('object: messageDigest (1.2.840.113549.1.9.4)');
    expect(printed).toContain('(1.2.840.113549.1.9.16.2.47)');
    expect(printed).not.toContain('signingTime');
    expect(printed.match(/d\.certificate:/g)).toHaveLength(2);
    const certHash = crypto.createHash('sha256').update(new crypto.X509Certificate(centre.certPem).raw).digest('hex').toUpperCase();
    const dump = openssl(['asn1parse', '-inform', 'DER'], signature).stdout;
    expect(dump).toContain(`[HEX DUMP]:${certHash}`);
  });

  it('takes forge objects as well as PEM, and gives the same bytes for the same input', () => {
    const fromForge = signCadesDetached(content, {
      certificate: forge.pki.certificateFromPem(centre.certPem), key: forge.pki.privateKeyFromPem(centre.keyPem), chain: [authority.certPem],
    });
    expect(fromForge.equals(signature)).toBe(true);
  });

  it('fails against another authority', () => {
    const other = scratch.write('other.pem', createAuthority({ commonName: 'Autre autorité', validDays: 10 }).certPem);
    const run = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', scratch.write('c.bin', content),
      '-in', scratch.write('c.p7s', signature), '-CAfile', other, '-purpose', 'any', '-out', '/dev/null']);
    expect(run.status).not.toBe(0);
  });
});
