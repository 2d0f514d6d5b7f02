import os from 'node:os';
import path from 'node:path';
import { app, dialog, session } from 'electron';
import { setupCrashRelaunch, setupPowerSaveBlocker, setupSingleInstance } from './app-lifecycle';
import { openAttachment } from './attachment-opener';
import { acknowledge, emptyQueue, enqueue, type EventQueue } from './event-queue';
import { KioskChannel } from './ipc-channels';
import { setupIpc } from './ipc';
import { createKioskWindow, type KioskWindow } from './kiosk-window';
import { setupMonitors } from './lockdown-monitors';
import { shellEvent, type ObservedEvent } from './monitors/shell-event';
import { setupSessionSecurity } from './session-security';
import { createPairingFlow, readConfigOnDisk } from './pairing-flow';
import { removeDeviceToken } from './device-token-removal';
import { appendTechnicianLog, technicianLogLine } from './technician-log';
import { openPairingWindow } from './pairing-window';
import { configFilePath, currentHashes, hashBuild, loadShellContext } from './shell-context';
import type { KioskPlatform } from './key-filter';

/**
 * The kiosk shell's main process (kiosk-lockdown §2), a wiring diagram in the manner of electron/fiddle's
 * `main.ts`: each setupX() hands Electron objects to the pure decisions beside it. The bundle puts this file at
 * `kiosk-main.js` and the preload at `kiosk-preload.js` (BUILD_FILES in shell-context.ts).
 */
export const TECHNICIAN_EXIT_GRACE_MS = 2_000;
/** In the shell's user-data folder (technician-log.ts). */
export const TECHNICIAN_LOG_FILE = 'technician.log';

export async function main(): Promise<void> {
  let kiosk: KioskWindow | null = null;
  if (!setupSingleInstance(() => kiosk?.window ?? null)) return;
  await app.whenReady();

  const configFile = configFilePath(process.platform, process.env);
  const loaded = loadShellContext(configFile, app.getAppPath(), app.getVersion());
  if (!loaded.ok) {
    // Issue 8 §6: no config, or no usable device token → the pairing page; an invalid config → its errors.
    const flow = createPairingFlow({ configFile, onDisk: readConfigOnDisk(configFile), buildHash: hashBuild(app.getAppPath()) });
    if (flow !== null) {
      openPairingWindow({
        flow, session: session.defaultSession, preloadPath: path.join(__dirname, 'kiosk-pairing-preload.js'), pageFile: path.join(__dirname, 'pairing.html'),
        onPaired: () => { app.relaunch(); app.exit(0); },
      });
      return;
    }
    dialog.showErrorBox('Passation — poste d’examen non configuré', loaded.error);
    app.exit(1);
    return;
  }
  const shell = loaded.value;
  const platform: KioskPlatform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';

  let queue: EventQueue = emptyQueue(shell.runId);
  let subscriber: () => Electron.WebContents | null = () => null;
  const report = (events: ObservedEvent[]) => {
    if (events.length === 0) return;
    const next = enqueue(queue, events);
    queue = next.queue;
    const page = subscriber();
    for (const e of next.added) page?.send(KioskChannel.LockdownEvent, e);
  };

  setupSessionSecurity(session.defaultSession, shell);
  kiosk = createKioskWindow(path.join(__dirname, 'kiosk-preload.js'), shell.station.origin, platform, report);
  const { window } = kiosk;
  setupPowerSaveBlocker();
  setupCrashRelaunch(window);
  let applicationOpen = false;
  setupMonitors({
    window, report, allowedApplicationOpen: () => applicationOpen,
    integrity: { expected: shell.credentials, current: () => currentHashes(shell.configFile, app.getAppPath()) },
  });
  ({ subscriber } = setupIpc({
    shell,
    kioskContents: () => (window.isDestroyed() ? null : window.webContents),
    isFullscreen: () => window.isFullScreen() || window.isKiosk(),
    pendingEvents: () => queue.pending,
    acknowledge: (ids) => { queue = acknowledge(queue, ids); },
    open: async (plan) => {
      const opened = await openAttachment(plan, session.defaultSession, os.tmpdir(), (code) => {
        applicationOpen = false;
        window.setAlwaysOnTop(true, 'screen-saver');
        window.show();
        window.focus();
        report([shellEvent('allowedApplicationClosed', `${plan.application.name} fermé`, Date.now(), { exitCode: code })]);
      });
      if (opened.ok) {
        applicationOpen = true;
        window.setAlwaysOnTop(false);
        report([shellEvent('allowedApplicationOpened', `pièce jointe ouverte dans ${plan.application.name} (attendu)`, Date.now(), { fileName: plan.fileName })]);
      }
      return opened;
    },
    technicianExit: () => {
      report([shellEvent('technicianExit', 'sortie technicien (code administrateur accepté)', Date.now())]);
      setTimeout(() => { kiosk?.allowClose(); app.quit(); }, TECHNICIAN_EXIT_GRACE_MS);
    },
    // Issue 8 §6: the token removed first (a refusal leaves the kiosk as it was); the credentials in memory still
    // sign the page's requests during the grace, so the event reaches the station; then the pairing page.
    technicianRepairing: () => {
      const removed = removeDeviceToken(shell.config.deviceTokenFile);
      if (!removed.ok) return removed;
      report([shellEvent('technicianRepairing', 'nouvel appairage demandé par le technicien (code administrateur accepté ; jeton de poste supprimé)', Date.now())]);
      setTimeout(() => { kiosk?.allowClose(); app.relaunch(); app.exit(0); }, TECHNICIAN_EXIT_GRACE_MS);
      return removed;
    },
    technicianLog: (action, outcome) => {
      const line = technicianLogLine(Date.now(), action, outcome);
      process.stderr.write(`[passation-kiosk] ${line}\n`);
      appendTechnicianLog(path.join(app.getPath('userData'), TECHNICIAN_LOG_FILE), line);
    },
  }));
  await window.loadURL(new URL('/kiosk/', shell.station.origin).href);
}

if (process.versions.electron !== undefined && !process.env.VITEST) {
  main().catch((error: unknown) => {
    process.stderr.write(`[passation-kiosk] ${(error as Error).stack ?? String(error)}\n`);
    app.exit(1);
  });
}
