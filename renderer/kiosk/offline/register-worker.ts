import { err, ok, type Result } from '../../../shared/result';
import { KIOSK_SCOPE, KIOSK_WORKER } from './worker-routes';

/** Why the kiosk runs without its offline worker (reported, never thrown: the kiosk works without it, online). */
export type WorkerProblem =
  | { kind: 'unsupported' }
  | { kind: 'refused'; message: string };

/** What the registration needs from the browser (`navigator.serviceWorker`, `isSecureContext`): injected for tests. */
export interface WorkerHost {
  isSecureContext: boolean;
  serviceWorker?: { register(url: string, options: RegistrationOptions): Promise<unknown> };
}

/**
 * Issue 8 §2 — registers the kiosk's service worker (`/kiosk/service-worker.js`, scope `/kiosk/`) so that the
 * app is there again after a reload or a browser restart during an outage. Needs HTTPS with a trusted
 * certificate (the shell pins the station's; Chromium in the tests trusts it by its SPKI); `updateViaCache:
 * 'none'`: each check of a new version asks the station, never the HTTP cache.
 */
export async function registerKioskWorker(host: WorkerHost): Promise<Result<void, WorkerProblem>> {
  if (!host.isSecureContext || !host.serviceWorker) return err({ kind: 'unsupported' });
  try {
    await host.serviceWorker.register(KIOSK_WORKER, { scope: KIOSK_SCOPE, updateViaCache: 'none' });
    return ok(undefined);
  } catch (error) {
    return err({ kind: 'refused', message: error instanceof Error ? error.message : String(error) });
  }
}

/** The page's call (kiosk/main.tsx): the real browser's service workers. */
export function startKioskWorker(): Promise<Result<void, WorkerProblem>> {
  return registerKioskWorker({ isSecureContext: window.isSecureContext, serviceWorker: navigator.serviceWorker });
}
