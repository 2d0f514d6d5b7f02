import type { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { err, ok, type Result } from '../../shared/result';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './reconnect-backoff';

/**
 * The one module of the screens that opens a WebSocket (style.md "in the screens"): every message parsed on
 * arrival with the given schema (an unparsable or unknown one is dropped and reported, never thrown), outgoing
 * messages checked with theirs, reconnection by itself with capped exponential backoff and jitter, and its state
 * in a zustand store for the screens to show.
 */

/** What the browser's `WebSocket` offers and this module uses (injected in tests: Node 20 has no global WebSocket). */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type LiveSocketConstructor = new (url: string, protocols?: string | string[]) => LiveSocket;
const OPEN = 1;

export type LiveStatus =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open'; since: number }
  /** Closed; the next attempt is at `nextAttemptAt` (epoch ms). */
  | { kind: 'retrying'; attempt: number; nextAttemptAt: number; closeCode: number | null }
  /** Closed for good: `stop()` was called (code null) or the server's close code says retrying is pointless. */
  | { kind: 'stopped'; closeCode: number | null };

export interface LiveConnectionState {
  status: LiveStatus;
  /** Incoming messages dropped because they were not JSON or not in the union. */
  droppedMessages: number;
}

export type DroppedMessage = { reason: 'notJson' | 'notText'; raw: string } | { reason: 'invalid'; raw: string; issues: string[] };
export type SendError = { kind: 'notOpen' } | { kind: 'invalid'; issues: string[] };

export interface LiveConnectionOptions<In, Out> {
  /** Called before each attempt (a token in the URL may change between attempts). */
  url: () => string;
  protocols?: string[];
  incoming: z.ZodType<In>;
  outgoing: z.ZodType<Out>;
  onMessage: (message: In) => void;
  /** Reports a dropped incoming message (default: `console.warn`). */
  onDropped?: (dropped: DroppedMessage) => void;
  /** Called on each successful open (e.g. to ask for a snapshot). */
  onOpen?: () => void;
  /** False for close codes after which retrying cannot help (login expired or revoked); default: always retry. */
  shouldRetry?: (closeCode: number) => boolean;
  backoff?: BackoffPolicy;
  /** Default: the global `WebSocket`. */
  WebSocket?: LiveSocketConstructor;
  random?: () => number;
  now?: () => number;
}

export interface LiveConnection<Out> {
  state: StoreApi<LiveConnectionState>;
  send(message: Out): Result<void, SendError>;
  /** Closes the socket and stops retrying. */
  stop(): void;
}

const issuesOf = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`);
const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

export function openLiveConnection<In, Out>(options: LiveConnectionOptions<In, Out>): LiveConnection<Out> {
  const found = options.WebSocket ?? (globalThis as { WebSocket?: LiveSocketConstructor }).WebSocket;
  if (!found) throw new Error('WebSocket indisponible dans cet environnement : passez le constructeur en option.');
  const Socket: LiveSocketConstructor = found;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const report = options.onDropped ?? ((dropped: DroppedMessage) => console.warn('Message du poste ignoré', dropped));
  const state = createStore<LiveConnectionState>(() => ({ status: { kind: 'connecting', attempt: 0 }, droppedMessages: 0 }));
  const setStatus = (status: LiveStatus) => state.setState({ status });

  let socket: LiveSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let stopped = false;

  const drop = (dropped: DroppedMessage) => {
    state.setState((s) => ({ droppedMessages: s.droppedMessages + 1 }));
    report(dropped);
  };

  const receive = (data: unknown) => {
    if (typeof data !== 'string') return drop({ reason: 'notText', raw: excerpt(String(data)) });
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return drop({ reason: 'notJson', raw: excerpt(data) });
    }
    const parsed = options.incoming.safeParse(json);
    if (!parsed.success) return drop({ reason: 'invalid', raw: excerpt(data), issues: issuesOf(parsed.error) });
    options.onMessage(parsed.data);
  };

  const retryLater = (closeCode: number | null) => {
    const delay = backoffDelay(failures, random(), policy);
    failures += 1;
    setStatus({ kind: 'retrying', attempt: failures, nextAttemptAt: now() + delay, closeCode });
    timer = setTimeout(connect, delay);
  };

  function connect(): void {
    timer = null;
    if (stopped) return;
    setStatus({ kind: 'connecting', attempt: failures });
    let opened: LiveSocket;
    try {
      opened = new Socket(options.url(), options.protocols);
    } catch {
      retryLater(null); // a malformed URL: retried, the URL function may give a better one
      return;
    }
    socket = opened;
    opened.onopen = () => {
      failures = 0;
      setStatus({ kind: 'open', since: now() });
      options.onOpen?.();
    };
    opened.onmessage = (event) => receive(event.data);
    opened.onerror = () => {}; // a close event always follows
    opened.onclose = (event) => {
      if (socket === opened) socket = null;
      if (stopped) return;
      if (options.shouldRetry && !options.shouldRetry(event.code)) {
        stopped = true;
        setStatus({ kind: 'stopped', closeCode: event.code });
        return;
      }
      retryLater(event.code);
    };
  }

  connect();
  return {
    state,
    send(message) {
      const checked = options.outgoing.safeParse(message);
      if (!checked.success) return err({ kind: 'invalid', issues: issuesOf(checked.error) });
      if (!socket || socket.readyState !== OPEN) return err({ kind: 'notOpen' });
      socket.send(JSON.stringify(checked.data));
      return ok(undefined);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      socket?.close(1000, 'fermeture');
      socket = null;
      setStatus({ kind: 'stopped', closeCode: null });
    },
  };
}
