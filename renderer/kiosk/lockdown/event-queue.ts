import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KioskEvent } from '../../../shared/formats/kiosk-api';
import type { Result } from '../../../shared/result';
import type { ClientError } from '../../ui/api-client';
import { backoffDelay } from '../../ui/reconnect-backoff';

/**
 * kiosk-lockdown §2–3 — the lockdown events on their way to the station (`POST /api/kiosk/events`): kept in
 * order and sent one at a time until the station acknowledges each; while it does not answer they wait and go,
 * oldest first, when it answers again. Replays are harmless (the station keeps one per `clientEventId`).
 * Memory only, like the entry token they are sent with (R-SESS-5): a reload is a new entry, which the station
 * records itself; the shell's own events are kept by the shell until acknowledged, so a reload loses none of them.
 */

export type LockdownEventBody = KioskEvent & { clientEventId: string };

/** What the station's answer means for one event (pure). */
export type EventDelivery =
  | { kind: 'delivered' }
  /** Not now: the network, a timeout, the station busy or failing. `afterMs` when the station said when. */
  | { kind: 'retry'; afterMs: number | null }
  /** Refused for what it is (a 4xx): sending it again would get the same answer. */
  | { kind: 'dropped'; code: string };

export function deliveryOf(answer: Result<unknown, ClientError>): EventDelivery {
  if (answer.ok) return { kind: 'delivered' };
  const error = answer.error;
  if (error.kind !== 'refused') return { kind: 'retry', afterMs: null };
  if (error.status === 429) return { kind: 'retry', afterMs: Math.max(1, error.error.retryAfterSeconds ?? 1) * 1000 };
  if (error.status >= 500) return { kind: 'retry', afterMs: null };
  return { kind: 'dropped', code: error.error.code };
}

export interface EventQueueState {
  /** Events not yet acknowledged, the one being sent included. */
  pending: number;
  /** The last events refused for good (at most `MAX_DROPPED_KEPT`), for diagnostics. */
  dropped: { clientEventId: string; code: string }[];
  /** Why the head waits: `network`, `timeout`, a refusal code, `noEntry` (nobody checked in yet); null when all is well. */
  waitingFor: string | null;
}

export interface EventQueueOptions {
  /** One call to the station with this entry token (the kiosk's device credentials ride on the cookie). */
  send(body: LockdownEventBody, entryToken: string): Promise<Result<unknown, ClientError>>;
  /** The entry token now, for events that were noticed before the pupil checked in (the shell's). */
  currentEntryToken(): string | null;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  random?: () => number;
  /** Beyond this many, the oldest is dropped (`queueFull`): a kiosk cut off for hours must not grow without end. */
  maxKept?: number;
}

export interface EventQueue {
  store: StoreApi<EventQueueState>;
  /**
   * Keeps an event; `entryToken` is the one of the moment it happened (null: the one current when it is sent).
   * `onSettled` once the station acknowledged it or refused it for good (the shell then forgets it).
   */
  push(body: LockdownEventBody, entryToken: string | null, onSettled?: () => void): void;
  /** Try now (the station answers again, an entry started): a pending wait is cut short. */
  flush(): void;
  stop(): void;
}

const MAX_DROPPED_KEPT = 20;
const NO_ENTRY_RECHECK_MS = 2000;

interface Pending { body: LockdownEventBody; entryToken: string | null; onSettled?: () => void }

export function createEventQueue(options: EventQueueOptions): EventQueue {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const random = options.random ?? Math.random;
  const maxKept = options.maxKept ?? 200;
  const queue: Pending[] = [];
  const store = createStore<EventQueueState>(() => ({ pending: 0, dropped: [], waitingFor: null }));
  let sending = false;
  let timer: unknown = null;
  let failures = 0;
  let stopped = false;

  const drop = (event: Pending, code: string) => {
    store.setState((s) => ({ dropped: [...s.dropped, { clientEventId: event.body.clientEventId, code }].slice(-MAX_DROPPED_KEPT) }));
  };
  const publish = (waitingFor: string | null) => store.setState({ pending: queue.length, waitingFor });
  const wait = (ms: number, why: string) => {
    publish(why);
    timer = setTimer(() => { timer = null; void drain(); }, ms);
  };

  async function drain(): Promise<void> {
    if (sending || timer !== null || stopped) return;
    const head = queue[0];
    if (!head) return publish(null);
    const entryToken = head.entryToken ?? options.currentEntryToken();
    if (entryToken === null) return wait(NO_ENTRY_RECHECK_MS, 'noEntry');
    sending = true;
    const answer = await options.send(head.body, entryToken);
    sending = false;
    if (stopped) return;
    const delivery = deliveryOf(answer);
    if (delivery.kind === 'retry') {
      const why = answer.ok ? 'retry' : answer.error.kind === 'refused' ? answer.error.error.code : answer.error.kind;
      return wait(delivery.afterMs ?? backoffDelay(failures++, random()), why);
    }
    failures = 0;
    queue.shift();
    if (delivery.kind === 'dropped') drop(head, delivery.code);
    head.onSettled?.();
    publish(null);
    return drain();
  }

  return {
    store,
    push(body, entryToken, onSettled) {
      if (stopped) return;
      if (queue.some((e) => e.body.clientEventId === body.clientEventId)) return;
      queue.push({ body, entryToken, ...(onSettled ? { onSettled } : {}) });
      // The one being sent (index 0 while `sending`) is never the one dropped.
      while (queue.length > maxKept) {
        const [oldest] = queue.splice(sending ? 1 : 0, 1);
        if (oldest) drop(oldest, 'queueFull');
      }
      publish(store.getState().waitingFor);
      void drain();
    },
    flush() {
      if (timer !== null) { clearTimer(timer); timer = null; }
      failures = 0;
      void drain();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
