/**
 * One device talking to the station: HTTPS with keep-alive, trusting ONLY the station's certificate and checking
 * its SHA-256 fingerprint (what a paired kiosk pins), from its own loopback address (127.x.y.z: every simulated
 * kiosk is a different machine for the station's per-IP limits), plus its live WebSocket.
 */
import https from 'node:https';
import WebSocket from 'ws';

export interface StationAddress { url: string; certPem: string; fingerprint: string }

export interface StationResponse {
  status: number;
  text: string;
  // oxlint-disable-next-line typescript/no-explicit-any -- the simulated clients read the fields the API documents
  json: any;
}

export interface StationClient {
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; token?: string }): Promise<StationResponse>;
  socket(path: string, token: string): WebSocket;
  close(): void;
}

/** A request that gets no answer in this time is abandoned (the server was killed, or is restarting). */
const REQUEST_TIMEOUT_MS = 15_000;

/** The n-th simulated machine's address: 127.1.0.1, 127.1.0.2, … (all routed to the loopback interface on Linux). */
export function loopbackAddress(n: number): string {
  return `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/**
 * `maxSockets`: connections kept to the station (a kiosk sends one request at a time; the simulated invigilator
 * of a whole session confirms many candidates at once).
 */
export function createStationClient(address: StationAddress, localAddress: string, maxSockets = 2): StationClient {
  const tls = {
    ca: address.certPem,
    // Kiosks verify the station by the fingerprint they pinned, not by name (architecture §2).
    checkServerIdentity: (_host: string, cert: { fingerprint256: string }) =>
      cert.fingerprint256 === address.fingerprint ? undefined : new Error(`empreinte du poste inattendue : ${cert.fingerprint256}`),
    localAddress,
  };
  const agent = new https.Agent({ keepAlive: true, maxSockets, ...tls });
  const base = new URL(address.url);

  return {
    request(method, path, options = {}) {
      const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (body) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(body.length);
      }
      return new Promise((resolve, reject) => {
        const req = https.request({ protocol: 'https:', hostname: base.hostname, port: base.port, method, path, headers, agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            if ((res.headers['content-type'] ?? '').includes('json') && text !== '') {
              try {
                json = JSON.parse(text);
              } catch {
                json = null;
              }
            }
            resolve({ status: res.statusCode ?? 0, text, json });
          });
        });
        req.on('timeout', () => req.destroy(new Error('délai de réponse dépassé')));
        req.on('error', reject);
        req.end(body);
      });
    },
    socket(path, token) {
      const wsUrl = `wss://${base.host}${path}`;
      return new WebSocket(wsUrl, { ...tls, headers: { authorization: `Bearer ${token}` } });
    },
    close() {
      agent.destroy();
    },
  };
}
