import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { ok } from '../../shared/result';
import { certificateFacts, type CentreKeyStore, CENTRE_KEY_FILE } from '../centre/signing/centre-key-store';
import { decryptPrivateKey, encryptPrivateKey } from '../centre/pki/key-encryption';
import { writeFileAtomically } from '../centre/storage/private-files';
import { refuse, type Refusal } from '../centre/storage/refusal';

/**
 * Architecture §2, issue 10 §2 — the station shell keeps the centre's key with Electron `safeStorage` (DPAPI on
 * Windows, the Keychain on macOS, libsecret/KWallet on Linux), behind Step 5's `CentreKeyStore`:
 * the key is first passphrase-encrypted PKCS#8 (as the headless store: signing needs the passphrase), then sealed
 * with `safeStorage.encryptString`, so a copy of the data folder is of no use off this OS account. The sealed key,
 * the certificate and its chain are written atomically (fsync, rename) in `DATA/centre-key.keychain.json`, 0600.
 *
 * Refused, never written weaker: `safeStorage.isEncryptionAvailable()` false, or Linux's `basic_text` backend
 * (no keyring: Chromium then uses a fixed, public password — that would be clear text in all but name).
 * The sync calls are the interface's (CentreKeyStore is synchronous); Electron 45 marks them deprecated in favour
 * of `*Async`, which reads the same data.
 */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export const KEYCHAIN_KEY_FILE = 'centre-key.keychain.json';
const KEYCHAIN_KEY_FORMAT = 'passation.centre-key-keychain/1';

const SealedKey = z.object({
  format: z.literal(KEYCHAIN_KEY_FORMAT),
  certPem: z.string(),
  chainPems: z.array(z.string()),
  /** base64 of `safeStorage.encryptString(<ENCRYPTED PRIVATE KEY PEM>)`. */
  sealedKey: z.string().regex(/^[A-Za-z0-9+/]+=*$/),
  importedAt: z.string(),
}).strict();
type SealedKey = z.infer<typeof SealedKey>;

const UNAVAILABLE = 'Le trousseau du système n’est pas disponible sur ce poste : la clé du centre ne peut être ni gardée ni ouverte.';

/** Why the keychain cannot protect the key now, in French, or null when it can. */
export function keychainProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return `${UNAVAILABLE} Ouvrez la session de l’utilisateur du poste (trousseau déverrouillé), puis réessayez.`;
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return `${UNAVAILABLE} Aucun trousseau (GNOME Keyring, KWallet) n’est ouvert dans cette session Linux : installez-en un ou ouvrez une session de bureau, puis relancez le poste.`;
  }
  return null;
}

export function createSafeStorageKeyStore(dataDir: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): CentreKeyStore {
  const file = path.join(dataDir, KEYCHAIN_KEY_FILE);
  const unavailable = (): { ok: false; error: Refusal } | null => {
    const problem = keychainProblem(safeStorage, platform);
    return problem === null ? null : refuse('keyStoreUnavailable', null, problem);
  };
  const read = (): SealedKey | null => {
    if (!fs.existsSync(file)) return null;
    const parsed = SealedKey.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    // A damaged file is a bug or an attack on the data folder, not a user error.
    if (!parsed.success) throw new Error(`${file} : fichier de clé du centre illisible (${parsed.error.issues[0]?.message ?? ''})`);
    return parsed.data;
  };
  return {
    save(key, passphrase, importedAt) {
      const refused = unavailable();
      if (refused) return refused;
      const sealed: SealedKey = {
        format: KEYCHAIN_KEY_FORMAT,
        certPem: key.certPem,
        chainPems: key.chainPems,
        sealedKey: safeStorage.encryptString(encryptPrivateKey(key.keyPem, passphrase)).toString('base64'),
        importedAt: importedAt.toISOString(),
      };
      writeFileAtomically(file, `${JSON.stringify(sealed, null, 2)}\n`);
      // A key once kept by the headless store is replaced too: no weaker copy of a centre key stays behind.
      fs.rmSync(path.join(dataDir, CENTRE_KEY_FILE), { force: true });
      return ok(certificateFacts(sealed.certPem, sealed.importedAt));
    },
    load(passphrase) {
      const stored = read();
      if (stored === null) return refuse('noCentreKey', null, 'Aucune clé de centre sur ce poste : le responsable importe d’abord le fichier PKCS#12 du centre.');
      const refused = unavailable();
      if (refused) return refused;
      let encryptedKeyPem: string;
      try {
        encryptedKeyPem = safeStorage.decryptString(Buffer.from(stored.sealedKey, 'base64'));
      } catch (e) {
        return refuse('keyStoreUnavailable', null, `Le trousseau du système n’ouvre pas la clé du centre gardée sur ce poste (${(e as Error).message}) : a-t-elle été scellée par un autre compte ou une autre machine ? Importez de nouveau le fichier PKCS#12 du centre.`);
      }
      const opened = decryptPrivateKey(encryptedKeyPem, passphrase);
      if (!opened.ok) return refuse('passphraseWrong', 'passphrase', 'Phrase de passe de la clé du centre incorrecte.');
      return ok({ certPem: stored.certPem, keyPem: opened.keyPem, chainPems: stored.chainPems });
    },
    info() {
      const stored = read();
      return stored === null ? null : certificateFacts(stored.certPem, stored.importedAt);
    },
  };
}
