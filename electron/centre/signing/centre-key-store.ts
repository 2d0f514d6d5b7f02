import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CentreKeyInfo } from '../../../shared/formats/signing';
import { ok, type Result } from '../../../shared/result';
import { readCertificatePem, subjectText } from '../pki/certificate-info';
import { fingerprintSha256 } from '../pki/certificates';
import type { CmsSigner } from '../pki/cms-sign';
import { decryptPrivateKey, encryptPrivateKey } from '../pki/key-encryption';
import { writeFileAtomically } from '../storage/private-files';
import { refuse, type Refusal } from '../storage/refusal';

/** The centre's certificate, its chain and its private key (unencrypted PKCS#8), as the CMS signer takes them. */
export type CentreSigner = Required<CmsSigner>;

/**
 * Where the centre's signing key lives between signatures (architecture §2). ONE interface, two implementations:
 * - headless (this file, `createFileKeyStore`): the key as passphrase-encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA256
 *   600,000 iterations, AES-256-CBC) in a file of the data folder, owner-only (0600); never written in clear;
 * - the station shell (`electron/station/safe-storage-key-store.ts`, `createSafeStorageKeyStore`): the same
 *   passphrase-encrypted PKCS#8, sealed once more with Electron `safeStorage` (the OS keychain), so the file is
 *   of no use off this OS account; it refuses (`keyStoreUnavailable`) where the keychain is not available.
 *   This folder never imports `electron`: the station runner takes the store as an option.
 * The certificate and its chain are public and kept in clear beside the key.
 */
export interface CentreKeyStore {
  /**
   * Keeps the key encrypted with `passphrase` (replacing any earlier key, atomically) and returns what the station
   * shows; `keyStoreUnavailable` when the store cannot protect it (nothing written, never in clear).
   */
  save(key: CentreSigner, passphrase: string, importedAt: Date): Result<CentreKeyInfo, Refusal>;
  /**
   * The key opened with `passphrase`: `noCentreKey` when none was imported, `passphraseWrong` when it does not open,
   * `keyStoreUnavailable` when the store cannot open what it keeps (the OS keychain is locked or gone).
   */
  load(passphrase: string): Result<CentreSigner, Refusal>;
  /** The certificate's facts (never the key), or null before any import. */
  info(): CentreKeyInfo | null;
}

/** The file of the headless store, in the data folder. */
export const CENTRE_KEY_FILE = 'centre-key.json';
const CENTRE_KEY_FORMAT = 'passation.centre-key/1';

const StoredKey = z.object({
  format: z.literal(CENTRE_KEY_FORMAT),
  certPem: z.string(),
  chainPems: z.array(z.string()),
  /** « ENCRYPTED PRIVATE KEY » PEM: readable with `openssl pkey -in … -passin pass:…`. */
  encryptedKeyPem: z.string().startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----'),
  importedAt: z.string(),
}).strict();
type StoredKey = z.infer<typeof StoredKey>;

/** The certificate's facts, as the routes and the console show them. */
export function certificateFacts(certPem: string, importedAt: string): CentreKeyInfo {
  const cert = readCertificatePem(certPem);
  return {
    subject: subjectText(cert),
    issuer: cert.x509.issuer.split('\n').join(', '),
    serialNumber: cert.serialHex,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    fingerprint: fingerprintSha256(certPem),
    importedAt,
  };
}

/** The headless key store: `centre-key.json` (0600) in `dataDir`. */
export function createFileKeyStore(dataDir: string): CentreKeyStore {
  const file = path.join(dataDir, CENTRE_KEY_FILE);
  const read = (): StoredKey | null => {
    if (!fs.existsSync(file)) return null;
    const parsed = StoredKey.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    // A damaged file is a bug or an attack on the data folder, not a user error.
    if (!parsed.success) throw new Error(`${file} : fichier de clé du centre illisible (${parsed.error.issues[0]?.message ?? ''})`);
    return parsed.data;
  };
  return {
    save(key, passphrase, importedAt) {
      const stored: StoredKey = {
        format: CENTRE_KEY_FORMAT,
        certPem: key.certPem,
        chainPems: key.chainPems,
        encryptedKeyPem: encryptPrivateKey(key.keyPem, passphrase),
        importedAt: importedAt.toISOString(),
      };
      // Written whole beside the old one, then renamed over it: a crash leaves either key, never half of one.
      writeFileAtomically(file, `${JSON.stringify(stored, null, 2)}\n`);
      return ok(certificateFacts(stored.certPem, stored.importedAt));
    },
    load(passphrase) {
      const stored = read();
      if (stored === null) return refuse('noCentreKey', null, 'Aucune clé de centre sur ce poste : le responsable importe d’abord le fichier PKCS#12 du centre.');
      const key = decryptPrivateKey(stored.encryptedKeyPem, passphrase);
      if (!key.ok) return refuse('passphraseWrong', 'passphrase', 'Phrase de passe de la clé du centre incorrecte.');
      return ok({ certPem: stored.certPem, keyPem: key.keyPem, chainPems: stored.chainPems });
    },
    info() {
      const stored = read();
      return stored === null ? null : certificateFacts(stored.certPem, stored.importedAt);
    },
  };
}
