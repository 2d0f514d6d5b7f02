import fs from 'node:fs';
import path from 'node:path';
import { issueServerCertificate } from '../authority/server-certificate';
import { CommandError, type CommandIo } from '../command-error';
import { startPlatformServer, type RunningPlatform } from '../server/platform-server';
import type { PlatformSigner } from '../signing/cms-sign';
import { openStore, storeLocation } from '../storage/open-store';
import type { PlatformStore } from '../storage/platform-store';
import { passphrase, readConfig, readFolderFile, unlockKey } from './authority-folder';

export interface ServeOptions {
  port?: string;
  host?: string;
  passphrase?: string;
}

export const DEFAULT_PORT = 8443;
export const DEFAULT_HOST = '127.0.0.1';
/** The TLS certificate issued at each start for the host; renewed by restarting. */
const TLS_DAYS = 90;
export const TLS_CERTIFICATE_FILE = 'platform-tls.pem';

export interface ServeHandle {
  platform: RunningPlatform;
  store: PlatformStore;
  close(): Promise<void>;
}

/** Reads the signing certificate and unlocks its key (and the authority's, for the TLS certificate) in memory. */
export function unlockSigner(dir: string, secret: string): { signer: PlatformSigner; authorityKeyPem: string } {
  const config = readConfig(dir);
  const authorityPem = readFolderFile(dir, config.files.authorityCertificate);
  return {
    signer: { certPem: readFolderFile(dir, config.files.signingCertificate), keyPem: unlockKey(dir, config.files.signingKey, secret), authorityPem },
    authorityKeyPem: unlockKey(dir, config.files.authorityKey, secret),
  };
}

/**
 * `passation-platform serve DIR [--port 8443] [--host 127.0.0.1]`: the platform's HTTPS service
 * (docs/platform-api.md). At each start the authority issues the TLS certificate for `--host` (kept in memory
 * with its key; the certificate is also written to platform-tls.pem for inspection). The keys are unlocked
 * with the passphrase and never written.
 */
export async function serveCommand(dir: string, options: ServeOptions, io: CommandIo): Promise<ServeHandle> {
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommandError(`--port : numéro de port invalide « ${options.port} » (0 à 65535)`, 2);
  const host = options.host?.trim() || DEFAULT_HOST;
  const config = readConfig(dir);
  const secret = passphrase(options.passphrase, io, false);
  const { signer, authorityKeyPem } = unlockSigner(dir, secret);
  const tls = issueServerCertificate({ certPem: signer.authorityPem, keyPem: authorityKeyPem }, host, TLS_DAYS);
  fs.writeFileSync(path.join(dir, TLS_CERTIFICATE_FILE), tls.certPem, { mode: 0o644 });
  const location = storeLocation(io.env, dir, config.database.sqliteFile);
  let store: PlatformStore;
  try {
    store = await openStore(location);
  } catch (error) {
    throw new CommandError(`base ${location.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${location.file}`} inaccessible : ${(error as Error).message}`);
  }
  let platform: RunningPlatform;
  try {
    platform = await startPlatformServer({ store, signer, tls, host, port, now: io.now });
  } catch (error) {
    await store.close();
    throw new CommandError(`écoute impossible sur ${host}:${port} : ${(error as Error).message}`);
  }
  io.out(`Plateforme Passation à l’écoute : ${platform.url} (base ${store.engine})`);
  io.out(`  certificat TLS émis par l’autorité pour ${host} : ${path.join(dir, TLS_CERTIFICATE_FILE)}`);
  io.out(`  page de vérification : ${platform.url}/verification`);
  return {
    platform,
    store,
    close: async () => {
      await platform.close();
      await store.close();
    },
  };
}
