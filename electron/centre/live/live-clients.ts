import type { WebSocket } from 'ws';
import { LIVE_CLOSE, type JsonText, type ServerToConsole, type ServerToKiosk } from '../../../shared/formats/live-messages';
import type { TokenBucket } from '../http/token-bucket';

/** Above this many bytes waiting to be sent, a client is too slow and is dropped (it reconnects and resyncs). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

interface Socketed {
  socket: WebSocket;
  /** Answered the last heartbeat ping. */
  alive: boolean;
}
/** A console watching one session, with the login it opened the socket with. */
export interface ConsoleClient extends Socketed {
  role: 'console';
  sessionId: number;
  tokenHash: string;
  expiresAt: number;
}
/** The kiosk socket a message came from: `sendText` sends JSON text as it is (already serialised). */
export interface KioskSender { kioskId: number; sendText(text: JsonText<ServerToKiosk>): void }
/** A paired kiosk, with its message budget (KIOSK_MESSAGE_RATE). */
export interface KioskClient extends Socketed {
  role: 'kiosk';
  kioskId: number;
  bucket: TokenBucket;
  /** What message handlers answer through. */
  sender: KioskSender;
}
export type Client = ConsoleClient | KioskClient;

/** What each kind of client may be sent. */
export type MessageFor<C extends Client> = C extends KioskClient ? ServerToKiosk : ServerToConsole;

/** Sends serialised text; a client that does not read fast enough is closed (LIVE_CLOSE.tooSlow). False when not sent. */
export function sendText<C extends Client>(client: C, text: JsonText<MessageFor<C>>): boolean {
  const { socket } = client;
  if (socket.readyState !== socket.OPEN) return false;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.close(LIVE_CLOSE.tooSlow, 'trop lent');
    return false;
  }
  socket.send(text);
  return true;
}

/**
 * The connected clients, indexed by kiosk and by watched session: a push reaches its few sockets without scanning
 * all of them (one push per answer, hundreds of kiosks connected). Also which session each kiosk sits.
 */
export function createClientRegistry() {
  const all = new Set<Client>();
  const byKiosk = new Map<number, Set<KioskClient>>();
  const bySession = new Map<number, Set<ConsoleClient>>();
  const kioskSessions = new Map<number, number>();

  const indexed = <K, C>(map: Map<K, Set<C>>, key: K, client: C) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(client);
  };
  const unindexed = <K, C>(map: Map<K, Set<C>>, key: K, client: C) => {
    const set = map.get(key);
    set?.delete(client);
    if (set?.size === 0) map.delete(key);
  };

  return {
    all: (): ReadonlySet<Client> => all,
    add(client: Client): void {
      all.add(client);
      if (client.role === 'kiosk') indexed(byKiosk, client.kioskId, client);
      else indexed(bySession, client.sessionId, client);
    },
    remove(client: Client): void {
      all.delete(client);
      if (client.role === 'kiosk') unindexed(byKiosk, client.kioskId, client);
      else unindexed(bySession, client.sessionId, client);
    },
    kiosk: (kioskId: number): ReadonlySet<KioskClient> | undefined => byKiosk.get(kioskId),
    watching: (sessionId: number): ReadonlySet<ConsoleClient> | undefined => bySession.get(sessionId),
    /** Kiosks sitting the session (after a check-in). */
    sitting(sessionId: number): KioskClient[] {
      const found: KioskClient[] = [];
      for (const [kioskId, set] of byKiosk) if (kioskSessions.get(kioskId) === sessionId) found.push(...set);
      return found;
    },
    attach(kioskId: number, sessionId: number | null): void {
      if (sessionId === null) kioskSessions.delete(kioskId);
      else kioskSessions.set(kioskId, sessionId);
    },
    counts(): { consoles: number; kiosks: number } {
      let consoles = 0;
      for (const set of bySession.values()) consoles += set.size;
      return { consoles, kiosks: all.size - consoles };
    },
    clear(): Client[] {
      const closing = [...all];
      all.clear();
      byKiosk.clear();
      bySession.clear();
      return closing;
    },
  };
}
export type ClientRegistry = ReturnType<typeof createClientRegistry>;
