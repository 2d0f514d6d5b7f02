import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { demoManagerPassword, startStation, stationSummary } from '../electron/centre/station-runner';
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

/**
 * `npm start` with Electron: the station shell as a child, its output on this terminal; resolves with its exit
 * code. Ctrl+C reaches both (same process group); the shell then asks before quitting during a live session.
 */
export function runStationShell(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  // Ctrl+C reaches the shell too: this process waits for it to ask, close the server and exit, instead of dying
  // first and leaving the terminal to a shell still running.
  const wait = () => undefined;
  const pass = () => { child.kill('SIGTERM'); };
  process.on('SIGINT', wait);
  process.on('SIGTERM', pass);
  const done = () => { process.off('SIGINT', wait); process.off('SIGTERM', pass); };
  return new Promise((resolve, reject) => {
    child.once('error', (error) => { done(); reject(error); });
    child.once('exit', (code, signal) => { done(); resolve(code ?? (signal ? 1 : 0)); });
  });
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
  const managerPassword = options.demo ? demoManagerPassword(dataDir) : undefined;
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
  for (const text of stationSummary(station, dataDir, managerPassword)) out(text);
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
