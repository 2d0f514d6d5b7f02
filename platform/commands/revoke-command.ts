import { isRevocationReason, REVOCATION_REASONS } from '../authority/revocation-reason';
import { CommandError, type CommandIo } from '../command-error';
import { normaliseSerial, readConfig, withStore } from './authority-folder';
import { storeRefusalText } from './store-refusal-text';

/** `passation-platform revoke DIR --serial HEX --reason R`: records the revocation; the next `crl` lists it. */
export async function revokeCommand(dir: string, options: { serial?: string; reason?: string }, io: CommandIo): Promise<void> {
  const reasons = Object.keys(REVOCATION_REASONS).join(', ');
  if (!options.serial || !options.reason) throw new CommandError(`usage : passation-platform revoke DOSSIER --serial NUMÉRO --reason RAISON (raisons : ${reasons})`, 2);
  const serialHex = normaliseSerial(options.serial);
  if (serialHex === null) throw new CommandError(`--serial : numéro de série hexadécimal attendu, reçu « ${options.serial} »`);
  const reason = options.reason;
  if (!isRevocationReason(reason)) throw new CommandError(`--reason : raison inconnue « ${reason} » (raisons : ${reasons})`);
  const config = readConfig(dir);
  const revokedAt = io.now().toISOString();
  const revoked = await withStore(dir, config, io, (store) => store.revoke({ serialHex, reason, revokedAt }));
  if (!revoked.ok) throw new CommandError(storeRefusalText(revoked.error));
  io.out(`Certificat ${serialHex} révoqué (${REVOCATION_REASONS[reason].label}) le ${revokedAt}.`);
  io.out(`Publiez une nouvelle liste de révocation : passation-platform crl ${dir} --out crl.pem`);
}
