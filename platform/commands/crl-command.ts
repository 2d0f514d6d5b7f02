import fs from 'node:fs';
import path from 'node:path';
import { parseDays } from '../authority/centre-id';
import { buildCrlDer, crlPem } from '../authority/crl';
import { CommandError, type CommandIo } from '../command-error';
import { passphrase, readConfig, readFolderFile, unlockKey, withStore } from './authority-folder';

const DEFAULT_CRL_DAYS = 7;
const MAX_CRL_DAYS = 365;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** `passation-platform crl DIR --out crl.pem [--days N]`: the CRL of every revocation, signed by the authority. */
export async function crlCommand(dir: string, options: { out?: string; days?: string; passphrase?: string }, io: CommandIo): Promise<void> {
  if (!options.out) throw new CommandError('usage : passation-platform crl DOSSIER --out crl.pem [--days N]', 2);
  const days = options.days === undefined ? DEFAULT_CRL_DAYS : parseDays(options.days, MAX_CRL_DAYS);
  if (days === null) throw new CommandError(`--days : nombre de jours invalide « ${options.days} » (entier de 1 à ${MAX_CRL_DAYS})`);
  const config = readConfig(dir);
  const secret = passphrase(options.passphrase, io, false);
  const authorityCertPem = readFolderFile(dir, config.files.authorityCertificate);
  const authorityKeyPem = unlockKey(dir, config.files.authorityKey, secret);
  const thisUpdate = io.now();
  const nextUpdate = new Date(thisUpdate.getTime() + days * MS_PER_DAY);
  const { der, crlNumber, entries } = await withStore(dir, config, io, async (store) => {
    const revoked = await store.revocations();
    const number = await store.recordCrl({ issuedAt: thisUpdate.toISOString(), nextUpdate: nextUpdate.toISOString(), entries: revoked.length });
    return {
      crlNumber: number,
      entries: revoked.length,
      der: buildCrlDer({
        authorityCertPem, authorityKeyPem, crlNumber: number, thisUpdate, nextUpdate,
        revoked: revoked.map((r) => ({ serialHex: r.serialHex, reason: r.reason, revokedAt: new Date(r.revokedAt) })),
      }),
    };
  });
  // Written beside, then renamed: a web server publishing the file never serves half of it.
  const temporary = path.join(path.dirname(path.resolve(options.out)), `.${path.basename(options.out)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, crlPem(der));
  fs.renameSync(temporary, options.out);
  io.out(`Liste de révocation n° ${crlNumber} : ${entries} certificat(s) révoqué(s), valable jusqu’au ${nextUpdate.toISOString()} : ${options.out}`);
}
