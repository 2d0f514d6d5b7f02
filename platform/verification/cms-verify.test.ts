import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { createRootCertificate, describeCertificate, issueSigningCertificate, reusableName } from '../authority/certificate-issuance';
import { signDetached } from '../signing/cms-sign';
import { openssl } from '../testing/openssl';
import { judgeCentreCertificate } from './centre-trust';
import { verifyDetachedCms } from './cms-verify';

// The platform's own CMS reader, against signatures OpenSSL wrote (an oracle this project did not write) and the
// platform's signer; every single flipped byte of a signature or of the content is refused, never thrown.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-platform-cms-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const authority = createRootCertificate('Autorité de test', { days: 3650 });
const centre = issueSigningCertificate(authority, { organisation: 'Lycée Érable', commonName: '0123456A' }, { days: 30 });
const content = Buffer.from('{"format":"passation/results","é":1}', 'utf8');
const file = (name: string, bytes: string | Buffer) => {
  const p = path.join(scratch, name);
  fs.writeFileSync(p, bytes);
  return p;
};

describe('verifyDetachedCms', () => {
  it('accepts a detached signature written by openssl cms -sign, and names the signer', () => {
    const out = path.join(scratch, 'openssl.p7s');
    const signed = openssl(['cms', '-sign', '-binary', '-outform', 'DER', '-md', 'sha256', '-in', file('c.json', content), '-signer', file('c.pem', centre.certPem),
      '-inkey', file('k.pem', centre.keyPem), '-certfile', file('a.pem', authority.certPem), '-out', out]);
    expect(signed.status, signed.stderr).toBe(0);
    const verified = verifyDetachedCms(content, fs.readFileSync(out));
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.value.certificate.subject).toContain('CN=0123456A');
    expect(verified.value.signingTime).not.toBeNull();
    expect(verified.value.certificates).toHaveLength(2);
    const trusted = judgeCentreCertificate(verified.value.certificate, new crypto.X509Certificate(authority.certPem), { issued: null, revocation: null, centre: null }, new Date());
    expect(trusted).toEqual({ ok: false, error: expect.stringContaining('n’est pas un certificat de centre enregistré') });
  });

  it('a signature the platform writes is one openssl verifies, and one it reads back', () => {
    const signature = signDetached(content, { certPem: centre.certPem, keyPem: centre.keyPem, authorityPem: authority.certPem }, new Date());
    const checked = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', file('c2.json', content), '-in', file('s2.p7s', signature), '-CAfile', file('a2.pem', authority.certPem), '-purpose', 'any', '-out', '/dev/null']);
    expect(checked.stderr).toContain('Verification successful');
    expect(verifyDetachedCms(content, signature).ok).toBe(true);
    expect(verifyDetachedCms(Buffer.concat([content, Buffer.from(' ')]), signature)).toEqual({ ok: false, error: expect.stringContaining('empreinte SHA-256 diffère') });
  });

  it('writes exactly the bytes node-forge’s PKCS#7 builder gives (an implementation this project did not write), for any content and signing time', () => {
    const signer = { certPem: centre.certPem, keyPem: centre.keyPem, authorityPem: authority.certPem };
    const certificate = forge.pki.certificateFromPem(centre.certPem);
    const forgeKey = forge.pki.privateKeyFromPem(centre.keyPem);
    const bySigner = (bytes: Buffer, at: Date) => {
      // The same SignedData signed by forge with its own key object: PKCS#1 v1.5 is deterministic, so equal bytes.
      const p7 = forge.pkcs7.createSignedData();
      p7.content = forge.util.createBuffer(bytes.toString('binary'));
      p7.addCertificate(certificate);
      p7.addCertificate(forge.pki.certificateFromPem(authority.certPem));
      p7.addSigner({
        key: forgeKey, issuer: reusableName(certificate.issuer.attributes), serialNumber: certificate.serialNumber,
        digestAlgorithm: forge.pki.oids.sha256!,
        authenticatedAttributes: [
          { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
          { type: forge.pki.oids.messageDigest! },
          { type: forge.pki.oids.signingTime!, value: at },
        ],
      } as unknown as Parameters<typeof p7.addSigner>[0]);
      p7.sign({ detached: true });
      return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
    };
    // Signing times on both sides of RFC 5652's UTCTime window (1950–2049: GeneralizedTime outside), whole seconds
    // as forge writes them; contents from empty to past the 128- and 256-byte length forms, and a real-sized one.
    const times = fc.integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31) / 1000 }).map((s) => new Date(s * 1000));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), times, (bytes, at) => {
      expect(signDetached(Buffer.from(bytes), signer, at).equals(bySigner(Buffer.from(bytes), at))).toBe(true);
    }), { numRuns: 25 });
    for (const at of [new Date('1949-12-31T23:59:59Z'), new Date('1950-01-01T00:00:00Z'), new Date('2049-12-31T23:59:59Z'), new Date('2050-01-01T00:00:00Z')]) {
      expect(signDetached(content, signer, at).equals(bySigner(content, at)), at.toISOString()).toBe(true);
    }
    const large = crypto.randomBytes(70_000);
    expect(signDetached(large, signer, new Date('2026-12-01T10:00:00Z')).equals(bySigner(large, new Date('2026-12-01T10:00:00Z')))).toBe(true);
  });

  it('any one flipped byte of the signature or of the content is refused with a reason, never thrown', () => {
    const signature = signDetached(content, { certPem: centre.certPem, keyPem: centre.keyPem, authorityPem: authority.certPem }, new Date());
    const centreX509 = new crypto.X509Certificate(centre.certPem);
    const authorityX509 = new crypto.X509Certificate(authority.certPem);
    const now = new Date().toISOString();
    const recorded = {
      issued: { ...describeCertificate(centre.certPem), kind: 'centre' as const, centreId: '0123456A', certificatePem: centre.certPem, issuedAt: now },
      revocation: null,
      centre: { centreId: '0123456A', name: 'Lycée Érable', createdAt: now },
    };
    expect(judgeCentreCertificate(centreX509, authorityX509, recorded, new Date()).ok).toBe(true);
    fc.assert(fc.property(fc.nat(signature.length - 1), fc.integer({ min: 1, max: 255 }), (at, mask) => {
      const tampered = Buffer.from(signature);
      tampered[at] = tampered[at]! ^ mask;
      const verified = verifyDetachedCms(content, tampered);
      if (!verified.ok) {
        expect(verified.error.length).toBeGreaterThan(10);
        return;
      }
      // A flip outside what the signer's key covers (a certificate's own signature, the authority's copy) can leave the
      // CMS proof intact: then the certificate is no longer the recorded one, and trust refuses it.
      if (verified.value.certificate.raw.equals(centreX509.raw)) return;
      expect(judgeCentreCertificate(verified.value.certificate, authorityX509, recorded, new Date()).ok).toBe(false);
    }), { numRuns: 400 });
    fc.assert(fc.property(fc.nat(content.length - 1), fc.integer({ min: 1, max: 255 }), (at, mask) => {
      const tampered = Buffer.from(content);
      tampered[at] = tampered[at]! ^ mask;
      expect(verifyDetachedCms(tampered, signature).ok).toBe(false);
    }), { numRuns: 200 });
  });
});
