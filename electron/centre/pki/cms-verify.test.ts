import fc from 'fast-check';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuthority, fingerprintSha256, issueCentreCertificate, issueSigningCertificate } from './certificates';
import { signDetached } from './cms-sign';
import { verifyDetached } from './cms-verify';
import { openssl, scratchDir } from './test-openssl';

const scratch = scratchDir();
afterAll(() => scratch.remove());

const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const signer = { ...centre, chainPems: [authority.certPem] };
const files = {
  authority: scratch.write('authority.pem', authority.certPem),
  authorityKey: scratch.write('authority.key', authority.keyPem),
  centre: scratch.write('centre.pem', centre.certPem),
  centreKey: scratch.write('centre.key', centre.keyPem),
};
const results = Buffer.from('{"centre":"0123456A","candidats":[{"nom":"Lefèvre","pix":512}]}');
const resultsFile = scratch.write('results.json', results);
const signature = signDetached(results, signer);

const NOT_FROM_AUTHORITY = 'le certificat du signataire n’est pas émis par l’autorité de confiance (CN=Autorité de test)';
const CONTENT_MISMATCH = 'la signature ne correspond pas au contenu : son empreinte SHA-256 diffère (le fichier a été modifié ou ce n’est pas le bon fichier)';

/** Signs results.json with `openssl cms -sign` (the independent implementation) and returns the DER. */
function opensslSign(extra: string[]): Buffer {
  const out = `${scratch.dir}/openssl.p7s`;
  const run = openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-outform', 'DER', '-in', resultsFile, '-signer', files.centre, '-inkey', files.centreKey, '-out', out, ...extra]);
  expect(run.stderr).toBe('');
  return fs.readFileSync(out);
}

function reasonOf(result: ReturnType<typeof verifyDetached>): string {
  return result.ok ? 'accepted' : result.reason;
}

describe('verifyDetached: what a valid signature gives', () => {
  it('accepts our own signature and names the signer', () => {
    const result = verifyDetached(results, signature, authority.certPem);
    expect(result).toEqual({
      ok: true,
      signer: expect.objectContaining({ subject: 'O=Lycée Érable, CN=0123456A', fingerprint: fingerprintSha256(centre.certPem) }),
    });
  });

  it('reports the signing time and validity dates given at signing', () => {
    const at = new Date('2020-06-15T09:30:00Z');
    const result = verifyDetached(results, signDetached(results, signer, { signingTime: new Date(Date.now() - 60_000) }), authority.certPem);
    expect(result.ok && Date.parse(result.signer.notAfter) - Date.parse(result.signer.notBefore)).toBe(365 * 86_400_000);
    const old = verifyDetached(results, signDetached(results, signer, { signingTime: at }), authority.certPem);
    expect(reasonOf(old)).toMatch(/^signé le 15\/06\/2020 à 09:30 UTC, hors de la période de validité/);
  });

  it('accepts a detached signature made by openssl cms -sign (issuer and serial)', () => {
    expect(reasonOf(verifyDetached(results, opensslSign([]), authority.certPem))).toBe('accepted');
  });

  it('accepts an openssl signature that names its signer by subject key identifier (-keyid)', () => {
    expect(reasonOf(verifyDetached(results, opensslSign(['-keyid']), authority.certPem))).toBe('accepted');
  });

  it('accepts an openssl signature without signed attributes (-noattr), and refuses it on other content', () => {
    const bare = opensslSign(['-noattr']);
    expect(reasonOf(verifyDetached(results, bare, authority.certPem))).toBe('accepted');
    expect(reasonOf(verifyDetached(Buffer.from('autre'), bare, authority.certPem))).toMatch(/^la signature ne correspond pas au contenu/);
  });
});

