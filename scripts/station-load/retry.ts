import type { StationResponse } from './station-client';

/** Why the load generator stopped trying (it does not stop on a refusal: the caller reads the status). */
export class GaveUp extends Error {}

/** Waits between attempts while the station is unreachable (killed, restarting). */
const BACKOFF_MS = [50, 100, 200, 300, 500];

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request until the station answers with something other than a 5xx: a kiosk keeps what it has not seen
 * acknowledged and sends it again when the station is back (the routes are idempotent). Gives up (GaveUp) when
 * `keepTrying()` says so, e.g. at the end of the run.
 */
export async function untilAnswered(send: () => Promise<StationResponse>, keepTrying: () => boolean, onRetry?: () => void): Promise<StationResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await send();
      if (response.status < 500) return response;
    } catch {
      // connection refused or reset, timeout: the station is down or restarting
    }
    if (!keepTrying()) throw new GaveUp('la station ne répond plus');
    onRetry?.();
    await sleep(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!);
  }
}
