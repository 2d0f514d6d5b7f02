import type { Server } from 'node:net';

/**
 * How long the station waits for a slow or silent client before closing its connection (the probe of §5 found
 * them all at 0, never). A kiosk on the LAN sends a request in milliseconds; the biggest upload (a 64 MiB
 * package) takes seconds. WebSockets are not cut by these: the hub's heartbeat keeps them busy every 15 s.
 */
export interface ServerTimeouts {
  /** A connection with no traffic at all (Fastify `connectionTimeout`, the socket's idle timeout). */
  connectionMs: number;
  /** A whole request, headers and body (Fastify `requestTimeout`). */
  requestMs: number;
  /** The request's headers (Node's `headersTimeout`). */
  headersMs: number;
  /** An idle connection kept open between two requests (Fastify `keepAliveTimeout`). */
  keepAliveMs: number;
  /** The TLS handshake (Node's `handshakeTimeout`). */
  handshakeMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  connectionMs: 60_000,
  requestMs: 120_000,
  headersMs: 10_000,
  keepAliveMs: 5_000,
  handshakeMs: 10_000,
};

/** Connections one address may hold at once (a kiosk keeps two or three; a console PC a few tabs). */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

/**
 * The options for Node's http(s).createServer and Fastify's own: Node checks the headers and request timeouts
 * every `connectionsCheckingInterval` (30 s by default, too coarse for a 10 s limit).
 */
export function serverTimeoutOptions(timeouts: ServerTimeouts) {
  return {
    node: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    },
    tls: { handshakeTimeout: timeouts.handshakeMs },
    fastify: { connectionTimeout: timeouts.connectionMs, requestTimeout: timeouts.requestMs, keepAliveTimeout: timeouts.keepAliveMs },
  };
}

/**
 * Closes at once a new connection from an address that already holds `max` (a flood from one LAN machine cannot
 * take every socket of the station). Counted on TCP connections, before TLS.
 */
export function limitConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
