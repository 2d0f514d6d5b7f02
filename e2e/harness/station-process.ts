import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { MANAGER_PASSWORD, sessionFromSeed, type SeedFacts, type SeededSession } from '../session-seed';
import { TEST_STATION_TLS } from '../station-tls';

/**
 * The station as a CHILD PROCESS, for the outage proofs (issue 8, Proof): started on a fixed data folder and a
 * fixed port (e2e/harness/station-child.ts), killed with SIGKILL like a power cut of the invigilator's PC, and
 * started again on the same folder, port and TLS key, so the page's origin, its SPKI trust and its service
 * worker are the same. While it is down, its port refuses connections (what a kiosk sees of an outage).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(__dirname, 'station-child.ts');
const START_TIMEOUT_MS = 30_000;

export interface StationProcess {
  /** `https://127.0.0.1:<port>`, the same across restarts. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The running child's pid, or null while it is down. */
  pid(): number | null;
  /** The session seeded at the first start (`seed: true`), rebuilt against this station; null without. */
  readonly session: SeededSession | null;
  /** SIGKILL, then waits until the process is gone (its port refuses connections). */
  kill(): Promise<void>;
  /** Starts it again on the same folder and port; resolves once it listens. */
  restart(): Promise<void>;
  /** SIGTERM (a clean stop), then waits for the exit. */
  stop(): Promise<void>;
  /** The manager's bearer token (logs in through the console API; tokens survive restarts). */
  loginManager(): Promise<string>;
  /** What the station's process wrote on stderr (the last 8 KB), for failure messages. */
  stderr(): string;
}

/** A port free now on 127.0.0.1, to fix for a station's whole life. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts a TCP connection on the port. */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

interface Running { child: ChildProcess; exited: Promise<void> }

export async function startStationProcess(options: { dataDir: string; port?: number; seed?: boolean }): Promise<StationProcess> {
  const port = options.port ?? await freePort();
  const url = `https://127.0.0.1:${port}`;
  let stderr = '';
  let running: Running | null = null;
  let seedFacts: SeedFacts | null = null;

  async function launch(): Promise<void> {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, '--data', options.dataDir, '--port', String(port), ...(options.seed ? ['--seed'] : [])], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString('utf8')).slice(-8192); });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = await new Promise<{ seed: SeedFacts | null }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`la station (${url}) n’a pas démarré en ${START_TIMEOUT_MS / 1000} s :\n${stderr}`)), START_TIMEOUT_MS);
      void exited.then(() => { clearTimeout(timer); reject(new Error(`la station s’est arrêtée au démarrage (code ${child.exitCode}) :\n${stderr}`)); });
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const message = JSON.parse(line) as { ready?: boolean; seed?: SeedFacts | null };
          if (message.ready) { clearTimeout(timer); resolve({ seed: message.seed ?? null }); }
        } catch { /* not the ready line */ }
      });
    });
    seedFacts ??= ready.seed;
    running = { child, exited };
  }

  async function end(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const current = running;
    if (current === null) return;
    running = null;
    current.child.kill(signal);
    await current.exited;
    // The kernel closes the listening socket with the process; wait until the port says so.
    for (let i = 0; i < 100 && await portAccepts(port); i++) await new Promise((r) => setTimeout(r, 50));
  }

  await launch();
  const session = seedFacts === null ? null : sessionFromSeed(url, seedFacts);
  return {
    url, port, dataDir: options.dataDir, session,
    pid: () => running?.child.pid ?? null,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    async restart() {
      if (running !== null) throw new Error('la station tourne déjà : kill() ou stop() d’abord');
      await launch();
    },
    async loginManager() {
      const answer = await request(url, 'POST', '/api/manager/login', { password: MANAGER_PASSWORD });
      if (answer.status !== 200) throw new Error(`connexion du responsable : ${answer.status} ${answer.text}`);
      return (JSON.parse(answer.text) as { token: string }).token;
    },
    stderr: () => stderr,
  };
}

/** One HTTPS call trusting only the test station's certificate (it names no host: the name check is skipped). */
export function request(url: string, method: string, urlPath: string, body?: unknown, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(`${url}${urlPath}`, {
      method, ca: TEST_STATION_TLS.certPem, checkServerIdentity: () => undefined, agent: false,
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString('utf8'); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
