import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import { buildHash, deviceKey } from './attestation';
import { canonicalConfig, describeConfigErrors, parseKioskConfig, stationOf, type KioskConfig } from './kiosk-config';
import type { StationCredentials } from './station-headers';

/**
 * What the shell knows once started: its config, the station, the credentials it adds to requests. Read from
 * disk here (the edge); everything decided from it is pure.
 */
export interface ShellContext {
  configFile: string;
  config: KioskConfig;
  station: { origin: string; hostname: string; url: string };
  credentials: StationCredentials;
  shellVersion: string;
  /** This run's id, in every event's `clientEventId`. */
  runId: string;
}

/** The shell's own files whose hash is the build hash (bundled by the build: main, preloads, the pairing page). */
export const BUILD_FILES = ['package.json', 'kiosk-main.js', 'kiosk-preload.js', 'kiosk-pairing-preload.js', 'pairing.html', 'pairing.css', 'pairing-page.js'];

/** Where the config file is: `PASSATION_KIOSK_CONFIG`, else the platform's machine-wide place (written by IT). */
export function configFilePath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (env.PASSATION_KIOSK_CONFIG) return env.PASSATION_KIOSK_CONFIG;
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Passation', 'kiosk.json');
  if (platform === 'darwin') return '/Library/Application Support/Passation/kiosk.json';
  return '/etc/passation/kiosk.json';
}

export function configHash(config: KioskConfig): string {
  return crypto.createHash('sha256').update(canonicalConfig(config)).digest('hex');
}

export function hashBuild(appPath: string): string {
  return buildHash(BUILD_FILES.filter((f) => fs.existsSync(path.join(appPath, f))).map((f) => ({ path: f, bytes: fs.readFileSync(path.join(appPath, f)) })));
}

/** The hashes of what runs now, re-read from disk (the integrity monitor compares them with the start's). */
export function currentHashes(configFile: string, appPath: string): { buildHash: string; configHash: string } {
  let configHashNow: string;
  try {
    const text = fs.readFileSync(configFile, 'utf8');
    const parsed = parseKioskConfig(text);
    configHashNow = parsed.ok ? configHash(parsed.value) : crypto.createHash('sha256').update(text).digest('hex');
  } catch {
    configHashNow = 'absent';
  }
  return { buildHash: hashBuild(appPath), configHash: configHashNow };
}

/** Reads the config and the device token; a French message naming the file and field when something is wrong. */
export function loadShellContext(configFile: string, appPath: string, shellVersion: string): Result<ShellContext, string> {
  let text: string;
  try {
    text = fs.readFileSync(configFile, 'utf8');
  } catch (e) {
    return err(`${configFile} : fichier de configuration du poste illisible (${(e as NodeJS.ErrnoException).code ?? 'erreur'}). Appairez le poste ou déposez ce fichier.`);
  }
  const parsed = parseKioskConfig(text);
  if (!parsed.ok) return err(describeConfigErrors(configFile, parsed.error));
  const config = parsed.value;
  let deviceToken: string;
  try {
    deviceToken = fs.readFileSync(config.deviceTokenFile, 'utf8').trim();
  } catch (e) {
    return err(`${configFile} : deviceTokenFile — jeton de poste illisible dans ${config.deviceTokenFile} (${(e as NodeJS.ErrnoException).code ?? 'erreur'})`);
  }
  if (!/^pk_[A-Za-z0-9_-]{16,200}$/.test(deviceToken)) return err(`${config.deviceTokenFile} : jeton de poste attendu (pk_…)`);
  const station = stationOf(config);
  return ok({
    configFile, config, station, shellVersion, runId: crypto.randomBytes(6).toString('hex'),
    credentials: { stationOrigin: station.origin, deviceToken, deviceKey: deviceKey(deviceToken), buildHash: hashBuild(appPath), configHash: configHash(config) },
  });
}
