import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';
import { openssl, scratchDir } from './test-openssl';

const scratch = scratchDir();
afterAll(() => scratch.remove());

const keyPem = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PASSPHRASE = 'une phrase de passe assez longue, accentuée';
const encrypted = encryptPrivateKey(keyPem, PASSPHRASE);

describe('encryptPrivateKey / decryptPrivateKey (architecture §2, headless storage at rest)', () => {
  it('writes an encrypted PKCS#8 PEM that no longer contains the key', () => {
    expect(encrypted).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\r?\n/);
    const body = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(body(encrypted).includes(body(keyPem).subarray(40, 72))).toBe(false);
  });

  it('round trip with the right passphrase', () => {
    expect(decryptPrivateKey(encrypted, PASSPHRASE)).toEqual({ ok: true, keyPem });
  });

  it('a wrong passphrase is named', () => {
    expect(decryptPrivateKey(encrypted, 'une phrase de passe assez longue, accentuee')).toEqual({ ok: false, reason: 'phrase de passe incorrecte (ou clé chiffrée endommagée)' });
  });

  it('an unencrypted key is not taken for an encrypted one', () => {
    expect(decryptPrivateKey(keyPem, PASSPHRASE)).toEqual({ ok: false, reason: 'ce fichier n’est pas une clé privée chiffrée (PKCS#8 « ENCRYPTED PRIVATE KEY » attendu)' });
  });

  it('openssl decrypts it: PBES2, PBKDF2 with HMAC-SHA256 at 600000 iterations, AES-256-CBC', () => {
    const file = scratch.write('key.enc.pem', encrypted);
    const parsed = openssl(['asn1parse', '-in', file]).stdout;
    expect(parsed).toContain(':PBES2');
    expect(parsed).toContain(':PBKDF2');
    expect(parsed).toMatch(/INTEGER\s+:0927C0\n/); // 600000
    expect(parsed).toContain(':hmacWithSHA256');
    expect(parsed).toContain(':aes-256-cbc');
    const decrypted = openssl(['pkey', '-in', file, '-passin', `pass:${PASSPHRASE}`]);
    expect(decrypted.stdout).toBe(keyPem);
    expect(openssl(['pkey', '-in', file, '-passin', 'pass:faux']).status).not.toBe(0);
  });

  it('decrypts a key encrypted by openssl', () => {
    const file = scratch.write('key.pem', keyPem);
    const theirs = openssl(['pkcs8', '-topk8', '-in', file, '-v2', 'aes-256-cbc', '-passout', `pass:${PASSPHRASE}`]).stdout;
    expect(decryptPrivateKey(theirs, PASSPHRASE)).toEqual({ ok: true, keyPem });
  });
});
