import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuthority, issueCentreCertificate } from './certificates';
import { exportPkcs12, importPkcs12 } from './pkcs12';
import { openssl, scratchDir } from './test-openssl';

const scratch = scratchDir();
afterAll(() => scratch.remove());

const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const files = {
  authority: scratch.write('authority.pem', authority.certPem),
  centre: scratch.write('centre.pem', centre.certPem),
  centreKey: scratch.write('centre.key', centre.keyPem),
};
const PASSWORD = 'Mot-de-passe-2026';
const ACCENTED = 'clé élève ½';
const p12 = exportPkcs12({ ...centre, chainPems: [authority.certPem] }, PASSWORD);

/** RSA modulus as openssl prints it, for comparing keys without our code. */
function modulus(args: string[], input?: string): string {
  return openssl(args, input).stdout.trim();
}

describe('exportPkcs12 / importPkcs12', () => {
  it('round trip gives back the same certificate, key and chain', () => {
    expect(importPkcs12(p12, PASSWORD)).toEqual({ ok: true, certPem: centre.certPem, keyPem: centre.keyPem, chainPems: [authority.certPem] });
  });

  it('a wrong password is named as such', () => {
    expect(importPkcs12(p12, 'mot-de-passe-2026')).toEqual({ ok: false, problem: 'wrongPassword', reason: 'mot de passe du fichier PKCS#12 incorrect' });
  });

  it('a file that is not PKCS#12 is unreadable', () => {
    expect(importPkcs12(Buffer.from('bonjour'), PASSWORD)).toEqual({ ok: false, problem: 'unreadable', reason: 'fichier PKCS#12 illisible (ou chiffré avec un algorithme non pris en charge)' });
  });

  it('openssl 3 reads our file without -legacy: certificates, then the key, which is the centre’s', () => {
    const file = scratch.write('centre.p12', p12);
    const info = openssl(['pkcs12', '-in', file, '-passin', `pass:${PASSWORD}`, '-info', '-nokeys']);
    expect(info.status).toBe(0);
    expect(info.stderr).toContain('MAC: sha256');
    expect(info.stderr).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
    expect(info.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const key = openssl(['pkcs12', '-in', file, '-passin', `pass:${PASSWORD}`, '-nocerts', '-nodes']).stdout;
    expect(modulus(['rsa', '-noout', '-modulus'], key)).toBe(modulus(['rsa', '-noout', '-modulus', '-in', files.centreKey]));
    expect(openssl(['pkcs12', '-in', file, '-passin', 'pass:faux', '-nokeys']).status).not.toBe(0);
  });

  it('an accented password works the same in openssl and here, both ways', () => {
    const ours = scratch.write('accent.p12', exportPkcs12({ ...centre, chainPems: [authority.certPem] }, ACCENTED));
    const key = openssl(['pkcs12', '-in', ours, '-passin', `pass:${ACCENTED}`, '-nocerts', '-nodes']);
    expect(key.status).toBe(0);
    expect(modulus(['rsa', '-noout', '-modulus'], key.stdout)).toBe(modulus(['rsa', '-noout', '-modulus', '-in', files.centreKey]));

    for (const legacy of [[], ['-legacy']]) {
      const theirs = `${scratch.dir}/openssl${legacy.join('')}.p12`;
      expect(openssl(['pkcs12', '-export', ...legacy, '-in', files.centre, '-inkey', files.centreKey, '-certfile', files.authority, '-passout', `pass:${ACCENTED}`, '-out', theirs]).status).toBe(0);
      const imported = importPkcs12(fs.readFileSync(theirs), ACCENTED);
      expect(imported.ok && imported.keyPem).toBe(centre.keyPem);
      expect(imported.ok && imported.chainPems).toEqual([authority.certPem]);
      expect(importPkcs12(fs.readFileSync(theirs), 'cle eleve')).toEqual({ ok: false, problem: 'wrongPassword', reason: 'mot de passe du fichier PKCS#12 incorrect' });
    }
  });

  it('a file without key, or without certificate, says what is missing', () => {
    const noKey = `${scratch.dir}/nokey.p12`;
    expect(openssl(['pkcs12', '-export', '-nokeys', '-in', files.centre, '-passout', `pass:${PASSWORD}`, '-out', noKey]).status).toBe(0);
    expect(importPkcs12(fs.readFileSync(noKey), PASSWORD)).toEqual({ ok: false, problem: 'noKey', reason: 'le fichier PKCS#12 ne contient pas de clé privée' });
    const noCert = `${scratch.dir}/nocert.p12`;
    expect(openssl(['pkcs12', '-export', '-nocerts', '-inkey', files.centreKey, '-passout', `pass:${PASSWORD}`, '-out', noCert]).status).toBe(0);
    expect(importPkcs12(fs.readFileSync(noCert), PASSWORD)).toEqual({ ok: false, problem: 'noCertificate', reason: 'le fichier PKCS#12 ne contient pas de certificat' });
  });

  it('a file whose certificate is not the key’s is refused', () => {
    const mismatched = exportPkcs12({ certPem: authority.certPem, keyPem: centre.keyPem }, PASSWORD);
    expect(importPkcs12(mismatched, PASSWORD)).toEqual({ ok: false, problem: 'keyMismatch', reason: 'aucun certificat du fichier PKCS#12 ne correspond à sa clé privée' });
  });
});
