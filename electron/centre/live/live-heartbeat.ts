import { LIVE_CLOSE } from '../../../shared/formats/live-messages';
import type { ClientRegistry } from './live-clients';

/**
 * Every `heartbeatMs`: a WebSocket ping to each client; a client that did not answer the previous one is cut,
 * and a console whose login has expired is closed (LIVE_CLOSE.expired). Returns the stop function.
 */
export function startHeartbeat(registry: ClientRegistry, options: { clock: () => Date; heartbeatMs: number }): () => void {
  const timer = setInterval(() => {
    const now = options.clock().getTime();
    for (const client of registry.all()) {
      if (client.role === 'console' && client.expiresAt <= now) {
        client.socket.close(LIVE_CLOSE.expired, 'connexion expirée');
        continue;
      }
      if (!client.alive) {
        client.socket.terminate();
        registry.remove(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, options.heartbeatMs);
  timer.unref();
  return () => clearInterval(timer);
}
