import { z } from 'zod';

/** `platform.json`, the authority folder's config (written by `init`, read by every other command). */
export const PLATFORM_CONFIG_FORMAT = 'passation/platform-config';
export const CONFIG_FILE = 'platform.json';

export const PlatformConfig = z.object({
  format: z.literal(PLATFORM_CONFIG_FORMAT),
  formatVersion: z.literal(1),
  authorityName: z.string().min(1),
  keyAlgorithm: z.literal('RSA-2048'),
  createdAt: z.string().datetime(),
  files: z.object({
    /** The root certificate: the trust anchor given to centres and auditors. */
    authorityCertificate: z.string().min(1),
    /** Its key, encrypted with the passphrase. */
    authorityKey: z.string().min(1),
    /** The platform's signing certificate (receipts, packages) and its encrypted key. */
    signingCertificate: z.string().min(1),
    signingKey: z.string().min(1),
  }).strict(),
  /** The SQLite file (relative to the folder), used unless DATABASE_URL is set. */
  database: z.object({ sqliteFile: z.string().min(1) }).strict(),
}).strict();
export type PlatformConfig = z.infer<typeof PlatformConfig>;

export const DEFAULT_FILES: PlatformConfig['files'] = {
  authorityCertificate: 'authority.pem',
  authorityKey: 'authority-key.pem',
  signingCertificate: 'platform-signing.pem',
  signingKey: 'platform-signing-key.pem',
};
export const DEFAULT_SQLITE_FILE = 'platform.sqlite';
