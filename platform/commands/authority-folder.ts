import fs from 'node:fs';
import path from 'node:path';
import { decryptKey } from '../authority/key-at-rest';
import { choosePassphrase, MIN_PASSPHRASE_LENGTH, PASSPHRASE_VARIABLE } from '../authority/passphrase';
import { CONFIG_FILE, PlatformConfig } from '../authority/authority-config';
import { CommandError, type CommandIo } from '../command-error';
import { openStore, storeLocation } from '../storage/open-store';
import type { PlatformStore } from '../storage/platform-store';

/** Reads the folder's platform.json; a missing or damaged one is named with its bad field. */
export function readConfig(dir: string): PlatformConfig {
  const file = path.join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CommandError(`${file} introuvable : ${dir} n’est pas un dossier d’autorité (créez-le avec « passation-platform init ${dir} »)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CommandError(`${file} : JSON invalide — ${(error as Error).message}`);
  }
  const parsed = PlatformConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CommandError(`${file} : champ ${issue.path.join('.') || '(racine)'} : ${issue.message}`);
  }
  return parsed.data;
}

export function readFolderFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CommandError(`${file} introuvable ou illisible`);
  }
}

/** The passphrase, or a French message saying where to give it. */
export function passphrase(option: string | undefined, io: CommandIo, checkLength: boolean): string {
  const chosen = choosePassphrase(option, io.env, checkLength);
  if (chosen.ok) return chosen.value;
  throw chosen.error === 'missing'
    ? new CommandError(`phrase de passe de l’autorité manquante : donnez --passphrase ou la variable d’environnement ${PASSPHRASE_VARIABLE}`, 2)
    : new CommandError(`phrase de passe trop courte : au moins ${MIN_PASSPHRASE_LENGTH} caractères`);
}

/** Decrypts one of the folder's keys in memory. */
export function unlockKey(dir: string, keyFile: string, secret: string): string {
  const decrypted = decryptKey(readFolderFile(dir, keyFile), secret);
  if (decrypted.ok) return decrypted.value;
  throw new CommandError(decrypted.error === 'wrongPassphrase'
    ? `phrase de passe incorrecte pour ${path.join(dir, keyFile)}`
    : `${path.join(dir, keyFile)} n’est pas une clé chiffrée (PKCS#8 « ENCRYPTED PRIVATE KEY » attendu) : refusée`);
}

/** Runs `work` with the folder's store open (SQLite in the folder, or DATABASE_URL), and closes it. */
export async function withStore<T>(dir: string, config: PlatformConfig, io: CommandIo, work: (store: PlatformStore) => Promise<T>): Promise<T> {
  const location = storeLocation(io.env, dir, config.database.sqliteFile);
  let store: PlatformStore;
  try {
    store = await openStore(location);
  } catch (error) {
    throw new CommandError(location.engine === 'postgres'
      ? `base PostgreSQL (DATABASE_URL) inaccessible : ${(error as Error).message}`
      : `base SQLite ${location.file} inaccessible : ${(error as Error).message}`);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** A serial as `revoke` accepts it: hex, with or without colons, any case; null when it is not hex. */
export function normaliseSerial(text: string): string | null {
  const hex = text.replace(/:/g, '').toLowerCase().replace(/^0+(?=..)/, '');
  return /^[0-9a-f]{2,40}$/.test(hex) ? (hex.length % 2 === 0 ? hex : `0${hex}`) : null;
}
