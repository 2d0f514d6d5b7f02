import { shellEvent, type Step } from './shell-event';

/**
 * kiosk-lockdown §2 — network lost / restored. Polled (Electron's `net.isOnline()`); a loss shorter than
 * NETWORK_LOSS_MIN_MS is a flap and is not reported; a restoration is reported only after a reported loss, with
 * how long the network was gone. The answers are safe either way (the page's outbox).
 */
export const NETWORK_LOSS_MIN_MS = 5_000;

export interface NetworkObservation { online: boolean; atMs: number }
export interface NetworkState { offlineSinceMs: number | null; reported: boolean }
export const NETWORK_START: NetworkState = { offlineSinceMs: null, reported: false };

export function networkStep(state: NetworkState, o: NetworkObservation): Step<NetworkState> {
  if (o.online) {
    if (state.offlineSinceMs === null) return { state, events: [] };
    const events = state.reported
      ? [shellEvent('networkRestored', 'réseau rétabli', o.atMs, { durationMs: o.atMs - state.offlineSinceMs })]
      : [];
    return { state: NETWORK_START, events };
  }
  const since = state.offlineSinceMs ?? o.atMs;
  if (state.reported || o.atMs - since < NETWORK_LOSS_MIN_MS) return { state: { offlineSinceMs: since, reported: state.reported }, events: [] };
  return { state: { offlineSinceMs: since, reported: true }, events: [shellEvent('networkLost', 'réseau perdu', since, { detectedAfterMs: o.atMs - since })] };
}
