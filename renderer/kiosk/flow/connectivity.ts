import type { LiveStatus } from '../../ui/live-connection';
import type { StationStatus } from '../../ui/station/station-status-store';

/**
 * Pure: whether the « station unreachable » banner shows. The health check failed, or the kiosk socket that was
 * open is retrying. A socket never opened yet (before pairing) says nothing.
 */
export function stationUnreachable(health: StationStatus, live: LiveStatus | null, liveWasOpen: boolean): boolean {
  if (health.kind === 'unreachable') return true;
  return live !== null && liveWasOpen && live.kind === 'retrying';
}

/** Pure: the page runs outside the kiosk shell when the shell's bridge (`window.passationKiosk`) is absent. */
export function outsideKioskShell(page: Record<string, unknown>, bridgeName: string): boolean {
  return page[bridgeName] === undefined;
}

/** The kiosk socket as the banner needs it: its status, and whether it was ever open. */
export interface LinkState { live: LiveStatus | null; wasOpen: boolean }

/** Pure: the link state after the socket's status changed. */
export function nextLinkState(previous: LinkState, live: LiveStatus): LinkState {
  return { live, wasOpen: previous.wasOpen || live.kind === 'open' };
}
