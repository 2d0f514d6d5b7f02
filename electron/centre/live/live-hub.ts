import type { WebSocket } from 'ws';
import {
  jsonText, KIOSK_MESSAGE_RATE, LIVE_CLOSE, type KioskMessageType, type ServerToConsole, type ServerToKiosk,
} from '../../../shared/formats/live-messages';
import { createClientRegistry, sendText, type Client, type ConsoleClient, type KioskClient } from './live-clients';
import { createDispatch, type KioskMessageHandler } from './live-dispatch';
import { startHeartbeat } from './live-heartbeat';
import { fullBucket } from '../http/token-bucket';

export type { KioskSender } from './live-clients';
export type { KioskMessageHandler } from './live-dispatch';

/** A console just connected: send it a first snapshot with `send`. */
export interface ConsoleConnected { sessionId: number; send(message: ServerToConsole): void }
/** A kiosk just connected. */
export interface KioskConnected { kioskId: number; send(message: ServerToKiosk): void }

/** What route plugins use (the delivery plugin pushes live state through it). */
export interface LiveHub {
  /** To every console watching the session (invigilators of that session, the manager). Returns the sockets reached. */
  publish(sessionId: number, message: ServerToConsole): number;
  /** To one kiosk (all its sockets). */
  sendToKiosk(kioskId: number, message: ServerToKiosk): number;
  /** Notes which session a kiosk is sitting (after check-in), or none. */
  attachKiosk(kioskId: number, sessionId: number | null): void;
  /** To every kiosk attached to the session. */
  publishToKiosks(sessionId: number, message: ServerToKiosk): number;
  /** Called on each new console or kiosk socket; returns an unsubscribe function. */
  onConsoleConnect(listener: (client: ConsoleConnected) => void): () => void;
  onKioskConnect(listener: (client: KioskConnected) => void): () => void;
  /** Handles kiosk messages of one `type` of the KioskToServer union (one handler per type); `ping` is the hub's own. */
  onKioskMessage(type: Exclude<KioskMessageType, 'ping'>, handler: KioskMessageHandler): () => void;
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

/**
 * Live WebSocket hub: server → client messages of the ServerToConsole / ServerToKiosk unions, client → server
 * messages read by the dispatch (live-dispatch.ts), a heartbeat (live-heartbeat.ts), clients indexed by kiosk and
 * by session (live-clients.ts).
 */
export function createLiveHub(options: { clock: () => Date; heartbeatMs: number }): LiveHubControl {
  const registry = createClientRegistry();
  const consoleListeners = new Set<(client: ConsoleConnected) => void>();
  const kioskListeners = new Set<(client: KioskConnected) => void>();
  const kioskHandlers = new Map<KioskMessageType, KioskMessageHandler>();
  const dispatch = createDispatch({ clock: options.clock, handlers: kioskHandlers });
  const stopHeartbeat = startHeartbeat(registry, options);

  function sendToAll<C extends ConsoleClient | KioskClient>(targets: Iterable<C> | undefined, text: Parameters<typeof sendText<C>>[1]): number {
    let reached = 0;
    for (const client of targets ?? []) if (sendText(client, text)) reached++;
    return reached;
  }

  function add(client: Client): void {
    registry.add(client);
    client.socket.on('pong', () => { client.alive = true; });
    client.socket.on('close', () => { registry.remove(client); });
    client.socket.on('error', () => { client.socket.terminate(); });
    client.socket.on('message', (data, isBinary) => { dispatch.receive(client, data, isBinary); });
  }

  return {
    publish(sessionId, message) {
      const targets = registry.watching(sessionId);
      return targets && targets.size > 0 ? sendToAll(targets, jsonText(message)) : 0;
    },
    sendToKiosk(kioskId, message) {
      const targets = registry.kiosk(kioskId);
      return targets && targets.size > 0 ? sendToAll(targets, jsonText(message)) : 0;
    },
    attachKiosk: (kioskId, sessionId) => { registry.attach(kioskId, sessionId); },
    publishToKiosks: (sessionId, message) => sendToAll(registry.sitting(sessionId), jsonText(message)),
    onConsoleConnect(listener) {
      consoleListeners.add(listener);
      return () => consoleListeners.delete(listener);
    },
    onKioskConnect(listener) {
      kioskListeners.add(listener);
      return () => kioskListeners.delete(listener);
    },
    onKioskMessage(type, handler) {
      if (kioskHandlers.has(type)) throw new Error(`messages « ${type} » : déjà pris en charge`);
      kioskHandlers.set(type, handler);
      return () => kioskHandlers.delete(type);
    },
    connectionCounts: () => registry.counts(),
    addConsole(socket, login) {
      const client: ConsoleClient = { role: 'console', socket, alive: true, sessionId: login.sessionId, tokenHash: login.tokenHash, expiresAt: Date.parse(login.expiresAt) };
      add(client);
      sendText(client, jsonText<ServerToConsole>({ type: 'hello', role: 'console', sessionId: login.sessionId }));
      const send = (message: ServerToConsole) => { sendText(client, jsonText(message)); };
      for (const listener of consoleListeners) listener({ sessionId: login.sessionId, send });
    },
    addKiosk(socket, kioskId) {
      const client: KioskClient = {
        role: 'kiosk', socket, alive: true, kioskId, bucket: fullBucket(KIOSK_MESSAGE_RATE, performance.now()),
        sender: { kioskId, sendText: (text) => { sendText(client, text); } },
      };
      add(client);
      sendText(client, jsonText<ServerToKiosk>({ type: 'hello', role: 'kiosk', kioskId }));
      const send = (message: ServerToKiosk) => { sendText(client, jsonText(message)); };
      for (const listener of kioskListeners) listener({ kioskId, send });
    },
    disconnectKiosk(kioskId) {
      registry.attach(kioskId, null);
      for (const c of registry.kiosk(kioskId) ?? []) c.socket.close(LIVE_CLOSE.revoked, 'poste révoqué');
    },
    disconnectLogins(tokenHashes) {
      const revoked = new Set(tokenHashes);
      for (const c of registry.all()) if (c.role === 'console' && revoked.has(c.tokenHash)) c.socket.close(LIVE_CLOSE.revoked, 'connexion terminée');
    },
    close() {
      stopHeartbeat();
      const closing = registry.clear();
      for (const c of closing) c.socket.close(LIVE_CLOSE.shuttingDown, 'arrêt du serveur');
      // A client that does not answer the closing handshake is cut after a second.
      setTimeout(() => { for (const c of closing) c.socket.terminate(); }, 1000).unref();
    },
  };
}
