import type { ConsoleToServer, ServerToConsole } from '../../shared/formats/live-messages';
import { LIVE_ROUTES } from '../../shared/formats/routes';
import { openLiveConnection, type LiveConnection } from './live-connection';
import { liveUrl, worthRetrying, type Extra, type PageOrigin } from './station-live';

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
