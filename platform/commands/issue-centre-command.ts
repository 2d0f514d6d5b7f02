import crypto from 'node:crypto';
import fs from 'node:fs';
import { describeCertificate, issueSigningCertificate } from '../authority/certificate-issuance';
import { CENTRE_ID_PATTERN, DEFAULT_CENTRE_DAYS, MAX_CENTRE_DAYS, parseDays } from '../authority/centre-id';
import { exportPkcs12, isPkcs12Password } from '../authority/pkcs12-file';
import { CommandError, type CommandIo } from '../command-error';
import { passphrase, readConfig, readFolderFile, unlockKey, withStore } from './authority-folder';
import { storeRefusalText } from './store-refusal-text';

const PASSWORD_BYTES = 18;
const MAX_NAME_LENGTH = 200;

export interface IssueCentreOptions {
  name?: string;
  centreId?: string;
  out?: string;
  days?: string;
  password?: string;
  passphrase?: string;
}

/**
 * `passation-platform issue-centre DIR --name … --centre-id … --out centre.p12 [--days N] [--password P]`:
 * a centre certificate (O = name, CN = centre id) and its PKCS#12 with the authority's certificate. Without
 * --password one is drawn and printed once. The certificate is recorded before the file is written; an
 * existing output file is never overwritten.
 */
export async function issueCentreCommand(dir: string, options: IssueCentreOptions, io: CommandIo): Promise<void> {
  const { name, centreId, out } = options;
  if (!name || !centreId || !out) throw new CommandError('usage : passation-platform issue-centre DOSSIER --name NOM --centre-id ID --out centre.p12 [--days N] [--password MOT]', 2);
  const trimmedName = name.trim();
  if (trimmedName === '' || trimmedName.length > MAX_NAME_LENGTH || /\p{Cc}/u.test(trimmedName)) {
    throw new CommandError(`--name : nom de centre invalide (1 à ${MAX_NAME_LENGTH} caractères, sans caractère de contrôle)`);
  }
  if (!CENTRE_ID_PATTERN.test(centreId)) throw new CommandError(`--centre-id : identifiant invalide « ${centreId} » (1 à 32 lettres, chiffres ou « - », par exemple l’UAI 0123456A)`);
  const days = options.days === undefined ? DEFAULT_CENTRE_DAYS : parseDays(options.days, MAX_CENTRE_DAYS);
  if (days === null) throw new CommandError(`--days : nombre de jours invalide « ${options.days} » (entier de 1 à ${MAX_CENTRE_DAYS})`);
  if (options.password !== undefined && !isPkcs12Password(options.password)) {
    throw new CommandError('--password : 12 à 128 caractères ASCII imprimables, sans espace ni accent (ce que tous les outils lisent de la même façon)');
  }
  if (fs.existsSync(out)) throw new CommandError(`${out} existe déjà : choisissez un autre fichier --out (rien n’est écrasé)`);

  const config = readConfig(dir);
  const secret = passphrase(options.passphrase, io, false);
  const authorityCertPem = readFolderFile(dir, config.files.authorityCertificate);
  const authority = { certPem: authorityCertPem, keyPem: unlockKey(dir, config.files.authorityKey, secret) };
  const issued = issueSigningCertificate(authority, { organisation: trimmedName, commonName: centreId }, { days });
  const password = options.password ?? crypto.randomBytes(PASSWORD_BYTES).toString('base64url');
  const p12 = exportPkcs12(issued.certPem, issued.keyPem, [authorityCertPem], password);
  const described = describeCertificate(issued.certPem);
  const now = io.now().toISOString();

  const recorded = await withStore(dir, config, io, (store) => store.recordCertificate(
    { ...described, kind: 'centre', centreId, certificatePem: issued.certPem, issuedAt: now },
    { centreId, name: trimmedName, createdAt: now },
  ));
  if (!recorded.ok) throw new CommandError(storeRefusalText(recorded.error));
  try {
    fs.writeFileSync(out, p12, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw new CommandError(`${out} : écriture impossible (${(error as NodeJS.ErrnoException).code ?? String(error)}) ; le certificat ${described.serialHex} est enregistré : révoquez-le (passation-platform revoke ${dir} --serial ${described.serialHex} --reason superseded) et recommencez`);
  }
  io.out(`Certificat du centre ${centreId} (« ${trimmedName} ») émis : ${out}`);
  io.out(`  numéro de série : ${described.serialHex}`);
  io.out(`  empreinte SHA-256 : ${described.fingerprintSha256}`);
  io.out(`  valable du ${described.notBefore} au ${described.notAfter}`);
  if (options.password === undefined) {
    io.out(`  mot de passe du fichier PKCS#12 (affiché une seule fois, à transmettre au centre par un autre canal que le fichier) : ${password}`);
  }
}
