import crypto from 'node:crypto';
import forge from 'node-forge';

export interface Pkcs12Contents {
  certPem: string;
  /** Unencrypted PKCS#8 PEM. */
  keyPem: string;
  /** The other certificates of the file (the issuing authority, intermediates). */
  chainPems: string[];
}

/** Why a PKCS#12 file was refused, for callers that answer each case with its own code. */
export type Pkcs12Problem = 'unreadable' | 'wrongPassword' | 'noKey' | 'noCertificate' | 'keyMismatch';

export type Pkcs12ImportResult = ({ ok: true } & Pkcs12Contents) | { ok: false; problem: Pkcs12Problem; reason: string };

/**
 * The key is shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the certificates are stored in clear,
 * the file has an HMAC-SHA256 integrity MAC: what OpenSSL 3 writes by default, readable without `-legacy`.
 * Iteration counts are OpenSSL's default (2048): forge derives these keys in pure JS.
 */
const PKCS12_OPTIONS = { algorithm: 'aes256', prfAlgorithm: 'sha256', friendlyName: 'Passation', useMac: false } as const;
const MAC_ITERATIONS = 2048;
const MAC_SALT_BYTES = 16;
const MAC_KEY_BYTES = 32;
const PKCS12_KDF_MAC_ID = 3;

/**
 * Passwords: PBES2 takes the password's UTF-8 bytes and the MAC's PKCS#12 key derivation its UTF-16 form
 * (as OpenSSL does). forge would give PBES2 the UTF-16 code units cut to bytes, so a password with an accent
 * would not open in OpenSSL: the key is encrypted with the UTF-8 form and the MAC is computed here.
 */

/** A PKCS#12 file (DER) holding the certificate, its key and its chain, protected by `password` (architecture §2). */
export function exportPkcs12(contents: { certPem: string; keyPem: string; chainPems?: string[] }, password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(contents.keyPem);
  const certs = [contents.certPem, ...(contents.chainPems ?? [])].map((pem) => forge.pki.certificateFromPem(pem));
  const pfx = forge.pkcs12.toPkcs12Asn1(key, certs, forge.util.encodeUtf8(password), PKCS12_OPTIONS);
  (pfx.value as forge.asn1.Asn1[]).push(macData(pfx, password));
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}

/** MacData over the authSafe's content octets (RFC 7292 §4), with SHA-256. */
function macData(pfx: forge.asn1.Asn1, password: string): forge.asn1.Asn1 {
  const authSafe = (pfx.value as forge.asn1.Asn1[])[1]!;
  const explicit = (authSafe.value as forge.asn1.Asn1[])[1]!;
  const octets = (explicit.value as forge.asn1.Asn1[])[0]!.value as string;
  const salt = crypto.randomBytes(MAC_SALT_BYTES);
  const macKey = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt.toString('binary')), PKCS12_KDF_MAC_ID, MAC_ITERATIONS, MAC_KEY_BYTES, forge.md.sha256.create());
  const mac = crypto.createHmac('sha256', Buffer.from(macKey.getBytes(), 'binary')).update(Buffer.from(octets, 'binary')).digest();
  const { create, Class, Type } = forge.asn1;
  return create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    create(Class.UNIVERSAL, Type.SEQUENCE, true, [
      create(Class.UNIVERSAL, Type.SEQUENCE, true, [
        create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(forge.pki.oids.sha256!).getBytes()),
        create(Class.UNIVERSAL, Type.NULL, false, ''),
      ]),
      create(Class.UNIVERSAL, Type.OCTETSTRING, false, mac.toString('binary')),
    ]),
    create(Class.UNIVERSAL, Type.OCTETSTRING, false, salt.toString('binary')),
    create(Class.UNIVERSAL, Type.INTEGER, false, forge.asn1.integerToDer(MAC_ITERATIONS).getBytes()),
  ]);
}

/** Reads a PKCS#12 file; the certificate returned is the one that matches the private key. */
export function importPkcs12(der: Buffer, password: string): Pkcs12ImportResult {
  const decoded = decodePfx(der, password);
  if (!decoded.ok) return decoded;
  const p12 = decoded.p12;
  const keys = bags(p12, forge.pki.oids.pkcs8ShroudedKeyBag!).concat(bags(p12, forge.pki.oids.keyBag!));
  const key = keys.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (key === undefined) {
    return { ok: false, problem: 'noKey', reason: keys.length > 0 ? 'la clé privée du fichier PKCS#12 n’est pas une clé RSA lisible' : 'le fichier PKCS#12 ne contient pas de clé privée' };
  }
  const certs = bags(p12, forge.pki.oids.certBag!).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  if (certs.length === 0) return { ok: false, problem: 'noCertificate', reason: 'le fichier PKCS#12 ne contient pas de certificat' };
  const own = certs.find((cert) => matchesKey(cert, key));
  if (own === undefined) return { ok: false, problem: 'keyMismatch', reason: 'aucun certificat du fichier PKCS#12 ne correspond à sa clé privée' };
  return {
    ok: true,
    certPem: forge.pki.certificateToPem(own),
    keyPem: crypto.createPrivateKey(forge.pki.privateKeyToPem(key)).export({ type: 'pkcs8', format: 'pem' }).toString(),
    chainPems: certs.filter((cert) => cert !== own).map((cert) => forge.pki.certificateToPem(cert)),
  };
}

const WRONG_PASSWORD = 'mot de passe du fichier PKCS#12 incorrect';
const UNREADABLE = 'fichier PKCS#12 illisible (ou chiffré avec un algorithme non pris en charge)';

/**
 * forge checks the MAC with the password as typed, then decrypts. A non-ASCII password that passed the MAC
 * but failed to decrypt PBES2 is retried with its UTF-8 form, the MAC removed (it was verified just before).
 */
function decodePfx(der: Buffer, password: string): { ok: true; p12: forge.pkcs12.Pkcs12Pfx } | { ok: false; problem: Pkcs12Problem; reason: string } {
  let pfx: forge.asn1.Asn1;
  try {
    pfx = forge.asn1.fromDer(der.toString('binary'));
  } catch {
    return { ok: false, problem: 'unreadable', reason: UNREADABLE };
  }
  try {
    return { ok: true, p12: forge.pkcs12.pkcs12FromAsn1(pfx, password) };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified/i.test(message)) return { ok: false, problem: 'wrongPassword', reason: WRONG_PASSWORD };
    if (!/decrypt/i.test(message)) return { ok: false, problem: 'unreadable', reason: UNREADABLE };
  }
  if (/[^\x20-\x7e]/.test(password)) {
    try {
      const withoutMac = forge.asn1.create(pfx.tagClass, pfx.type, true, (pfx.value as forge.asn1.Asn1[]).slice(0, 2));
      return { ok: true, p12: forge.pkcs12.pkcs12FromAsn1(withoutMac, forge.util.encodeUtf8(password)) };
    } catch {
      // the password is wrong for this file after all
    }
  }
  return { ok: false, problem: 'wrongPassword', reason: WRONG_PASSWORD };
}

function bags(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}

function matchesKey(cert: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey): boolean {
  const publicKey = cert.publicKey as Partial<forge.pki.rsa.PublicKey>;
  return publicKey.n !== undefined && publicKey.e !== undefined && publicKey.n.equals(key.n) && publicKey.e.equals(key.e);
}
