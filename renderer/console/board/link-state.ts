import type { LiveStatus } from '../../ui/live-connection';
import type { StationStatus } from '../../ui/station/station-status-store';

/**
 * Pure: whether the board shows « Le poste du surveillant ne répond pas… ». The health check failed, or the
 * console socket that was open is retrying (it reconnects by itself; `openConsoleLive`).
 */
export interface BoardLink { live: LiveStatus | null; wasOpen: boolean }

export function boardLinkAfter(previous: BoardLink, live: LiveStatus): BoardLink {
  return { live, wasOpen: previous.wasOpen || live.kind === 'open' };
}

export function boardUnreachable(health: StationStatus, link: BoardLink): boolean {
  if (health.kind === 'unreachable') return true;
  return link.live !== null && link.wasOpen && link.live.kind === 'retrying';
}
