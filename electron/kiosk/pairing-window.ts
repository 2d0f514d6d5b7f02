import { pathToFileURL } from 'node:url';
import { BrowserWindow, ipcMain, Menu, type IpcMainInvokeEvent, type Session } from 'electron';
import { PairingChannel } from './ipc-channels';
import type { PairingFlow } from './pairing-flow';
import { pairingWindowOptions } from './window-options';

/**
 * Issue 8 §6 — the pairing page's glue: its window (pairing.html from the shell's own files, its own preload),
 * the session locked to that one page (no request but the page's own files, every permission denied, no
 * navigation, no new window), and the three IPC handlers, each checking first that the caller is that page's top
 * frame. The decisions and effects are in pairing-flow.ts; on success the shell relaunches into the kiosk.
 */
export interface PairingWindowDeps {
  flow: PairingFlow;
  session: Session;
  preloadPath: string;
  /** pairing.html, beside the bundle. */
  pageFile: string;
  /** After the config is written: relaunch the shell (main.ts). */
  onPaired: () => void;
}

const REFUSED = 'Appel refusé : il ne vient pas de la page d’appairage.';

export function openPairingWindow(deps: PairingWindowDeps): BrowserWindow {
  const pageUrl = pathToFileURL(deps.pageFile).href;
  const pageFolder = pageUrl.slice(0, pageUrl.lastIndexOf('/') + 1);
  deps.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  deps.session.setPermissionCheckHandler(() => false);
  // The page's own files only (its script and style): the station is reached by the main process, not the page.
  deps.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith(pageFolder) }));

  Menu.setApplicationMenu(null);
  const window = new BrowserWindow(pairingWindowOptions(deps.preloadPath));
  const contents = window.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const trusted = (event: IpcMainInvokeEvent) => !window.isDestroyed() && event.sender === contents
    && event.senderFrame === contents.mainFrame && event.senderFrame?.url === pageUrl;
  ipcMain.handle(PairingChannel.Situation, (event) => {
    if (!trusted(event)) throw new Error(REFUSED);
    return deps.flow.situation;
  });
  ipcMain.handle(PairingChannel.FetchCertificate, (event, request: unknown) => {
    if (!trusted(event)) throw new Error(REFUSED);
    return deps.flow.fetchCertificate(request);
  });
  ipcMain.handle(PairingChannel.Pair, async (event, request: unknown) => {
    if (!trusted(event)) throw new Error(REFUSED);
    const answer = await deps.flow.pair(request);
    if (!answer.ok) return answer;
    process.stderr.write(`[passation-kiosk] poste appairé (n° ${answer.value.kioskId}) avec ${answer.value.config.stationUrl} à ${new Date().toISOString()} : redémarrage\n`);
    // The page shows « Poste appairé » before the relaunch.
    setTimeout(deps.onPaired, 1_500);
    return { ok: true as const, value: { relaunching: true as const } };
  });

  window.once('ready-to-show', () => window.show());
  void window.loadFile(deps.pageFile);
  return window;
}
