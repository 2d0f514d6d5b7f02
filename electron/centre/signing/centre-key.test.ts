import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuthority, issueCentreCertificate } from '../pki/certificates';
import { exportPkcs12 } from '../pki/pkcs12';
import { openssl, scratchDir } from '../pki/test-openssl';
import { readCentreKey } from './centre-key-import';
import { CENTRE_KEY_FILE, createFileKeyStore } from './centre-key-store';

/** The centre's PKCS#12, checked before it is kept, and the headless key store (architecture §2). */
const scratch = scratchDir();
afterAll(() => scratch.remove());

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
const PASSWORD = 'Mot-de-passe-2026';
const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const p12 = (c: { certPem: string; keyPem: string }, chain = [authority.certPem], password = PASSWORD) => exportPkcs12({ ...c, chainPems: chain }, password);

describe('readCentreKey — the PKCS#12 and its certificate, before anything is kept', () => {
  it('accepts the centre’s file: its certificate, key and chain', () => {
    const read = readCentreKey(p12(centre), PASSWORD, authority.certPem, now);
    expect(read).toEqual({ ok: true, value: { certPem: centre.certPem, keyPem: centre.keyPem, chainPems: [authority.certPem] } });
  });

  it('refuses a wrong password, a damaged file, a key that is not the certificate’s, each with its code', () => {
    expect(readCentreKey(p12(centre), 'mot-de-passe-2026', authority.certPem, now)).toMatchObject({ ok: false, error: {
      code: 'keyPasswordWrong', field: 'password', message: 'Fichier PKCS#12 refusé : mot de passe du fichier PKCS#12 incorrect.' } });
    expect(readCentreKey(Buffer.from('pas un PKCS#12'), PASSWORD, authority.certPem, now)).toMatchObject({ ok: false, error: { code: 'pkcs12Unreadable', field: 'pkcs12' } });
    const other = issueCentreCertificate(authority, { centreName: 'Autre', centreId: 'X', validDays: 365 });
    const mismatched = exportPkcs12({ certPem: centre.certPem, keyPem: other.keyPem }, PASSWORD);
    expect(readCentreKey(mismatched, PASSWORD, authority.certPem, now)).toMatchObject({ ok: false, error: {
      code: 'keyMismatch', message: 'Fichier PKCS#12 refusé : aucun certificat du fichier PKCS#12 ne correspond à sa clé privée.' } });
  });

  it('refuses an expired certificate and one not valid yet, with the date', () => {
    const expired = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 10, notBefore: new Date(now.getTime() - 30 * DAY) });
    const refused = readCentreKey(p12(expired), PASSWORD, authority.certPem, now);
    expect(refused).toMatchObject({ ok: false, error: { code: 'certificateExpired' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Certificat du centre expiré le \d\d\/\d\d\/\d{4} à \d\d:\d\d UTC \(O=Lycée Érable, CN=0123456A\)/);
    const early = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365, notBefore: new Date(now.getTime() + 2 * DAY) });
    const notYet = readCentreKey(p12(early), PASSWORD, authority.certPem, now);
    expect(notYet).toMatchObject({ ok: false, error: { code: 'certificateNotYetValid' } });
    expect(!notYet.ok && notYet.error.message).toContain('Vérifiez l’horloge du poste.');
    // The same file is accepted once its time has come.
    expect(readCentreKey(p12(early), PASSWORD, authority.certPem, new Date(now.getTime() + 3 * DAY)).ok).toBe(true);
  });

  it('refuses a certificate of another authority, even when that authority travels in the file', () => {
    const rogue = createAuthority({ commonName: 'Autorité de test', validDays: 3650 }); // same name, other key
    const forged = issueCentreCertificate(rogue, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
    const refused = readCentreKey(p12(forged, [rogue.certPem]), PASSWORD, authority.certPem, now);
    expect(refused).toMatchObject({ ok: false, error: { code: 'certificateUntrusted', field: 'pkcs12' } });
    expect(!refused.ok && refused.error.message).toBe('Certificat du centre refusé : le certificat du signataire n’est pas émis par l’autorité de confiance (CN=Autorité de test).');
  });
});

