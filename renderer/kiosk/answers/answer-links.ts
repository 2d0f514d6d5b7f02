import type { KioskToServer } from '../../../shared/formats/live-messages';
import { ROUTES } from '../../../shared/formats/routes';
import { createApiClient, type ApiClientOptions } from '../../ui/api-client';
import type { LiveConnection } from '../../ui/live-connection';
import type { HttpAnswerLink, LiveAnswerLink } from './outbox';

/**
 * The outbox's two ways to the station, over the screens' only socket and only fetch: the kiosk's live
 * connection (`openKioskLive`, station-live.ts) and the typed client (`ROUTES.answer`).
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
 * `POST /api/kiosk/answers` with the entry token in `x-passation-entry` (the client's `headers` hook, read when
 * the call starts; `options.headers` gives the device token where no cookie does).
 */
export function httpAnswerLink(options: ApiClientOptions = {}): HttpAnswerLink {
  let entryToken = '';
  const client = createApiClient({ ...options, headers: () => ({ ...options.headers?.(), 'x-passation-entry': entryToken }) });
  return (entry, body) => {
    entryToken = entry;
    return client.call(ROUTES.answer, { body });
  };
}
