import crypto from 'node:crypto';
import type { SafeStorageLike } from '../safe-storage-key-store';

/**
 * For tests: an OS keychain that really encrypts (AES-256-GCM under a key of its own, as DPAPI or libsecret hold
 * one per account), so a test can check what is on disk and that another "account" cannot open it. `available`
 * and `backend` are switched by the test (a locked keyring, Linux's basic_text).
 */
export function testKeychain(): SafeStorageLike & { available: boolean; backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; sealed: number } {
  const key = crypto.randomBytes(32);
  const keychain = {
    available: true,
    backend: 'gnome_libsecret' as ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
    sealed: 0,
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString(plainText: string): Buffer {
      if (!keychain.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
      keychain.sealed += 1;
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted: Buffer): string {
      if (!keychain.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      try {
        return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
    },
  };
  return keychain;
}
