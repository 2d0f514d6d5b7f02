import path from 'node:path';
import { parseArgs } from 'node:util';
import { err, ok, type Result } from '../../shared/result';
import { defaultDataDir } from '../centre/storage/data-dir';

/**
 * What the station shell runs on, from its command line (after Electron's and Chromium's own switches):
 * `--data-dir D` (else `PASSATION_DATA_DIR`, else the user's data folder, the headless station's), `--port N`
 * (8443), `--host H` (0.0.0.0: the kiosks of the room reach it), `--demo` (the demo session of `npm start`, in
 * `<data folder>/demo` unless `--data-dir` says). The console window always loads the loopback address.
 */
export interface StationShellOptions {
  dataDir: string;
  port: number;
  host: string;
  demo: boolean;
}

export function stationShellOptions(argv: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Result<StationShellOptions, string> {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } },
  });
  const demo = values.demo === true;
  const portText = typeof values.port === 'string' ? values.port : '8443';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!Number.isInteger(port) || port > 65535) return err(`--port : numéro de port attendu, de 0 à 65535 (reçu « ${portText} »).`);
  const host = typeof values.host === 'string' ? values.host : '0.0.0.0';
  if (host.trim() === '') return err('--host : adresse attendue (par exemple 0.0.0.0 ou 192.168.1.10).');
  const given = typeof values['data-dir'] === 'string' ? values['data-dir'] : null;
  if (given !== null && given.trim() === '') return err('--data-dir : dossier attendu.');
  const base = defaultDataDir(env, platform);
  const dataDir = path.resolve(given ?? (demo ? path.join(base, 'demo') : base));
  return ok({ dataDir, port, host, demo });
}
