import type { WebPreferences } from 'electron';

/**
 * The Electron security checklist's webPreferences, shared by the kiosk's and the station's windows (each adds its
 * own: the kiosk its preload and no devtools, the station devtools in a development run only): the page isolated
 * from Node and sandboxed, web security on, no insecure content, no experimental features, no <webview>, no
 * navigation by dropping a file, no spellchecker (it downloads its dictionaries from Google: the shells make no
 * outside request), dialogs a page cannot loop, no WebSQL.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  enableWebSQL: false,
} as const satisfies WebPreferences;
