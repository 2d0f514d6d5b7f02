import { app, BrowserWindow } from 'electron';
import { consoleCertificateDecision, type PinnedKey } from './certificate-trust';
import { consoleNewWindow, isStationUrl } from './console-guards';
import { consoleWindowOptions } from './window-options';

/** The console window and its guards: navigation (the station's origin), new windows (none), webviews (none). */
export function createConsoleWindow(station: { origin: string; pinned: PinnedKey; devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow(consoleWindowOptions({ devTools: station.devTools }));
  window.once('ready-to-show', () => window.show());
  const contents = window.webContents;
  const guard = (event: { preventDefault(): void }, url: string) => { if (!isStationUrl(url, station.origin)) event.preventDefault(); };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.setWindowOpenHandler(() => consoleNewWindow());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  return window;
}

/** Chromium's second chance on a certificate it refused: the same pinned key decides (belt and braces). */
export function setupCertificateErrors(pinned: PinnedKey): void {
  app.on('certificate-error', (event, _contents, url, _error, certificate, callback) => {
    let hostname = '';
    try { hostname = new URL(url).hostname; } catch { /* an unparsable URL is refused below */ }
    const accepted = consoleCertificateDecision({ hostname, certificate }, pinned).result === 0;
    if (accepted) event.preventDefault();
    callback(accepted);
  });
}
