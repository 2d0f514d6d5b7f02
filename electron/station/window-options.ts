import type { BrowserWindowConstructorOptions } from 'electron';

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
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: options.devTools,
      navigateOnDragDrop: false,
      // Chromium's spellchecker downloads its dictionaries from Google: the console makes no outside request.
      spellcheck: false,
      safeDialogs: true,
      enableWebSQL: false,
    },
  };
}
