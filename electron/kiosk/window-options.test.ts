import { describe, expect, it } from 'vitest';
import { kioskWindowOptions, WINDOW_CALLS } from './window-options';

describe('kioskWindowOptions (kiosk-lockdown §2, Electron security checklist)', () => {
  const options = kioskWindowOptions('/app/preload.js');
  const web = options.webPreferences!;

  it('is a kiosk window the pupil cannot close, shrink, move or leave', () => {
    expect(options).toMatchObject({
      kiosk: true, fullscreen: true, frame: false, alwaysOnTop: true, closable: false, minimizable: false,
      maximizable: false, resizable: false, movable: false, skipTaskbar: true, show: false,
    });
    expect(WINDOW_CALLS).toEqual({ alwaysOnTopLevel: 'screen-saver', contentProtection: true, menu: null });
  });

  it('isolates the page: context isolation, sandbox, no Node anywhere, web security on, no devtools, no webview', () => {
    expect(web).toMatchObject({
      preload: '/app/preload.js', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true,
      allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, devTools: false,
      navigateOnDragDrop: false, disableDialogs: true,
    });
  });

  it('sets no option that would weaken the checklist', () => {
    const forbidden = ['enableBlinkFeatures', 'additionalArguments', 'partition', 'enableRemoteModule', 'plugins'];
    for (const key of forbidden) expect(web, key).not.toHaveProperty(key);
  });
});
