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

/** Above this many bytes waiting to be sent, a client is too slow and is dropped (it reconnects and resyncs). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

interface Client {
  socket: WebSocket;
  alive: boolean;
  console?: { sessionId: number; tokenHash: string; expiresAt: number };
  kioskId?: number;
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
      let type: unknown;
      try {
        type = isBinary ? undefined : (JSON.parse(String(data)) as { type?: unknown }).type;
      } catch {
        type = undefined;
      }
      if (type === 'ping') send(client, JSON.stringify({ type: 'pong', at: options.clock().toISOString() }));
      else send(client, JSON.stringify({ type: 'error', error: { code: 'unsupportedMessage', message: 'Message non pris en charge : seul {"type":"ping"} est accepté ; les actions passent par l’API HTTP.' } }));
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
