import crypto from 'node:crypto';
import forge from 'node-forge';
import { err, ok, type Result } from '../../shared/result';

/**
 * The authority's private keys on disk: PKCS#8 encrypted with the authority's passphrase (PBES2,
 * PBKDF2-HMAC-SHA256, AES-256-CBC). Node's own export uses 2048 PBKDF2 iterations, too few for a key file that
 * may be copied; the structure is written here with OWASP's 2023 count. OpenSSL reads it
 * (`openssl pkey -in authority-key.pem -passin env:…`). The same scheme as the centre's key at rest.
 */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const AES_KEY_BYTES = 32;
const IV_BYTES = 16;

export function encryptKey(keyPem: string, passphrase: string): string {
  const der = crypto.createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const salt = crypto.randomBytes(SALT_BYTES);
  const iv = crypto.randomBytes(IV_BYTES);
  const key = crypto.pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, PBKDF2_ITERATIONS, AES_KEY_BYTES, 'sha256');
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(der), cipher.final()]);
  const { create, Class, Type } = forge.asn1;
  const seq = (...items: forge.asn1.Asn1[]) => create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
  const oid = (id: string) => create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(id).getBytes());
  const octets = (bytes: Buffer) => create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
  const oids = forge.pki.oids;
  const info = seq(
    seq(oid(oids.pkcs5PBES2!), seq(
      seq(oid(oids.pkcs5PBKDF2!), seq(
        octets(salt),
        create(Class.UNIVERSAL, Type.INTEGER, false, forge.asn1.integerToDer(PBKDF2_ITERATIONS).getBytes()),
        seq(oid(oids.hmacWithSHA256!), create(Class.UNIVERSAL, Type.NULL, false, '')),
      )),
      seq(oid(oids['aes256-CBC']!), octets(iv)),
    )),
    octets(encrypted),
  );
  return forge.pem.encode({ type: 'ENCRYPTED PRIVATE KEY', body: forge.asn1.toDer(info).getBytes() });
}

export type KeyProblem = 'notEncrypted' | 'wrongPassphrase';

/** The key, unencrypted, in memory only; or why not. */
export function decryptKey(encryptedPem: string, passphrase: string): Result<string, KeyProblem> {
  if (!encryptedPem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) return err('notEncrypted');
  try {
    return ok(crypto.createPrivateKey({ key: encryptedPem, format: 'pem', passphrase }).export({ type: 'pkcs8', format: 'pem' }).toString());
  } catch {
    return err('wrongPassphrase');
  }
}
