import { app, dialog, type BrowserWindow } from 'electron';
import type { LiveSessionActivity } from '../centre/station-activity';
import { QUIT_BUTTON, quitDecision } from './quit-policy';

/** Single instance (issue 10 §2): a second launch brings the running station's window forward and quits. */
export function setupSingleInstance(focus: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = focus();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}

export interface QuitGuard {
  /** Resolves once the station is closed and the shell exits. */
  closed: Promise<void>;
}

/**
 * Quitting (the window's close button, « Quitter », Cmd+Q, Ctrl+C in the terminal) asks first while a session is
 * live (quit-policy.ts, from the centre's database in-process); then the server and the database are closed
 * before the shell exits. Closing the console window quits the station on every platform: a station without
 * its window would serve the kiosks with nobody watching.
 */
export function setupQuitGuard(deps: { window: BrowserWindow; activity: () => LiveSessionActivity[]; close: () => Promise<void>; log: (line: string) => void }): QuitGuard {
  let confirmed = false;
  let asking = false;
  let closing = false;
  let done: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => { done = resolve; });

  const request = (event: { preventDefault(): void }) => {
    if (confirmed) return;
    let decision;
    try {
      decision = quitDecision(deps.activity());
    } catch (error) {
      deps.log(`activité des sessions illisible (${(error as Error).message}) : le poste quitte sans demander`);
      decision = { action: 'quit' } as const;
    }
    if (decision.action === 'quit') { confirmed = true; return; }
    event.preventDefault();
    if (asking) return;
    asking = true;
    const shown = deps.window.isDestroyed() ? dialog.showMessageBox(decision.dialog) : dialog.showMessageBox(deps.window, decision.dialog);
    shown.then(({ response }) => {
      asking = false;
      if (response !== QUIT_BUTTON) return;
      confirmed = true;
      app.quit();
    }, (error: unknown) => { asking = false; deps.log(`dialogue de sortie : ${(error as Error).message}`); });
  };
  deps.window.on('close', request);
  app.on('before-quit', request);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (closing) return;
    event.preventDefault();
    closing = true;
    deps.close().catch((error: unknown) => deps.log(`arrêt du serveur : ${(error as Error).message}`)).finally(() => {
      done();
      app.exit(0);
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  return { closed };
}
