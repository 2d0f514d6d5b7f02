import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, DEFAULT_FILES, DEFAULT_SQLITE_FILE, PLATFORM_CONFIG_FORMAT, type PlatformConfig } from '../authority/authority-config';
import { createRootCertificate, describeCertificate, issuePlatformSigningCertificate, KEY_ALGORITHM } from '../authority/certificate-issuance';
import { encryptKey } from '../authority/key-at-rest';
import { CommandError, type CommandIo } from '../command-error';
import { passphrase, withStore } from './authority-folder';
import { storeRefusalText } from './store-refusal-text';

export const DEFAULT_AUTHORITY_NAME = 'Autorité de certification Passation';
const ROOT_DAYS = 7300;
const SIGNING_DAYS = 1825;
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
const PUBLIC_FILE = 0o644;

/**
 * `passation-platform init DIR`: the authority (issue 9 §3) — a root CA, the platform's signing certificate
 * (receipts, packages), both keys encrypted with the passphrase, authority.pem, platform.json and the store
 * with the signing certificate recorded. Refuses a folder that is not empty; on any failure, removes what it
 * wrote (nothing half-made).
 */
export async function initCommand(dir: string, options: { passphrase?: string; name?: string }, io: CommandIo): Promise<void> {
  const secret = passphrase(options.passphrase, io, true);
  const authorityName = options.name?.trim() || DEFAULT_AUTHORITY_NAME;
  const existed = fs.existsSync(dir);
  if (existed && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new CommandError(`${dir} n’est pas un dossier vide : init crée l’autorité dans un dossier vide ou absent, sans rien écraser`);
  }
  const now = io.now();
  const root = createRootCertificate(authorityName, { days: ROOT_DAYS });
  const signing = issuePlatformSigningCertificate(root, { organisation: authorityName, commonName: 'Signature de la plateforme Passation' }, { days: SIGNING_DAYS });
  const config: PlatformConfig = {
    format: PLATFORM_CONFIG_FORMAT,
    formatVersion: 1,
    authorityName,
    keyAlgorithm: KEY_ALGORITHM,
    createdAt: now.toISOString(),
    files: DEFAULT_FILES,
    database: { sqliteFile: DEFAULT_SQLITE_FILE },
  };
  const written: string[] = [];
  const write = (name: string, data: string, mode: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data, { mode, flag: 'wx' });
    written.push(file);
  };
  try {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    fs.chmodSync(dir, PRIVATE_DIR);
    write(DEFAULT_FILES.authorityKey, encryptKey(root.keyPem, secret), PRIVATE_FILE);
    write(DEFAULT_FILES.signingKey, encryptKey(signing.keyPem, secret), PRIVATE_FILE);
    write(DEFAULT_FILES.authorityCertificate, root.certPem, PUBLIC_FILE);
    write(DEFAULT_FILES.signingCertificate, signing.certPem, PUBLIC_FILE);
    const described = describeCertificate(signing.certPem);
    written.push(...[DEFAULT_SQLITE_FILE, `${DEFAULT_SQLITE_FILE}-wal`, `${DEFAULT_SQLITE_FILE}-shm`].map((name) => path.join(dir, name)));
    const recorded = await withStore(dir, config, io, (store) => store.recordCertificate({
      ...described, kind: 'platformSigning', centreId: null, certificatePem: signing.certPem, issuedAt: now.toISOString(),
    }, null));
    if (!recorded.ok) throw new CommandError(storeRefusalText(recorded.error));
    write(CONFIG_FILE, `${JSON.stringify(config, null, 2)}\n`, PRIVATE_FILE);
  } catch (error) {
    if (existed) for (const file of written) fs.rmSync(file, { force: true });
    else fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const rootInfo = describeCertificate(root.certPem);
  io.out(`Autorité créée dans ${dir} (${KEY_ALGORITHM}) : « ${authorityName} ».`);
  io.out(`  certificat racine : ${path.join(dir, DEFAULT_FILES.authorityCertificate)} (à donner aux centres et aux auditeurs)`);
  io.out(`  empreinte SHA-256 : ${rootInfo.fingerprintSha256}`);
  io.out(`  valable jusqu’au : ${rootInfo.notAfter}`);
  io.out(`  clés chiffrées par la phrase de passe : ${DEFAULT_FILES.authorityKey}, ${DEFAULT_FILES.signingKey}`);
  io.out(`  données : ${io.env.DATABASE_URL?.trim() ? 'PostgreSQL (DATABASE_URL)' : path.join(dir, DEFAULT_SQLITE_FILE)}`);
}
