import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AnswerAck, KioskAnswer } from '../../../shared/formats/kiosk-api';
import type { ServerToKiosk } from '../../../shared/formats/live-messages';
import type { Result } from '../../../shared/result';
import type { ClientError } from '../../ui/api-client';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../../ui/reconnect-backoff';
import type { AnswerOwner, AnswerStore, StoreError } from './answer-store';
import type { KeptAnswer } from './kiosk-database';
import { decideRefusal } from './refusal-policy';

/**
 * The outbox (R-VAL-4: answers are never lost): sends the test's pending answers one at a time, oldest first, on
 * the kiosk's socket when it is open, else over HTTP; marks an answer sent only on the station's acknowledgement
 * (`answerSaved` for the same `clientAnswerId`, or the HTTP route's 200); retries with backoff and jitter; obeys
 * refusals by their code (refusal-policy.ts). One drain runs at a time and one answer is in flight at a time, so
 * the queue drains once when the link returns and no answer is ever sent twice at once. Replays are harmless:
 * the station is idempotent per candidate and challenge and gives the first acknowledgement again.
 */

/** The kiosk's socket as the outbox uses it (live-links.ts adapts `openKioskLive`). */
export interface LiveAnswerLink {
  isOpen(): boolean;
  /** Sends `{type:"answer", entryToken, body}`; false when the socket is not open. */
  send(entryToken: string, body: KioskAnswer): boolean;
  /** Called with true when the socket opens, false when it closes; returns the unsubscribe. */
  onOpenChange(listener: (open: boolean) => void): () => void;
}

/** `POST /api/kiosk/answers` with the entry token (answer-links.ts adapts the typed client). */
export type HttpAnswerLink = (entryToken: string, body: KioskAnswer) => Promise<Result<AnswerAck, ClientError>>;

export type OutboxWait =
  | { kind: 'backoff'; until: number }
  | { kind: 'retryAfter'; until: number }
  /** No entry token, or the station refused the entry: waits for `entryChanged()`. */
  | { kind: 'entry' };

