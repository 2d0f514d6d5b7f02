import type { BrowserWindowConstructorOptions } from 'electron';
import { SECURE_WEB_PREFERENCES } from '../shell-common/secure-web-preferences';

/**
 * kiosk-lockdown.md §2 — the kiosk window: fullscreen/kiosk, frameless, on top, not closable, minimizable or
 * resizable, off the taskbar, no devtools, and the Electron security checklist's webPreferences. Pure: the glue
 * passes the preload's path; `alwaysOnTop` at the `screen-saver` level and content protection are calls on the
 * window, listed in WINDOW_CALLS for the glue and the tests.
 */
export function kioskWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    fullscreenable: true,
    frame: false,
    alwaysOnTop: true,
    closable: false,
    minimizable: false,
    maximizable: false,
    resizable: false,
    movable: false,
    skipTaskbar: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    title: 'Passation',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: preloadPath,
      devTools: false,
      disableDialogs: true,
      autoplayPolicy: 'user-gesture-required',
      v8CacheOptions: 'code',
    },
  };
}

/** What the glue does on the window once created (options cannot say it). */
export const WINDOW_CALLS = {
  /** Above every other window, task bars and notifications included. */
  alwaysOnTopLevel: 'screen-saver',
  /** Excluded from screen capture (Windows, macOS). */
  contentProtection: true,
  /** No application menu at all (its accelerators would be shortcuts). */
  menu: null,
} as const;

/**
 * Issue 8 §6 — the pairing page's window: an ordinary window for the technician (not the kiosk lockdown: nobody
 * sits a test in it), with the same security webPreferences and its own preload. Under the OS kiosk session it
 * is the only window anyway.
 */
export function pairingWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  const kiosk = kioskWindowOptions(preloadPath);
  return {
    width: 960, height: 820, minWidth: 480, minHeight: 480, center: true, show: false, autoHideMenuBar: true,
    backgroundColor: '#f6f6f2', title: 'Passation — appairage du poste',
    webPreferences: { ...kiosk.webPreferences },
  };
}
