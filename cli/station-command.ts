import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startStation } from '../electron/centre/station-runner';
import { defaultDataDir } from '../electron/centre/storage/data-dir';
import { CONTENT_FILE, PROFILES_FILE, ROSTER_FILE } from '../fixtures/paths';
import { CliError } from './read-json';

/** Where Electron's npm package says its binary is; absent on machines that could not download it. */
export function electronBinary(root = path.join(__dirname, '..')): string | null {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

export interface StationCommandOptions { demo?: boolean; dataDir?: string; port?: string; host?: string }

/**
 * `passation station` — the station without its Electron shell: the centre server on this machine's network,
 * with the console URL, the kiosk URL and a pairing code printed. `--demo` prepares a demo session.
 */
export async function stationCommand(options: StationCommandOptions, out: (line: string) => void): Promise<void> {
  const port = options.port === undefined ? 8443 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port : numéro de port attendu (reçu « ${options.port} »).`, 2);
  const dataDir = path.resolve(options.dataDir ?? (options.demo ? path.join(defaultDataDir(), 'demo') : defaultDataDir()));
  const managerPasswordFile = path.join(dataDir, 'demo-manager-password.txt');
  let managerPassword: string | undefined;
  if (options.demo) {
    fs.mkdirSync(dataDir, { recursive: true });
    if (!fs.existsSync(managerPasswordFile)) fs.writeFileSync(managerPasswordFile, `demo-${randomBytes(6).toString('base64url')}\n`, { mode: 0o600 });
    managerPassword = fs.readFileSync(managerPasswordFile, 'utf8').trim();
  }
  let station;
  try {
    station = await startStation({
      dataDir,
      host: options.host ?? '0.0.0.0',
      port,
      ...(managerPassword ? { managerPassword } : {}),
      ...(options.demo ? { demo: { contentFile: CONTENT_FILE, profileFile: PROFILES_FILE, rosterFile: ROSTER_FILE } } : {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`le port ${port} est déjà utilisé : un autre poste du surveillant tourne-t-il déjà ? Choisissez-en un autre avec --port.`);
    throw error;
  }
  const { server, demo, pairingCode } = station;
  out(`Passation — poste du surveillant, données dans ${dataDir}`);
  out(`  Console du surveillant :  ${server.consoleUrl}`);
  out(`  Adresse des bornes :      ${server.kioskUrl}`);
  if (server.certificateFingerprint) out(`  Empreinte du certificat : ${server.certificateFingerprint}`);
  out(`  Code d’appairage :        ${pairingCode.code} (une borne, valable jusqu’à ${new Date(pairingCode.expiresAt).toLocaleTimeString('fr-FR')})`);
  out(station.kioskAttestation.mode === 'demo'
    ? '  Attestation des bornes :  non vérifiée (mode démonstration : un navigateur ordinaire peut servir de borne)'
    : `  Attestation des bornes :  exigée (${station.kioskAttestation.acceptedBuildHashes.length} version(s) listée(s) dans ${path.join(dataDir, 'kiosk-builds.txt')}, plus celle de chaque borne à son appairage)`);
  if (demo) {
    out(`  Session de démonstration n° ${demo.sessionNumber} — ${demo.candidates} candidats — code d’accès ${demo.accessCode}`);
    if (demo.invigilatorPassword) out(`  Mot de passe surveillant : ${demo.invigilatorPassword}`);
    out(`  Responsable du centre :   mot de passe ${managerPassword} (dans ${managerPasswordFile})`);
  } else if (server.initialManagerPassword) {
    out(`  Responsable du centre :   mot de passe ${server.initialManagerPassword} (affiché une seule fois : notez-le)`);
  }
  // The handlers are in place BEFORE the line saying how to stop: whoever reads it (a person, a supervising
  // process, a test) may send the signal at once, and a signal without a handler kills the station uncleanly.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => { station.close().then(resolve, resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out('Arrêt : Ctrl+C.');
  await stopped;
  out('Poste du surveillant arrêté.');
}
