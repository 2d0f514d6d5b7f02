import type { BrowserWindowConstructorOptions } from 'electron';
import { SECURE_WEB_PREFERENCES } from '../shell-common/secure-web-preferences';

/**
 * Issue 10 §2 — the console window: an ordinary desktop window (the invigilator moves, resizes, zooms it), the
 * Electron security checklist in its webPreferences. No preload: the console is the station's web page, the same
 * as in any browser, and needs nothing from the shell. Devtools only in a development run (`app.isPackaged` false).
 */
export function consoleWindowOptions(options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 800,
    minHeight: 560,
    center: true,
    show: false,
    title: 'Passation — poste du surveillant',
    backgroundColor: '#ffffff',
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: options.devTools },
  };
}
