import { LIVE_CLOSE, type ConsoleToServer, type KioskToServer, type ServerToConsole, type ServerToKiosk } from '../../shared/formats/live-messages';
import { LIVE_ROUTES } from '../../shared/formats/routes';
import { openLiveConnection, type LiveConnection, type LiveConnectionOptions } from './live-connection';

/**
 * The station's two live endpoints (LIVE_ROUTES), typed by their message unions: the kiosk's and the console's
 * screens open them through these, never with a hand-written URL or schema. The browser sends the login or
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

type Extra<In, Out> = Omit<LiveConnectionOptions<In, Out>, 'url' | 'incoming' | 'outgoing' | 'onMessage'>;

/** The kiosk's socket: state changes, answer acknowledgements (`answerSaved`, `answerRefused`). */
export function openKioskLive(origin: PageOrigin, onMessage: (message: ServerToKiosk) => void,
  extra: Extra<ServerToKiosk, KioskToServer> = {}): LiveConnection<KioskToServer> {
  const route = LIVE_ROUTES.kioskLive;
  return openLiveConnection({
    shouldRetry: worthRetrying, ...extra,
    url: () => liveUrl(origin, route.path), incoming: route.sends, outgoing: route.receives, onMessage,
  });
}

/** The console's socket for one session: `candidates` on connection, then `candidate` on each change. */
export function openConsoleLive(origin: PageOrigin, sessionId: number | null, onMessage: (message: ServerToConsole) => void,
  extra: Extra<ServerToConsole, ConsoleToServer> = {}): LiveConnection<ConsoleToServer> {
  const route = LIVE_ROUTES.consoleLive;
  // An invigilator's login names the session; the manager names the one to watch.
  const query: Record<string, string> = sessionId === null ? {} : { sessionId: String(sessionId) };
  return openLiveConnection({
    shouldRetry: worthRetrying, ...extra,
    url: () => liveUrl(origin, route.path, query), incoming: route.sends, outgoing: route.receives, onMessage,
  });
}
