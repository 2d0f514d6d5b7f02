import { LIVE_CLOSE, type KioskToServer, type ServerToKiosk } from '../../shared/formats/live-messages';
import { KIOSK_LIVE_ROUTES } from '../../shared/formats/kiosk-routes';
import { openLiveConnection, type LiveConnection, type LiveConnectionOptions } from './live-connection';

/**
 * The station's live endpoints, typed by their message unions: the kiosk's here (KIOSK_LIVE_ROUTES), the console's
 * in console-live.ts (apart, so that the kiosk page does not bundle the whole route table); the screens open them
 * through these, never with a hand-written URL or schema. The browser sends the login or
 * device cookie with the upgrade.
 */

/** Where the page was served from: the station (`window.location` in the screens). */
export interface PageOrigin { protocol: string; host: string }

/** `wss://host/path` for a page served over HTTPS (`ws://` only for a plain-HTTP test server). */
export function liveUrl(origin: PageOrigin, path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}${path}${search ? `?${search}` : ''}`;
}

/** After these close codes reconnecting cannot help: the login expired or was revoked (log in or pair again). */
export function worthRetrying(closeCode: number): boolean {
  return closeCode !== LIVE_CLOSE.expired && closeCode !== LIVE_CLOSE.revoked;
}

export type Extra<In, Out> = Omit<LiveConnectionOptions<In, Out>, 'url' | 'incoming' | 'outgoing' | 'onMessage'>;

/** The kiosk's socket: state changes, answer acknowledgements (`answerSaved`, `answerRefused`). */
export function openKioskLive(origin: PageOrigin, onMessage: (message: ServerToKiosk) => void,
  extra: Extra<ServerToKiosk, KioskToServer> = {}): LiveConnection<KioskToServer> {
  const route = KIOSK_LIVE_ROUTES.kioskLive;
  return openLiveConnection({
    shouldRetry: worthRetrying, ...extra,
    url: () => liveUrl(origin, route.path), incoming: route.sends, outgoing: route.receives, onMessage,
  });
}
