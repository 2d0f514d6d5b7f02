import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-error';

/** Who the station is on the network: its names and addresses (lower case, IPv6 without brackets), scheme and port. */
export interface StationIdentity {
  /** True for one of the station's names or addresses (`hostName` form). */
  knows(host: string): boolean;
  scheme: 'https' | 'http';
  port: number;
}

/** The host part of a `Host` header or URL host (`[::1]:8443` → `::1`, `Poste.local:8443` → `poste.local`). */
export function hostName(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') === -1 ? undefined : value.indexOf(']'));
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/** True when the `Origin` header names the station itself: same scheme, one of its names, same port. */
export function isOwnOrigin(origin: string, station: StationIdentity): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // 'null' (a sandboxed frame, a file, a redirect) and anything else unreadable
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return url.protocol === `${station.scheme}:` && port === station.port && station.knows(hostName(url.host));
}

const isUpgrade = (request: FastifyRequest) => (request.headers.upgrade ?? '').toLowerCase() === 'websocket';

/**
 * Refuses what a page of another site could make a browser send with the station's cookies, before anything
 * else runs:
 * - DNS rebinding: a `Host` header that is not one of the station's names or addresses (403 unknownHost);
 * - cross-site requests: on a WebSocket upgrade and on every method but GET and HEAD, an `Origin` header other
 *   than the station's own (`null` included) is refused (403 foreignOrigin). No `Origin` (a kiosk shell, curl)
 *   is accepted: those callers send their token, not a cookie a foreign page could ride on.
 * `station()` is read on each request (the port is known once the server listens).
 */
export function registerOriginCheck(app: FastifyInstance, station: () => StationIdentity | null): void {
  app.addHook('onRequest', async (request) => {
    const identity = station();
    if (!identity) return;
    const host = request.headers.host;
    if (host !== undefined && !identity.knows(hostName(host))) {
      throw new HttpError(403, 'unknownHost',
        `Requête refusée : le nom « ${hostName(host).slice(0, 100)} » ne désigne pas ce poste surveillant. Utilisez l’adresse affichée par le poste.`);
    }
    const origin = request.headers.origin;
    const unsafe = (request.method !== 'GET' && request.method !== 'HEAD') || isUpgrade(request);
    if (unsafe && origin !== undefined && !isOwnOrigin(origin, identity)) {
      throw new HttpError(403, 'foreignOrigin',
        'Requête refusée : elle vient d’une autre page que celles du poste surveillant (en-tête Origin étranger).');
    }
  });
}
