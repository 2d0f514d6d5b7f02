import { app, dialog, Menu, safeStorage, session, type BrowserWindow } from 'electron';
import { CONTENT_FILE, PROFILES_FILE, ROSTER_FILE } from '../../fixtures/paths';
import { loadOrCreateStationCertificate } from '../centre/server/station-certificate';
import { liveSessionActivity } from '../centre/station-activity';
import { demoManagerPassword, startStation, stationSummary, type RunningStation } from '../centre/station-runner';
import { spkiSha256 } from './certificate-trust';
import { consoleNewWindow } from './console-guards';
import { createConsoleWindow, setupCertificateErrors } from './console-window';
import { memoryDecision, STATION_JS_FLAGS } from './memory-flags';
import { openDataFolder, saveDatabaseBackup } from './menu-actions';
import { createSafeStorageKeyStore, keychainProblem } from './safe-storage-key-store';
import { setupConsoleSession } from './session-security';
import { setupQuitGuard, setupSingleInstance, type QuitGuard } from './station-lifecycle';
import { stationMenuTemplate } from './station-menu';
import { stationShellOptions } from './station-options';

/**
 * The station shell's main process (issue 10 §2), a wiring diagram like the kiosk's: the centre server in this
 * process (`startStation`, as `passation station` runs it), its key sealed by `safeStorage`, the console in a
 * window on loopback that trusts only the station's key, a French menu, a confirmation before quitting during
 * a live session, one instance. Every decision is a pure module beside it.
 */
export interface StationShell {
  station: RunningStation;
  window: BrowserWindow;
  quit: QuitGuard;
}

const log = (line: string) => process.stderr.write(`[passation-station] ${line}\n`);
const TITLE = 'Passation — poste du surveillant';

export async function main(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): Promise<StationShell | null> {
  // V8's limits reach the main process from its command line only (memory-flags.ts): without them, relaunch once.
  const memory = memoryDecision(argv, env, process.platform);
  if (memory.action === 'relaunch') {
    Object.assign(process.env, memory.env);
    app.relaunch({ args: memory.args });
    app.exit(0);
    return null;
  }
  if (memory.action === 'continueWithoutLimits') log(memory.warning);
  app.commandLine.appendSwitch('js-flags', STATION_JS_FLAGS);

  let window: BrowserWindow | null = null;
  if (!setupSingleInstance(() => window)) return null;
  const options = stationShellOptions(argv.slice(1), env, process.platform);
  await app.whenReady();
  if (!options.ok) {
    dialog.showErrorBox(TITLE, options.error);
    app.exit(2);
    return null;
  }
  const { dataDir, port, host, demo } = options.value;
  const keychain = keychainProblem(safeStorage, process.platform);
  if (keychain !== null) log(`${keychain} L’import de la clé du centre et la signature seront refusés.`);

  const tls = loadOrCreateStationCertificate(dataDir);
  const managerPassword = demo ? demoManagerPassword(dataDir) : undefined;
  let station: RunningStation;
  try {
    station = await startStation({
      dataDir, host, port,
      centreKeys: createSafeStorageKeyStore(dataDir, safeStorage),
      ...(managerPassword ? { managerPassword } : {}),
      ...(demo ? { demo: { contentFile: CONTENT_FILE, profileFile: PROFILES_FILE, rosterFile: ROSTER_FILE } } : {}),
    });
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `Le port ${port} est déjà utilisé : un autre poste du surveillant tourne-t-il déjà sur cette machine ?`
      : `Le serveur du centre ne démarre pas : ${(error as Error).message}`;
    dialog.showErrorBox(TITLE, message);
    app.exit(1);
    return null;
  }
  for (const line of stationSummary(station, dataDir, managerPassword)) process.stdout.write(`${line}\n`);

  const origin = new URL(station.server.url).origin;
  const spki = spkiSha256(tls.certPem);
  if (spki === null) throw new Error(`${dataDir} : certificat du poste illisible`);
  const trust = { origin, pinned: { hostname: new URL(origin).hostname, spki }, devTools: !app.isPackaged };
  setupConsoleSession(session.defaultSession, trust);
  setupCertificateErrors(trust.pinned);
  // Every web contents, not only the console's: no window, no webview, ever.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => consoleNewWindow());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const consoleWindow = createConsoleWindow(trust);
  window = consoleWindow;
  Menu.setApplicationMenu(Menu.buildFromTemplate(stationMenuTemplate({
    openDataFolder: () => { void openDataFolder(consoleWindow, dataDir); },
    backupDatabase: () => { void saveDatabaseBackup(consoleWindow, station.db); },
  }, { platform: process.platform, devTools: trust.devTools })));
  const quit = setupQuitGuard({ window: consoleWindow, activity: () => liveSessionActivity(station.db), close: () => station.close(), log });
  await consoleWindow.loadURL(station.server.consoleUrl);
  return { station, window: consoleWindow, quit };
}

if (process.versions.electron !== undefined && !process.env.VITEST) {
  main().catch((error: unknown) => {
    log((error as Error).stack ?? String(error));
    app.exit(1);
  });
}
