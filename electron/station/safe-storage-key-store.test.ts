import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CENTRE_KEY_FILE, createFileKeyStore } from '../centre/signing/centre-key-store';
import { createAuthority, issueCentreCertificate } from '../centre/pki/certificates';
import { openssl } from '../centre/pki/test-openssl';
import { createSafeStorageKeyStore, KEYCHAIN_KEY_FILE } from './safe-storage-key-store';
import { testKeychain } from './testing/keychain';

/** Architecture §2 — the station shell's key store: passphrase-encrypted PKCS#8, sealed by the OS keychain. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-keychain-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const now = new Date();
const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const signer = { certPem: centre.certPem, keyPem: centre.keyPem, chainPems: [authority.certPem] };
const passphrase = 'phrase de passe du centre';
const folder = (name: string) => { const d = path.join(dir, name); fs.mkdirSync(d); return d; };

describe('createSafeStorageKeyStore', () => {
  it('keeps nothing readable: no clear key, no passphrase-encrypted PEM, only what the keychain sealed; 0600, atomic', () => {
    const data = folder('sealed');
    const keychain = testKeychain();
    const store = createSafeStorageKeyStore(data, keychain, 'linux');
    expect(store.info()).toBeNull();
    expect(store.load(passphrase)).toMatchObject({ ok: false, error: { code: 'noCentreKey' } });

    const saved = store.save(signer, passphrase, now);
    expect(saved).toMatchObject({ ok: true, value: { subject: 'O=Lycée Érable, CN=0123456A', importedAt: now.toISOString() } });
    expect(keychain.sealed).toBe(1);
    expect(fs.readdirSync(data)).toEqual([KEYCHAIN_KEY_FILE]);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(data, KEYCHAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(path.join(data, KEYCHAIN_KEY_FILE), 'utf8');
    expect(text).not.toContain('PRIVATE KEY');
    const clearDer = crypto.createPrivateKey(centre.keyPem).export({ type: 'pkcs8', format: 'der' });
    for (let at = 0; at + 48 <= clearDer.length; at += 48) {
      expect(text).not.toContain(clearDer.subarray(at, at + 48).toString('base64'));
      expect(text).not.toContain(clearDer.subarray(at, at + 48).toString('hex'));
    }
    // Unsealed by the keychain, the key is the passphrase-encrypted PKCS#8 OpenSSL opens with the passphrase only.
    const unsealed = keychain.decryptString(Buffer.from(JSON.parse(text).sealedKey, 'base64'));
    const keyFile = path.join(dir, 'unsealed.pem');
    fs.writeFileSync(keyFile, unsealed);
    const opened = openssl(['pkey', '-in', keyFile, '-passin', `pass:${passphrase}`]);
    expect(opened.status).toBe(0);
    expect(crypto.createPrivateKey(opened.stdout).export({ type: 'pkcs8', format: 'der' }).equals(clearDer)).toBe(true);
    expect(openssl(['pkey', '-in', keyFile, '-passin', 'pass:faux']).status).not.toBe(0);

    expect(store.load(passphrase)).toEqual({ ok: true, value: signer });
    expect(store.load('phrase de passe du centrE')).toMatchObject({ ok: false, error: { code: 'passphraseWrong', field: 'passphrase' } });
    expect(createSafeStorageKeyStore(data, keychain, 'linux').info()).toEqual(saved.ok && saved.value);
  });

  it('refuses in French, writing nothing, when the keychain is unavailable or is Linux’s basic_text', () => {
    const data = folder('refused');
    const keychain = testKeychain();
    keychain.available = false;
    const refused = createSafeStorageKeyStore(data, keychain, 'win32').save(signer, passphrase, now);
    expect(refused).toMatchObject({ ok: false, error: { code: 'keyStoreUnavailable' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Le trousseau du système n’est pas disponible sur ce poste/);
    keychain.available = true;
    keychain.backend = 'basic_text';
    const basic = createSafeStorageKeyStore(data, keychain, 'linux').save(signer, passphrase, now);
    expect(!basic.ok && basic.error).toMatchObject({ code: 'keyStoreUnavailable', message: expect.stringContaining('GNOME Keyring, KWallet') });
    // basic_text means nothing on Windows or macOS (the backend is Linux's): there the keychain is used.
    expect(createSafeStorageKeyStore(folder('darwin'), keychain, 'darwin').save(signer, passphrase, now).ok).toBe(true);
    expect(fs.readdirSync(data)).toEqual([]);
    expect(keychain.sealed).toBe(1);
  });

  it('a key sealed elsewhere (another account, another machine) or a locked keychain: keyStoreUnavailable, not a wrong passphrase', () => {
    const data = folder('elsewhere');
    expect(createSafeStorageKeyStore(data, testKeychain(), 'linux').save(signer, passphrase, now).ok).toBe(true);
    const other = createSafeStorageKeyStore(data, testKeychain(), 'linux').load(passphrase);
    expect(!other.ok && other.error).toMatchObject({ code: 'keyStoreUnavailable', message: expect.stringContaining('Importez de nouveau le fichier PKCS#12') });
    const locked = testKeychain();
    locked.available = false;
    expect(createSafeStorageKeyStore(data, locked, 'linux').load(passphrase)).toMatchObject({ ok: false, error: { code: 'keyStoreUnavailable' } });
  });

  it('replaces a key the headless store kept in the same data folder (no weaker copy left), and a new import replaces the old', () => {
    const data = folder('replace');
    expect(createFileKeyStore(data).save(signer, 'ancienne', now).ok).toBe(true);
    const keychain = testKeychain();
    const store = createSafeStorageKeyStore(data, keychain, 'linux');
    expect(store.save(signer, passphrase, now).ok).toBe(true);
    expect(fs.readdirSync(data)).toEqual([KEYCHAIN_KEY_FILE]);
    expect(fs.existsSync(path.join(data, CENTRE_KEY_FILE))).toBe(false);
    const next = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
    expect(store.save({ certPem: next.certPem, keyPem: next.keyPem, chainPems: [] }, 'autre phrase', now).ok).toBe(true);
    expect(store.load(passphrase)).toMatchObject({ ok: false, error: { code: 'passphraseWrong' } });
    expect(store.load('autre phrase')).toEqual({ ok: true, value: { certPem: next.certPem, keyPem: next.keyPem, chainPems: [] } });
  });
});
