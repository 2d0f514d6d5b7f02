import { app, powerSaveBlocker, type BrowserWindow } from 'electron';
import { rendererGoneDecision } from './crash-policy';

/** Single instance: a second launch focuses the running kiosk and quits. Returns false in the second instance. */
export function setupSingleInstance(focus: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = focus();
    if (window) { window.show(); window.focus(); }
  });
  return true;
}

/** Keeps the display awake for as long as the shell runs (a test is what it shows). */
export function setupPowerSaveBlocker(): number {
  return powerSaveBlocker.start('prevent-display-sleep');
}

/** Relaunch: the page reloads after its renderer dies; crashing in a loop relaunches the shell. */
export function setupCrashRelaunch(window: BrowserWindow, clock: () => number = Date.now): void {
  let recent: number[] = [];
  window.webContents.on('render-process-gone', () => {
    const decision = rendererGoneDecision(recent, clock());
    recent = decision.recent;
    if (decision.action === 'reload') window.webContents.reload();
    else { app.relaunch(); app.exit(0); }
  });
  window.webContents.on('unresponsive', () => window.webContents.forcefullyCrashRenderer());
}
