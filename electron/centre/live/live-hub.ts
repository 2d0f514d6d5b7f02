import type { WebSocket } from 'ws';
import type { LiveMessage } from '../../../shared/formats/centre-api';

/** WebSocket close codes the clients act on. */
export const LIVE_CLOSE = {
  /** The login expired: log in again. */
  expired: 4401,
  /** The login or the kiosk was revoked (logout, password reset, kiosk revoked). */
  revoked: 4403,
  /** The client did not read its messages fast enough. */
  tooSlow: 4408,
  /** The server stops. */
  shuttingDown: 1001,
} as const;

/** A client just connected: send it a first snapshot with `send`. */
export interface ConsoleClient { sessionId: number; send(message: LiveMessage): void }
export interface KioskClient { kioskId: number; send(message: LiveMessage): void }
/** The kiosk socket a message came from: `sendText` sends JSON text as it is (already serialised). */
export interface KioskSender { kioskId: number; sendText(text: string): void }

/** What a route plugin does with one type of kiosk message (`{type, …}` already parsed from JSON). */
export interface KioskMessageHandler {
  handle(from: KioskSender, message: Record<string, unknown>): void;
  /** The kiosk sent more than its share of messages: answer this one with a refusal (nothing is done). */
  tooMany(from: KioskSender, message: Record<string, unknown>, retryAfterSeconds: number): void;
}

/**
 * Messages a kiosk socket may send: a burst of this many, then this many a second (token bucket). A candidate
 * answers at most a few questions a second; the limit only protects the station from a flood.
 */
export const KIOSK_MESSAGE_RATE = { burst: 100, perSecond: 50 } as const;

/** What route plugins use (the delivery plugin pushes live state through it). */
export interface LiveHub {
  /** To every console watching the session (invigilators of that session, the manager). Returns the sockets reached. */
  publish(sessionId: number, message: LiveMessage): number;
  /** To one kiosk (all its sockets). */
  sendToKiosk(kioskId: number, message: LiveMessage): number;
  /** Notes which session a kiosk is sitting (after check-in), or none. */
  attachKiosk(kioskId: number, sessionId: number | null): void;
  /** To every kiosk attached to the session. */
  publishToKiosks(sessionId: number, message: LiveMessage): number;
  /** Called on each new console or kiosk socket; returns an unsubscribe function. */
  onConsoleConnect(listener: (client: ConsoleClient) => void): () => void;
  onKioskConnect(listener: (client: KioskClient) => void): () => void;
  /** Handles kiosk messages of one `type` (one handler per type); `ping` is the hub's own. */
  onKioskMessage(type: string, handler: KioskMessageHandler): () => void;
  connectionCounts(): { consoles: number; kiosks: number };
}

/** The server's side of the hub: the live routes add sockets, the auth routes close them. */
export interface LiveHubControl extends LiveHub {
  addConsole(socket: WebSocket, login: { sessionId: number; tokenHash: string; expiresAt: string }): void;
  addKiosk(socket: WebSocket, kioskId: number): void;
  disconnectKiosk(kioskId: number): void;
  disconnectLogins(tokenHashes: readonly string[]): void;
  close(): void;
}

/** Biggest message a console may send (it only sends pings); kiosks may send answers, up to LIVE_MAX_PAYLOAD. */
const CONSOLE_MAX_MESSAGE = 4 * 1024;

/** Above this many bytes waiting to be sent, a client is too slow and is dropped (it reconnects and resyncs). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

interface Client {
  socket: WebSocket;
  alive: boolean;
  console?: { sessionId: number; tokenHash: string; expiresAt: number };
  kioskId?: number;
  /** Kiosks: messages left in the bucket and when it was last refilled (KIOSK_MESSAGE_RATE). */
  tokens?: number;
  refilledAt?: number;
  sender?: KioskSender;
}

