import os from 'node:os';
import path from 'node:path';

/** The application name of the user data folder, the same as Electron's `app.getPath('userData')` uses. */
const APP_NAME = 'Passation';

/**
 * The station's data folder (SQLite file, station certificate, trusted authority): `PASSATION_DATA_DIR` when set,
 * else the folder Electron would use — `%APPDATA%\Passation` (Windows), `~/Library/Application Support/Passation`
 * (macOS), `$XDG_CONFIG_HOME/Passation` or `~/.config/Passation` (Linux) — so that the headless station and the
 * Electron station share one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.PASSATION_DATA_DIR) return path.resolve(env.PASSATION_DATA_DIR);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** The centre's database file inside a data folder. */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'centre.sqlite');
}
