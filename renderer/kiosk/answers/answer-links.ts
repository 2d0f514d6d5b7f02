import type { KioskToServer } from '../../../shared/formats/live-messages';
import { KIOSK_ROUTES } from '../../../shared/formats/kiosk-routes';
import { createApiClient, type ApiClientOptions } from '../../ui/api-client';
import type { LiveConnection } from '../../ui/live-connection';
import type { HttpAnswerLink, LiveAnswerLink } from './outbox';

/**
 * The outbox's two ways to the station, over the screens' only socket and only fetch: the kiosk's live
 * connection (`openKioskLive`, station-live.ts) and the typed client (`KIOSK_ROUTES.answer`).
 */

export function liveAnswerLink(connection: LiveConnection<KioskToServer>): LiveAnswerLink {
  const isOpen = () => connection.state.getState().status.kind === 'open';
  return {
    isOpen,
    send: (entryToken, body) => connection.send({ type: 'answer', entryToken, body }).ok,
    onOpenChange(listener) {
      let open = isOpen();
      return connection.state.subscribe((s) => {
        const now = s.status.kind === 'open';
        if (now !== open) {
          open = now;
          listener(now);
        }
      });
    },
  };
}

/**
 * A live link that follows whichever kiosk socket is open now: the page opens its socket only once paired (and
 * again after a revocation), while the outbox exists from the moment a test is kept. `attach` each new connection.
 */
export interface RelayLiveLink extends LiveAnswerLink { attach(connection: LiveConnection<KioskToServer> | null): void }

export function relayLiveLink(): RelayLiveLink {
  let current: LiveAnswerLink | null = null;
  let unsubscribe: (() => void) | null = null;
  const listeners = new Set<(open: boolean) => void>();
  let open = false;
  const tell = (now: boolean) => {
    if (now === open) return;
    open = now;
    for (const listener of listeners) listener(now);
  };
  return {
    isOpen: () => current?.isOpen() ?? false,
    send: (entryToken, body) => current?.send(entryToken, body) ?? false,
    onOpenChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach(connection) {
      unsubscribe?.();
      current = connection ? liveAnswerLink(connection) : null;
      unsubscribe = current ? current.onOpenChange(tell) : null;
      tell(current?.isOpen() ?? false);
    },
  };
}

/**
 * `POST /api/kiosk/answers` with the entry token in `x-passation-entry` (the client's `headers` hook, read when
 * the call starts; `options.headers` gives the device token where no cookie does).
 */
export function httpAnswerLink(options: ApiClientOptions = {}): HttpAnswerLink {
  let entryToken = '';
  const client = createApiClient({ ...options, headers: () => ({ ...options.headers?.(), 'x-passation-entry': entryToken }) });
  return (entry, body) => {
    entryToken = entry;
    return client.call(KIOSK_ROUTES.answer, { body });
  };
}
