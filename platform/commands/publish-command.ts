import fs from 'node:fs';
import { CommandError, type CommandIo } from '../command-error';
import { publishPackage } from '../publishing/publish-package';
import { passphrase, readConfig, readFolderFile, unlockKey, withStore } from './authority-folder';

export interface PublishOptions {
  kind?: string;
  file?: string;
  passphrase?: string;
}

/**
 * `passation-platform publish DIR --kind content|profiles --file PAQUET.json`: signs a package with the
 * platform's signing certificate and publishes it (the running `serve` lists and serves it at once: same store).
 */
export async function publishCommand(dir: string, options: PublishOptions, io: CommandIo): Promise<void> {
  const { kind, file } = options;
  if ((kind !== 'content' && kind !== 'profiles') || !file) throw new CommandError('usage : passation-platform publish DOSSIER --kind content|profiles --file PAQUET.json', 2);
  let document: Buffer;
  try {
    document = fs.readFileSync(file);
  } catch {
    throw new CommandError(`${file} introuvable ou illisible`);
  }
  const config = readConfig(dir);
  const secret = passphrase(options.passphrase, io, false);
  const signer = {
    certPem: readFolderFile(dir, config.files.signingCertificate),
    keyPem: unlockKey(dir, config.files.signingKey, secret),
    authorityPem: readFolderFile(dir, config.files.authorityCertificate),
  };
  const published = await withStore(dir, config, io, (store) => publishPackage(store, signer, kind, document, io.now()));
  if (!published.ok) throw new CommandError(`${file} : ${published.error}`);
  const pkg = published.value;
  io.out(`Paquet ${kind === 'content' ? 'de contenu' : 'de profils'} ${pkg.packageId} version ${pkg.version} publié et signé`);
  io.out(`  empreinte SHA-256 : ${pkg.sha256}`);
}