describe('verifyDetached: content and signature tampering', () => {
  it('refuses when one byte of the content changes, like openssl', () => {
    const changed = Buffer.from(results);
    changed.writeUInt8(changed.readUInt8(0) ^ 0x20, 0);
    expect(reasonOf(verifyDetached(changed, signature, authority.certPem))).toBe(CONTENT_MISMATCH);
    const changedFile = scratch.write('changed.json', changed);
    const signatureFile = scratch.write('results.json.p7s', signature);
    expect(openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', changedFile, '-in', signatureFile, '-CAfile', files.authority, '-out', '/dev/null']).status).not.toBe(0);
  });

  it('property: any single changed byte of the content is refused', () => {
    fc.assert(fc.property(fc.nat({ max: results.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, mask) => {
      const changed = Buffer.from(results);
      changed[index] = (changed[index] ?? 0) ^ mask;
      expect(reasonOf(verifyDetached(changed, signature, authority.certPem))).toBe(CONTENT_MISMATCH);
    }), { numRuns: 30 });
  });

  it('refuses an edited signed attribute (signing time), like openssl', () => {
    const edited = Buffer.from(signature);
    const oid = Buffer.from('06092a864886f70d010905', 'hex'); // signingTime
    const at = edited.indexOf(oid) + oid.length + 2 + 2 + 11; // SET header, UTCTime header, second digit of seconds
    edited[at] = edited[at] === 0x30 ? 0x31 : 0x30;
    expect(reasonOf(verifyDetached(results, edited, authority.certPem))).toBe('signature invalide : elle n’a pas été produite par la clé du certificat du signataire, ou les attributs signés ont été modifiés');
    const editedFile = scratch.write('edited.p7s', edited);
    expect(openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', resultsFile, '-in', editedFile, '-CAfile', files.authority, '-out', '/dev/null']).status).not.toBe(0);
  });

  it('says the file is unreadable when it is not CMS', () => {
    expect(reasonOf(verifyDetached(results, Buffer.from('pas une signature'), authority.certPem))).toMatch(/^fichier de signature illisible \(/);
    const pem = Buffer.from(`-----BEGIN PKCS7-----\n${signature.toString('base64')}\n-----END PKCS7-----\n`);
    expect(reasonOf(verifyDetached(results, pem, authority.certPem))).toMatch(/^fichier de signature illisible/);
  });

  it('property: a truncated signature is never accepted', () => {
    fc.assert(fc.property(fc.nat({ max: signature.length - 1 }), (length) => {
      expect(verifyDetached(results, signature.subarray(0, length), authority.certPem).ok).toBe(false);
    }), { numRuns: 40 });
  });

  it('property: random byte edits of the signature file never throw', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: signature.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
      const edited = Buffer.from(signature);
      for (const [index, mask] of edits) edited[index] = (edited[index] ?? 0) ^ mask;
      const result = verifyDetached(results, edited, authority.certPem);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 60 });
  });

  it('a damaged public key in the signer’s certificate gives an unreadable file, not a crash', () => {
    const spki = crypto.createPublicKey(centre.certPem).export({ type: 'spki', format: 'der' });
    const at = signature.indexOf(spki);
    expect(at).toBeGreaterThan(0);
    for (let offset = 4; offset < 24; offset += 1) { // the key's AlgorithmIdentifier (rsaEncryption OID)
      const edited = Buffer.from(signature);
      edited.writeUInt8(edited.readUInt8(at + offset) ^ 0x01, at + offset);
      expect(reasonOf(verifyDetached(results, edited, authority.certPem))).not.toBe('accepted');
    }
  });

  it('refuses a signature that carries its content (not detached) and one without the signer’s certificate', () => {
    expect(reasonOf(verifyDetached(results, opensslSign(['-nodetach']), authority.certPem))).toBe('la signature n’est pas détachée : elle contient elle-même un contenu');
    expect(reasonOf(verifyDetached(results, opensslSign(['-nocerts']), authority.certPem))).toBe('le certificat du signataire est absent du fichier de signature');
  });

  it('says the trusted authority certificate is unreadable', () => {
    expect(reasonOf(verifyDetached(results, signature, 'pas un certificat'))).toBe('certificat de l’autorité de confiance illisible');
  });
});

describe('verifyDetached: the chain ends at the trusted authority only', () => {
  it('refuses a signature from another authority, even one with the same name', () => {
    const other = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
    const otherCentre = issueCentreCertificate(other, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
    const foreign = signDetached(results, { ...otherCentre, chainPems: [other.certPem] });
    expect(reasonOf(verifyDetached(results, foreign, other.certPem))).toBe('accepted');
    expect(reasonOf(verifyDetached(results, foreign, authority.certPem))).toBe(NOT_FROM_AUTHORITY);
  });

  it('never takes a certificate carried by the message as trust anchor', () => {
    // a self-signed "authority" with the trusted name, carried in the message, signing the signer's certificate
    const impostor = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
    const impostorCentre = issueCentreCertificate(impostor, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
    const forged = signDetached(results, { ...impostorCentre, chainPems: [impostor.certPem, authority.certPem] });
    expect(reasonOf(verifyDetached(results, forged, authority.certPem))).toBe(NOT_FROM_AUTHORITY);
  });

  it('follows an intermediate CA carried in the message (made by openssl), and refuses without it', () => {
    scratch.write('ext.cnf', '[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    const key = `${scratch.dir}/inter.key`;
    const csr = `${scratch.dir}/inter.csr`;
    const cert = `${scratch.dir}/inter.pem`;
    expect(openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-subj', '/CN=Intermédiaire de test', '-utf8', '-out', csr]).status).toBe(0);
    expect(openssl(['x509', '-req', '-in', csr, '-CA', files.authority, '-CAkey', files.authorityKey, '-set_serial', '4242', '-days', '30', '-extfile', `${scratch.dir}/ext.cnf`, '-extensions', 'v3', '-out', cert]).status).toBe(0);
    const intermediate = { certPem: openssl(['x509', '-in', cert]).stdout, keyPem: openssl(['pkey', '-in', key]).stdout };
    const leaf = issueSigningCertificate(intermediate, { organisation: 'Lycée Érable', commonName: '0123456A', validDays: 10 });
    expect(openssl(['verify', '-CAfile', files.authority, '-untrusted', cert], leaf.certPem).status).toBe(0);
    const withChain = signDetached(results, { ...leaf, chainPems: [intermediate.certPem] });
    expect(reasonOf(verifyDetached(results, withChain, authority.certPem))).toBe('accepted');
    expect(reasonOf(verifyDetached(results, signDetached(results, leaf), authority.certPem))).toBe(NOT_FROM_AUTHORITY);
  });

  it('refuses a signer issued by a certificate that is not a CA (here a centre certificate)', () => {
    const underCentre = issueSigningCertificate(centre, { organisation: 'Faux', commonName: 'faux', validDays: 10 });
    const forged = signDetached(results, { ...underCentre, chainPems: [centre.certPem] });
    expect(reasonOf(verifyDetached(results, forged, authority.certPem))).toBe('le certificat émetteur « O=Lycée Érable, CN=0123456A » n’est pas un certificat d’autorité');
  });

  it('refuses the authority’s root key as a document signer (no digitalSignature usage), like openssl', () => {
    const byRoot = signDetached(results, authority);
    expect(reasonOf(verifyDetached(results, byRoot, authority.certPem))).toBe('le certificat du signataire (CN=Autorité de test) n’autorise pas la signature de documents (usage de la clé)');
    const byRootFile = scratch.write('root.p7s', byRoot);
    expect(openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', resultsFile, '-in', byRootFile, '-CAfile', files.authority, '-out', '/dev/null']).status).not.toBe(0);
  });
});

describe('verifyDetached: validity dates', () => {
  const oldAuthority = createAuthority({ commonName: 'Autorité 2023', validDays: 3650, notBefore: new Date('2023-01-01T00:00:00Z') });
  const expired = issueCentreCertificate(oldAuthority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 30, notBefore: new Date('2024-01-10T08:00:00Z') });
  const signedInTime = signDetached(results, { ...expired, chainPems: [oldAuthority.certPem] }, { signingTime: new Date('2024-01-15T10:00:00Z') });

  it('refuses an expired signer today, with the date, like openssl', () => {
    expect(reasonOf(verifyDetached(results, signedInTime, oldAuthority.certPem))).toBe('certificat expiré le 09/02/2024 à 08:00 UTC (O=Lycée Érable, CN=0123456A)');
    const ca = scratch.write('old.pem', oldAuthority.certPem);
    const sig = scratch.write('expired.p7s', signedInTime);
    const run = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', resultsFile, '-in', sig, '-CAfile', ca, '-out', '/dev/null']);
    expect(run.stderr).toContain('certificate has expired');
    const attime = String(Date.parse('2024-01-20T00:00:00Z') / 1000);
    expect(openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', resultsFile, '-in', sig, '-CAfile', ca, '-attime', attime, '-out', '/dev/null']).status).toBe(0);
  });

  it('accepts it when checked at a date inside its validity (option at), as openssl -attime does', () => {
    expect(reasonOf(verifyDetached(results, signedInTime, oldAuthority.certPem, { at: new Date('2024-01-20T00:00:00Z') }))).toBe('accepted');
  });

  it('refuses a certificate not yet valid at the date checked', () => {
    expect(reasonOf(verifyDetached(results, signedInTime, oldAuthority.certPem, { at: new Date('2024-01-01T00:00:00Z') })))
      .toBe('certificat pas encore valide : valide à partir du 10/01/2024 à 08:00 UTC (O=Lycée Érable, CN=0123456A)');
  });

  it('refuses a signing time claimed outside the signer’s validity', () => {
    const late = signDetached(results, { ...expired, chainPems: [oldAuthority.certPem] }, { signingTime: new Date('2024-03-01T00:00:00Z') });
    expect(reasonOf(verifyDetached(results, late, oldAuthority.certPem, { at: new Date('2024-01-20T00:00:00Z') })))
      .toBe('signé le 01/03/2024 à 00:00 UTC, hors de la période de validité du certificat du signataire (10/01/2024 à 08:00 UTC – 09/02/2024 à 08:00 UTC)');
  });
});