describe('createFileKeyStore — the headless store', () => {
  const dir = path.join(scratch.dir, 'data');
  fs.mkdirSync(dir);
  const store = createFileKeyStore(dir);
  const file = path.join(dir, CENTRE_KEY_FILE);
  const passphrase = 'phrase de passe élève';

  it('has nothing before an import', () => {
    expect(store.info()).toBeNull();
    expect(store.load(passphrase)).toMatchObject({ ok: false, error: { code: 'noCentreKey' } });
  });

  it('keeps the key encrypted (owner-only file, no clear key in it) and gives it back with the passphrase', () => {
    const saved = store.save({ certPem: centre.certPem, keyPem: centre.keyPem, chainPems: [authority.certPem] }, passphrase, now);
    if (!saved.ok) throw new Error(saved.error.message);
    const info = saved.value;
    expect(info).toEqual({
      subject: 'O=Lycée Érable, CN=0123456A', issuer: 'CN=Autorité de test',
      serialNumber: new crypto.X509Certificate(centre.certPem).serialNumber.toLowerCase(),
      notBefore: new Date(new crypto.X509Certificate(centre.certPem).validFrom).toISOString(),
      notAfter: new Date(new crypto.X509Certificate(centre.certPem).validTo).toISOString(),
      fingerprint: openssl(['x509', '-noout', '-fingerprint', '-sha256'], centre.certPem).stdout.trim().replace(/^.*Fingerprint=/i, ''),
      importedAt: now.toISOString(),
    });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    const clearDer = crypto.createPrivateKey(centre.keyPem).export({ type: 'pkcs8', format: 'der' });
    expect(text).not.toContain('BEGIN PRIVATE KEY');
    // No run of 48 bytes of the clear key, in base64 or hex, anywhere in the file.
    for (let at = 0; at + 48 <= clearDer.length; at += 48) {
      expect(text).not.toContain(clearDer.subarray(at, at + 48).toString('base64'));
      expect(text).not.toContain(clearDer.subarray(at, at + 48).toString('hex'));
    }
    // OpenSSL opens the stored key with the passphrase (an oracle that is not our code), and only with it.
    const encrypted = JSON.parse(text).encryptedKeyPem as string;
    const keyFile = scratch.write('stored.pem', encrypted);
    const opened = openssl(['pkey', '-in', keyFile, '-passin', `pass:${passphrase}`]);
    expect(opened.status).toBe(0);
    expect(crypto.createPrivateKey(opened.stdout).export({ type: 'pkcs8', format: 'der' }).equals(clearDer)).toBe(true);
    expect(openssl(['pkey', '-in', keyFile, '-passin', 'pass:faux']).status).not.toBe(0);

    expect(store.load(passphrase)).toEqual({ ok: true, value: { certPem: centre.certPem, keyPem: centre.keyPem, chainPems: [authority.certPem] } });
    expect(store.load('phrase de passe eleve')).toMatchObject({ ok: false, error: { code: 'passphraseWrong', field: 'passphrase', message: 'Phrase de passe de la clé du centre incorrecte.' } });
    expect(createFileKeyStore(dir).info()).toEqual(info);
  });

  it('a new import replaces the key whole; no temporary file is left behind', () => {
    const next = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
    expect(store.save({ certPem: next.certPem, keyPem: next.keyPem, chainPems: [] }, 'autre phrase', now).ok).toBe(true);
    expect(store.load(passphrase)).toMatchObject({ ok: false, error: { code: 'passphraseWrong' } });
    expect(store.load('autre phrase')).toEqual({ ok: true, value: { certPem: next.certPem, keyPem: next.keyPem, chainPems: [] } });
    expect(fs.readdirSync(dir)).toEqual([CENTRE_KEY_FILE]);
  });
});
