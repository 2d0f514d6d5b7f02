import { afterAll, describe, expect, it } from 'vitest';
import { createAuthority, issueCentreCertificate } from './certificates';
import { signDetached } from './cms-sign';
import { openssl, scratchDir } from './test-openssl';

const scratch = scratchDir();
afterAll(() => scratch.remove());

const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const signer = { ...centre, chainPems: [authority.certPem] };
const authorityFile = scratch.write('authority.pem', authority.certPem);

/** The exact command of architecture §2, run on `content` and `signature`. */
function opensslVerify(content: Buffer, signature: Buffer, name = 'results.json') {
  const contentFile = scratch.write(name, content);
  const signatureFile = scratch.write(`${name}.p7s`, signature);
  return openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', contentFile, '-in', signatureFile, '-CAfile', authorityFile, '-out', '/dev/null']);
}

const results = Buffer.from('{"centre":"0123456A","candidats":[{"nom":"Lefèvre","pix":512}]}');

describe('signDetached, checked by openssl cms -verify (architecture §2)', () => {
  const signature = signDetached(results, signer);

  it('verifies with the standard command, without -purpose', () => {
    const run = opensslVerify(results, signature);
    expect(run.stderr).toContain('Verification successful');
    expect(run.status).toBe(0);
  });

  it('fails in openssl when one byte of the content changes', () => {
    const changed = Buffer.from(results);
    changed.writeUInt8(changed.readUInt8(10) ^ 0x01, 10);
    const run = opensslVerify(changed, signature);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('content verify error');
  });

  it('fails in openssl against another authority', () => {
    const otherFile = scratch.write('other.pem', createAuthority({ commonName: 'Autorité de test', validDays: 10 }).certPem);
    const contentFile = scratch.write('r.json', results);
    const signatureFile = scratch.write('r.json.p7s', signature);
    const run = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', contentFile, '-in', signatureFile, '-CAfile', otherFile, '-out', '/dev/null']);
    expect(run.status).not.toBe(0);
  });

  it('is detached, SHA-256, with contentType, messageDigest, signingTime and the signer plus its chain', () => {
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER'], signature).stdout;
    expect(printed).toContain('eContent: <ABSENT>');
    expect(printed).toContain('algorithm: sha256 (2.16.840.1.101.3.4.2.1)');
    expect(printed).toContain('object: contentType (1.2.840.113549.1.9.3)');
    expect(printed).toContain('object: messageDigest (1.2.840.113549.1.9.4)');
    expect(printed).toContain('object: signingTime (1.2.840.113549.1.9.5)');
    expect(printed.match(/d\.certificate:/g)).toHaveLength(2);
  });

  it('its messageDigest is the SHA-256 openssl computes for the content', () => {
    const digest = openssl(['dgst', '-sha256', '-r'], results).stdout.slice(0, 64);
    const parsed = openssl(['asn1parse', '-inform', 'DER'], signature).stdout;
    const hex = /:messageDigest\n.*\n.*OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/.exec(parsed)?.[1];
    expect(hex?.toLowerCase()).toBe(digest);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the signing time given', () => {
    const at = signDetached(results, signer, { signingTime: new Date('2026-06-15T09:30:00Z') });
    expect(openssl(['cms', '-cmsout', '-print', '-inform', 'DER'], at).stdout).toContain('UTCTIME:Jun 15 09:30:00 2026 GMT');
  });

  it('signs binary content byte for byte (every byte value, no text conversion)', () => {
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    expect(opensslVerify(binary, signDetached(binary, signer), 'bundle.bin').status).toBe(0);
  });

  it('signs an empty content', () => {
    const empty = Buffer.alloc(0);
    expect(opensslVerify(empty, signDetached(empty, signer), 'empty.json').status).toBe(0);
  });
});