/**
 * Live WebSocket hub: server → client JSON messages `{ type, … }`; a client may send `{"type":"ping"}`
 * (answered `{"type":"pong"}`). Heartbeat: a WebSocket ping every `heartbeatMs`; a client that did not
 * answer the previous one is terminated, and a console login past its expiry is closed (4401).
 */
export function createLiveHub(options: { clock: () => Date; heartbeatMs: number }): LiveHubControl {
  const clients = new Set<Client>();
  // The same clients indexed by kiosk and by watched session: a push reaches its few sockets without scanning
  // all of them (one push per answer, hundreds of kiosks connected).
  const byKiosk = new Map<number, Set<Client>>();
  const bySession = new Map<number, Set<Client>>();
  const indexOf = (client: Client): [Map<number, Set<Client>>, number] | null => {
    if (client.kioskId !== undefined) return [byKiosk, client.kioskId];
    if (client.console) return [bySession, client.console.sessionId];
    return null;
  };
  const kioskSessions = new Map<number, number>();
  const consoleListeners = new Set<(client: ConsoleClient) => void>();
  const kioskListeners = new Set<(client: KioskClient) => void>();
  const kioskHandlers = new Map<string, KioskMessageHandler>();

  /** Takes one message from the kiosk's bucket; the seconds to wait when it is empty, else 0. */
  const overRate = (client: Client): number => {
    const now = performance.now();
    const tokens = Math.min(KIOSK_MESSAGE_RATE.burst, (client.tokens ?? KIOSK_MESSAGE_RATE.burst) + ((now - (client.refilledAt ?? now)) / 1000) * KIOSK_MESSAGE_RATE.perSecond);
    client.refilledAt = now;
    if (tokens < 1) {
      client.tokens = tokens;
      return Math.max(1, Math.ceil((1 - tokens) / KIOSK_MESSAGE_RATE.perSecond));
    }
    client.tokens = tokens - 1;
    return 0;
  };
  const unsupported = JSON.stringify({ type: 'error', error: { code: 'unsupportedMessage', message: 'Message non pris en charge : {"type":"ping"} est accepté, et {"type":"answer",…} d’un poste candidat ; les autres actions passent par l’API HTTP.' } });

  const send = (client: Client, text: string): boolean => {
    if (client.socket.readyState !== client.socket.OPEN) return false;
    if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.socket.close(LIVE_CLOSE.tooSlow, 'trop lent');
      return false;
    }
    client.socket.send(text);
    return true;
  };
  const broadcast = (filter: (client: Client) => boolean, message: LiveMessage): number => {
    const text = JSON.stringify(message);
    let reached = 0;
    for (const client of clients) if (filter(client) && send(client, text)) reached++;
    return reached;
  };
  const sendToAll = (targets: ReadonlySet<Client> | undefined, message: LiveMessage): number => {
    if (!targets || targets.size === 0) return 0;
    const text = JSON.stringify(message);
    let reached = 0;
    for (const client of targets) if (send(client, text)) reached++;
    return reached;
  };

  function add(client: Client): void {
    clients.add(client);
    const index = indexOf(client);
    if (index) {
      const [map, key] = index;
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(client);
    }
    client.socket.on('pong', () => { client.alive = true; });
    client.socket.on('close', () => { remove(client); });
    client.socket.on('error', () => { client.socket.terminate(); });
    client.socket.on('message', (data, isBinary) => {
      const size = Array.isArray(data) ? data.reduce((n, part) => n + part.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (client.kioskId === undefined && size > CONSOLE_MAX_MESSAGE) {
        client.socket.close(1009, 'message trop long');
        return;
      }
      let message: unknown;
      try {
        message = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        message = undefined;
      }
      const type = message !== null && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
      const handler = client.sender && typeof type === 'string' ? kioskHandlers.get(type) : undefined;
      if (client.sender) {
        const wait = overRate(client);
        if (wait > 0) {
          if (handler) handler.tooMany(client.sender, message as Record<string, unknown>, wait);
          else send(client, JSON.stringify({ type: 'error', error: { code: 'tooManyMessages', message: `Trop de messages : réessayez dans ${wait} s.`, retryAfterSeconds: wait } }));
          return;
        }
      }
      if (type === 'ping') send(client, JSON.stringify({ type: 'pong', at: options.clock().toISOString() }));
      else if (handler && client.sender) handler.handle(client.sender, message as Record<string, unknown>);
      else send(client, unsupported);
    });
  }

  const heartbeat = setInterval(() => {
    const now = options.clock().getTime();
    for (const client of clients) {
      if (client.console && client.console.expiresAt <= now) {
        client.socket.close(LIVE_CLOSE.expired, 'connexion expirée');
        continue;
      }
      if (!client.alive) {
        client.socket.terminate();
        remove(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  function remove(client: Client): void {
    clients.delete(client);
    const index = indexOf(client);
    if (!index) return;
    const [map, key] = index;
    const set = map.get(key);
    set?.delete(client);
    if (set?.size === 0) map.delete(key);
  }

  const textSender = (client: Client) => (message: LiveMessage) => { send(client, JSON.stringify(message)); };

  return {
    publish: (sessionId, message) => sendToAll(bySession.get(sessionId), message),
    sendToKiosk: (kioskId, message) => sendToAll(byKiosk.get(kioskId), message),
    attachKiosk(kioskId, sessionId) {
      if (sessionId === null) kioskSessions.delete(kioskId);
      else kioskSessions.set(kioskId, sessionId);
    },
    publishToKiosks: (sessionId, message) => broadcast((c) => c.kioskId !== undefined && kioskSessions.get(c.kioskId) === sessionId, message),
    onConsoleConnect(listener) {
      consoleListeners.add(listener);
      return () => consoleListeners.delete(listener);
    },
    onKioskConnect(listener) {
      kioskListeners.add(listener);
      return () => kioskListeners.delete(listener);
    },
    onKioskMessage(type, handler) {
      if (type === 'ping' || kioskHandlers.has(type)) throw new Error(`messages « ${type} » : déjà pris en charge`);
      kioskHandlers.set(type, handler);
      return () => kioskHandlers.delete(type);
    },
    connectionCounts() {
      let consoles = 0;
      for (const c of clients) if (c.console) consoles++;
      return { consoles, kiosks: clients.size - consoles };
    },
    addConsole(socket, login) {
      const client: Client = { socket, alive: true, console: { sessionId: login.sessionId, tokenHash: login.tokenHash, expiresAt: Date.parse(login.expiresAt) } };
      add(client);
      send(client, JSON.stringify({ type: 'hello', role: 'console', sessionId: login.sessionId }));
      for (const listener of consoleListeners) listener({ sessionId: login.sessionId, send: textSender(client) });
    },
    addKiosk(socket, kioskId) {
      const client: Client = { socket, alive: true, kioskId };
      client.sender = { kioskId, sendText: (text) => { send(client, text); } };
      add(client);
      send(client, JSON.stringify({ type: 'hello', role: 'kiosk', kioskId }));
      for (const listener of kioskListeners) listener({ kioskId, send: textSender(client) });
    },
    disconnectKiosk(kioskId) {
      kioskSessions.delete(kioskId);
      for (const c of clients) if (c.kioskId === kioskId) c.socket.close(LIVE_CLOSE.revoked, 'poste révoqué');
    },
    disconnectLogins(tokenHashes) {
      const revoked = new Set(tokenHashes);
      for (const c of clients) if (c.console && revoked.has(c.console.tokenHash)) c.socket.close(LIVE_CLOSE.revoked, 'connexion terminée');
    },
    close() {
      clearInterval(heartbeat);
      const closing = [...clients];
      clients.clear();
      byKiosk.clear();
      bySession.clear();
      for (const c of closing) c.socket.close(LIVE_CLOSE.shuttingDown, 'arrêt du serveur');
      // A client that does not answer the closing handshake is cut after a second.
      setTimeout(() => { for (const c of closing) c.socket.terminate(); }, 1000).unref();
    },
  };
}
