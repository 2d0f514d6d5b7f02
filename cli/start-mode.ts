import { STATION_V8_FLAGS } from '../electron/centre/station-runner';

/**
 * `npm start` (`passation start`, issue 10 §3): with Electron's binary and a screen, the station shell
 * (electron/station/, its window on the console); otherwise the station headless on the demo session, printing
 * the console's and a kiosk's address, as before. `PASSATION_HEADLESS=1` asks for the headless station anyway.
 * Pure: cli/main.ts spawns what it says.
 */
export type StartMode =
  | { mode: 'headless'; notice: string }
  | { mode: 'shell'; command: string; args: string[]; env: Record<string, string> };

export interface StartInput {
  electronBinary: string | null;
  /** The station shell's app folder (electron/station/app). */
  appDir: string;
  /** What the user gave after `start` (`--data-dir`, `--port`, `--host`), passed on. */
  passThrough: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /**
   * Which runtime better-sqlite3's native module was built for, as this Node process found it (`sqliteBuild()`):
   * `node` loads here, so it cannot load in Electron's main process (another ABI); `other` refuses Node's ABI,
   * i.e. it was rebuilt for Electron (`npm run rebuild:electron`).
   */
  sqliteBuild: 'node' | 'other';
}

export const SQLITE_FOR_NODE_NOTICE = 'better-sqlite3 est compilé pour Node, pas pour Electron : le poste du surveillant démarre sans fenêtre. '
  + 'Pour sa fenêtre : npm run rebuild:electron (avec internet), puis npm start ; npm run rebuild:node pour revenir (tests, poste sans fenêtre).';
export const SQLITE_FOR_ELECTRON_HINT = 'better-sqlite3 est compilé pour Electron : npm run rebuild:node avant de lancer le poste sans fenêtre.';

export const NO_ELECTRON_NOTICE = 'Le binaire d’Electron n’est pas installé sur cette machine : le poste du surveillant démarre sans fenêtre.';

export function startMode(input: StartInput): StartMode {
  if (input.env.PASSATION_HEADLESS === '1') {
    return { mode: 'headless', notice: `PASSATION_HEADLESS=1 : le poste du surveillant démarre sans fenêtre.${input.sqliteBuild === 'other' ? ` ${SQLITE_FOR_ELECTRON_HINT}` : ''}` };
  }
  const hint = input.sqliteBuild === 'other' ? ` ${SQLITE_FOR_ELECTRON_HINT}` : '';
  if (input.electronBinary === null) return { mode: 'headless', notice: `${NO_ELECTRON_NOTICE}${hint}` };
  if (input.platform === 'linux' && !input.env.DISPLAY && !input.env.WAYLAND_DISPLAY) {
    return { mode: 'headless', notice: `Aucun écran graphique (ni DISPLAY ni WAYLAND_DISPLAY) : le poste du surveillant démarre sans fenêtre.${hint}` };
  }
  if (input.sqliteBuild === 'node') return { mode: 'headless', notice: SQLITE_FOR_NODE_NOTICE };
  return {
    mode: 'shell',
    command: input.electronBinary,
    // V8's flags on Electron's command line reach the main process, which runs the server (memory-flags.ts).
    args: [`--js-flags=${STATION_V8_FLAGS}`, input.appDir, '--demo', ...input.passThrough],
    env: input.platform === 'linux' && input.env.MALLOC_TRIM_THRESHOLD_ === undefined ? { MALLOC_TRIM_THRESHOLD_: '65536' } : {},
  };
}

/** Loads better-sqlite3 here: `node` when it opens a database, `other` when its module is built for another ABI. */
export function sqliteBuild(): 'node' | 'other' {
  try {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    new Database(':memory:').close();
    return 'node';
  } catch (error) {
    if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test((error as Error).message)) return 'other';
    throw error;
  }
}
