import { BrowserWindow, Menu } from 'electron';
import { keyDecision, type KioskPlatform } from './key-filter';
import { KioskChannel } from './ipc-channels';
import { isAllowedNavigation } from './navigation';
import { newWindowDecision } from './new-window';
import { kioskWindowOptions, WINDOW_CALLS } from './window-options';
import { shellEvent, type ObservedEvent } from './monitors/shell-event';

export interface KioskWindow {
  window: BrowserWindow;
  /** Lets the window close (the technician's exit); otherwise `close` is refused. */
  allowClose(): void;
}

/** The kiosk window and its guards: keys (table), navigation (origin), new windows (none), webviews (none). */
export function createKioskWindow(preloadPath: string, stationOrigin: string, platform: KioskPlatform, report: (events: ObservedEvent[]) => void): KioskWindow {
  Menu.setApplicationMenu(WINDOW_CALLS.menu);
  const window = new BrowserWindow(kioskWindowOptions(preloadPath));
  window.setAlwaysOnTop(true, WINDOW_CALLS.alwaysOnTopLevel);
  window.setContentProtection(WINDOW_CALLS.contentProtection);
  let closable = false;
  window.on('close', (event) => { if (!closable) event.preventDefault(); });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.on('before-input-event', (event, input) => {
    const row = keyDecision(input, platform);
    if (!row) return;
    event.preventDefault();
    if (row.action === 'technicianChord') contents.send(KioskChannel.TechnicianChord);
    else if (!input.isAutoRepeat) report([shellEvent('forbiddenKey', `touche bloquée : ${row.combo} (${row.does})`.slice(0, 200), Date.now(), { combo: row.combo })]);
  });
  const guard = (event: { preventDefault(): void }, url: string) => { if (!isAllowedNavigation(url, stationOrigin)) event.preventDefault(); };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.setWindowOpenHandler(() => newWindowDecision());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  return { window, allowClose: () => { closable = true; } };
}
