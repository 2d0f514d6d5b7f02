import './lockdown.css';
import { ENTRY_TOKEN_HEADER } from '../../../shared/formats/kiosk-api';
import type { KioskBridge } from '../../../shared/formats/kiosk-bridge';
import { KIOSK_ROUTES } from '../../../shared/formats/kiosk-routes';
import { createApiClient, type ApiClient } from '../../ui/api-client';
import { createEventQueue, type EventQueue } from './event-queue';
import { watchFocus } from './focus-monitor';
import { focusEventOf, newClientEventId, type LockdownContext } from './lockdown-events';
import { restrictPage } from './page-restrictions';

export interface PageLockdownOptions {
  /** The entry token and the challenge on screen, now (from the flow's store). */
  context(): LockdownContext;
  /** The page lost focus (the flow marks a focused challenge, R-VAL-5). */
  onFocusLost(): void;
  /** The shell's bridge when the page runs in it: its own events go through the same queue. */
  bridge?: KioskBridge | null;
  /** Default: the page's own window. */
  win?: Window;
  /** Default: a client whose entry header is each event's own. */
  client?: (entryToken: () => string | null) => ApiClient;
}

export interface PageLockdown { queue: EventQueue; stop(): void }

/**
 * kiosk-lockdown §3 — the in-page lockdown, started once by the kiosk page: the restrictions, the focus watch,
 * each focus change sent to the station with the entry token of its moment, and the shell's events relayed
 * (acknowledged to the shell once the station has them, so a reload loses none).
 */
export function startPageLockdown(options: PageLockdownOptions): PageLockdown {
  const win = options.win ?? window;
  let sendingWith: string | null = null;
  const makeClient = options.client ?? ((token) => createApiClient({ headers: (): Record<string, string> => { const t = token(); return t ? { [ENTRY_TOKEN_HEADER]: t } : {}; } }));
  const client = makeClient(() => sendingWith);
  const queue = createEventQueue({
    async send(body, entryToken) {
      sendingWith = entryToken;
      const call = client.call(KIOSK_ROUTES.kioskEvent, { body });
      sendingWith = null;
      return call;
    },
    currentEntryToken: () => options.context().entryToken,
  });

  // The pupil's challenge when they left: the return is reported against it too.
  let leftFrom: LockdownContext | null = null;
  // kiosk-lockdown §2: while the shell shows an attachment in a permitted application, leaving the page is expected
  // (the shell logs the switch itself): no focus loss from the page then, no false alarm.
  let permittedApplicationOpen = false;
  const stopFocus = watchFocus(win, (change, at) => {
    if (permittedApplicationOpen && change.kind === 'lost') return;
    if (change.kind === 'regained' && leftFrom === null) return; // an absence that was not reported
    const context = change.kind === 'lost' ? options.context() : leftFrom ?? options.context();
    leftFrom = change.kind === 'lost' ? context : null;
    if (change.kind === 'lost') options.onFocusLost();
    // Before check-in there is nobody to report about: the station records only entries' events.
    if (context.entryToken === null) return;
    queue.push(focusEventOf(change, at, context.challengeId, newClientEventId()), context.entryToken);
  });
  const unrestrict = restrictPage(win);
  // `?.()`: a page given a partial bridge (the demo banner's test) runs without the shell's events.
  const unsubscribeShell = options.bridge?.onLockdownEvent?.((event) => {
    if (event.kind === 'allowedApplicationOpened') permittedApplicationOpen = true;
    if (event.kind === 'allowedApplicationClosed') permittedApplicationOpen = false;
    queue.push(event, null, () => options.bridge?.acknowledgeLockdownEvents([event.clientEventId]));
  });

  return {
    queue,
    stop() {
      stopFocus();
      unrestrict();
      unsubscribeShell?.();
      queue.stop();
    },
  };
}
