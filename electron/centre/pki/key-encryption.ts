import crypto from 'node:crypto';
import forge from 'node-forge';

/**
 * Passphrase-encrypted PKCS#8 for a headless centre's key at rest (architecture §2):
 * PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC. Node's own export uses 2048 iterations, which is
 * too few for a file that may be copied, so the structure is written here with a count chosen by us.
 * OpenSSL and Node read it (`openssl pkey -in key.pem -passin pass:…`).
 */
export const PBKDF2_ITERATIONS = 600_000; // OWASP 2023 recommendation for PBKDF2-HMAC-SHA256
const SALT_BYTES = 16;
const AES_256_KEY_BYTES = 32;
const AES_BLOCK_BYTES = 16;

export type DecryptKeyResult = { ok: true; keyPem: string } | { ok: false; reason: string };

export function encryptPrivateKey(keyPem: string, passphrase: string): string {
  const privateKeyInfo = crypto.createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const salt = crypto.randomBytes(SALT_BYTES);
  const iv = crypto.randomBytes(AES_BLOCK_BYTES);
  const key = crypto.pbkdf2Sync(passphrase, salt, PBKDF2_ITERATIONS, AES_256_KEY_BYTES, 'sha256');
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(privateKeyInfo), cipher.final()]);
  const { create, Class, Type, oidToDer, integerToDer } = forge.asn1;
  const seq = (...items: forge.asn1.Asn1[]) => create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
  const oid = (id: string) => create(Class.UNIVERSAL, Type.OID, false, oidToDer(id).getBytes());
  const octets = (bytes: Buffer) => create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
  const encryptedPrivateKeyInfo = seq(
    seq(oid(forge.pki.oids.pkcs5PBES2!), seq(
      seq(oid(forge.pki.oids.pkcs5PBKDF2!), seq(
        octets(salt),
        create(Class.UNIVERSAL, Type.INTEGER, false, integerToDer(PBKDF2_ITERATIONS).getBytes()),
        seq(oid(forge.pki.oids.hmacWithSHA256!), create(Class.UNIVERSAL, Type.NULL, false, '')),
      )),
      seq(oid(forge.pki.oids['aes256-CBC']!), octets(iv)),
    )),
    octets(encrypted),
  );
  return forge.pem.encode({ type: 'ENCRYPTED PRIVATE KEY', body: forge.asn1.toDer(encryptedPrivateKeyInfo).getBytes() });
}

/** The unencrypted PKCS#8 PEM, or why not. */
export function decryptPrivateKey(encryptedPem: string, passphrase: string): DecryptKeyResult {
  if (!encryptedPem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    return { ok: false, reason: 'ce fichier n’est pas une clé privée chiffrée (PKCS#8 « ENCRYPTED PRIVATE KEY » attendu)' };
  }
  try {
    const key = crypto.createPrivateKey({ key: encryptedPem, format: 'pem', passphrase });
    return { ok: true, keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString() };
  } catch {
    return { ok: false, reason: 'phrase de passe incorrecte (ou clé chiffrée endommagée)' };
  }
}