export interface OutboxState {
  /** Answers kept here that the station has not acknowledged (the banner: « vos réponses sont gardées… »). */
  pending: number;
  /** Answers the station refused for good, kept here and reported. */
  setAside: number;
  station: 'unknown' | 'reachable' | 'unreachable';
  /** The code of the last failure (`network`, `timeout`, `ackTimeout`, `linkClosed`, a refusal code), null after a success. */
  lastError: string | null;
  waiting: OutboxWait | null;
  /** An answer is on its way. */
  sending: boolean;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface OutboxOptions {
  store: AnswerStore;
  owner: AnswerOwner;
  /** The current entry token (in memory only, R-SESS-5); null before check-in. */
  entryToken: () => string | null;
  live?: LiveAnswerLink;
  http: HttpAnswerLink;
  backoff?: BackoffPolicy;
  /** How long an answer sent on the socket waits for its `answerSaved` before it is sent again (default 10 s). */
  ackTimeoutMs?: number;
  /** Told of each answer set aside (for the console's attention through the screens). */
  onSetAside?: (answer: KeptAnswer, refusal: { status: number; code: string }) => void;
  random?: () => number;
  now?: () => number;
  timers?: Timers;
}

export interface Outbox {
  state: StoreApi<OutboxState>;
  /** Keeps the answer durably (resolves once on disk), then queues it. The screen moves on after this. */
  keep(body: KioskAnswer): Promise<Result<{ answer: KeptAnswer; already: boolean }, StoreError>>;
  /** Feed every message of the kiosk's socket: `answerSaved` and `answerRefused` are the outbox's. */
  receive(message: ServerToKiosk): void;
  /** The entry token changed or the entry was started (resume authorised): the queue may go on. */
  entryChanged(): void;
  /** Starts a drain (on start-up: answers kept before a reload go first). */
  flush(): void;
  stop(): void;
}

type Outcome =
  | { kind: 'saved'; ack: AnswerAck }
  | { kind: 'refused'; status: number; code: string; retryAfterSeconds?: number | undefined }
  /** No answer from the station: `immediate` when the socket closed under it (the next try goes by HTTP). */
  | { kind: 'failed'; code: string; reachable: boolean; immediate?: boolean };

export const DEFAULT_ACK_TIMEOUT_MS = 10_000;

/** What the screens show of the outbox (pure, for the banner): nothing, the calm « kept here » banner, or answers set aside. */
export type OutboxBanner =
  | { kind: 'none' }
  /** « Vos réponses sont gardées sur cet ordinateur » while the station cannot be reached. */
  | { kind: 'keptHere'; pending: number }
  /** The station refused some answers for good: call the invigilator. */
  | { kind: 'setAside'; count: number };

export function outboxBanner(state: Pick<OutboxState, 'pending' | 'setAside' | 'station'>): OutboxBanner {
  if (state.setAside > 0) return { kind: 'setAside', count: state.setAside };
  if (state.station === 'unreachable') return { kind: 'keptHere', pending: state.pending };
  return { kind: 'none' };
}

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, owner, live, http } = options;
  const timers = options.timers ?? browserTimers;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const state = createStore<OutboxState>(() => ({
    pending: 0, setAside: 0, station: live?.isOpen() ? 'reachable' : 'unknown', lastError: null, waiting: null, sending: false,
  }));

  let running = false;
  let again = false;
  let stopped = false;
  let failures = 0;
  let waitTimer: unknown = null;
  /** The answer in flight on the socket, and how to end its attempt. */
  let onSocket: { clientAnswerId: string; finish: (outcome: Outcome) => void } | null = null;

  const waiting = () => state.getState().waiting;
  function setWait(wait: OutboxWait | null, ms = 0): void {
    if (waitTimer !== null) timers.clear(waitTimer);
    waitTimer = null;
    state.setState({ waiting: wait });
    if (wait && wait.kind !== 'entry') {
      waitTimer = timers.set(() => {
        waitTimer = null;
        state.setState({ waiting: null });
        void drain();
      }, ms);
    }
  }

  async function refreshCounts(): Promise<void> {
    const answers = await store.answersOf(owner.testKey);
    state.setState({
      pending: answers.filter((a) => a.state.kind === 'pending').length,
      setAside: answers.filter((a) => a.state.kind === 'setAside').length,
    });
  }

  function backoff(): void {
    const delay = backoffDelay(failures, random(), policy);
    failures += 1;
    setWait({ kind: 'backoff', until: now() + delay }, delay);
  }

  function attempt(answer: KeptAnswer, entryToken: string): Promise<Outcome> {
    if (live?.isOpen()) {
      let finish: (outcome: Outcome) => void = () => {};
      const onLink = new Promise<Outcome>((resolve) => {
        const timeout = timers.set(() => finish({ kind: 'failed', code: 'ackTimeout', reachable: false }), ackTimeoutMs);
        finish = (outcome: Outcome) => {
          if (onSocket?.finish !== finish) return;
          onSocket = null;
          timers.clear(timeout);
          resolve(outcome);
        };
        onSocket = { clientAnswerId: answer.clientAnswerId, finish };
      });
      if (live.send(entryToken, answer.body)) return onLink;
      // Closed between the check and the send: this attempt goes by HTTP.
      onSocket = null;
    }
    return http(entryToken, answer.body).then((result): Outcome => {
      if (result.ok) return { kind: 'saved', ack: result.value };
      const failure = result.error;
      switch (failure.kind) {
        case 'refused': return { kind: 'refused', status: failure.status, code: failure.error.code, retryAfterSeconds: failure.error.retryAfterSeconds };
        case 'invalidResponse': return { kind: 'failed', code: 'invalidResponse', reachable: true };
        case 'network': return { kind: 'failed', code: 'network', reachable: false };
        case 'timeout': return { kind: 'failed', code: 'timeout', reachable: false };
      }
    });
  }

  async function settle(answer: KeptAnswer, outcome: Outcome): Promise<void> {
    if (outcome.kind === 'saved') {
      const marked = await store.markSent(answer.clientAnswerId, outcome.ack, now());
      if (!marked.ok) {
        state.setState({ lastError: 'ackMismatch', station: 'reachable' });
        backoff();
        return;
      }
      failures = 0;
      state.setState({ lastError: null, station: 'reachable' });
      return;
    }
    if (outcome.kind === 'failed') {
      state.setState({ lastError: outcome.code, station: outcome.reachable ? 'reachable' : 'unreachable' });
      if (!outcome.immediate) backoff();
      return;
    }
    state.setState({ lastError: outcome.code, station: 'reachable' });
    const decision = decideRefusal(outcome);
    switch (decision.kind) {
      case 'retry': return backoff();
      case 'retryAfter': return setWait({ kind: 'retryAfter', until: now() + decision.ms }, decision.ms);
      case 'waitForEntry': return setWait({ kind: 'entry' });
      case 'setAside': {
        const refusal = { status: outcome.status, code: outcome.code };
        const aside = await store.setAside(answer.clientAnswerId, refusal, now());
        if (aside.ok && aside.value.changed) options.onSetAside?.(aside.value.answer, refusal);
        return;
      }
    }
  }

  async function drain(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        while (!stopped && waiting() === null) {
          const entryToken = options.entryToken();
          if (entryToken === null) {
            setWait({ kind: 'entry' });
            break;
          }
          const [next] = await store.pending(owner.testKey);
          if (!next) break;
          state.setState({ sending: true });
          const outcome = await attempt(next, entryToken);
          state.setState({ sending: false });
          if (stopped) break;
          await settle(next, outcome);
          await refreshCounts();
        }
      } while (again && !stopped && waiting() === null);
    } catch (error) {
      // IndexedDB failed under us: nothing was marked; try again later.
      state.setState({ sending: false, lastError: 'storeFailed' });
      console.warn('File des réponses : lecture impossible', error);
      if (!stopped) backoff();
    } finally {
      running = false;
    }
    if (!stopped) await refreshCounts().catch(() => {});
  }

  const unsubscribe = live?.onOpenChange((open) => {
    if (open) {
      state.setState({ station: 'reachable' });
      // The link is back: no more backoff, one drain (the running one if any).
      if (waiting()?.kind === 'backoff') setWait(null);
      failures = 0;
      void drain();
    } else {
      state.setState({ station: 'unreachable' });
      onSocket?.finish({ kind: 'failed', code: 'linkClosed', reachable: false, immediate: true });
    }
  });

  return {
    state,
    async keep(body) {
      const kept = await store.keep(owner, body, now());
      if (kept.ok) {
        // Resolved as soon as the answer is on disk: the count and the sending follow, the screen does not wait.
        void refreshCounts().catch(() => {});
        void drain();
      }
      return kept;
    },
    receive(message) {
      if (message.type === 'answerSaved') {
        if (onSocket?.clientAnswerId === message.clientAnswerId) {
          onSocket.finish({ kind: 'saved', ack: message.ack });
          return;
        }
        // A late acknowledgement (of an attempt given up): still the station's word for this answer.
        void store.markSent(message.clientAnswerId, message.ack, now()).then(() => refreshCounts()).catch(() => {});
        return;
      }
      if (message.type === 'answerRefused' && message.clientAnswerId !== null && onSocket?.clientAnswerId === message.clientAnswerId) {
        onSocket.finish({ kind: 'refused', status: message.status, code: message.error.code, retryAfterSeconds: message.error.retryAfterSeconds });
      }
      // A refusal for an attempt given up changes nothing: the answer stays pending and is sent again.
    },
    entryChanged() {
      if (waiting()?.kind === 'entry') setWait(null);
      void drain();
    },
    flush() {
      void refreshCounts().catch(() => {});
      void drain();
    },
    stop() {
      stopped = true;
      unsubscribe?.();
      setWait(null);
      onSocket?.finish({ kind: 'failed', code: 'stopped', reachable: false, immediate: true });
    },
  };
}
