import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { z } from 'zod';
import { ServerToConsole, ServerToKiosk } from '../../../shared/formats/live-messages';
import { LIVE_ROUTES } from '../../../shared/formats/routes';
import { createStationTlsCertificate, type StationTlsCertificate } from '../pki/tls';
import { openDatabase, type Db } from '../storage/database';
import { createCentreServer, type CentreServer, type CentreServerConfig } from '../centre-server';

/** For tests: one station certificate per test file (RSA generation takes a moment). */
let sharedTls: StationTlsCertificate | null = null;
export function testTls(): StationTlsCertificate {
  sharedTls ??= createStationTlsCertificate({ hostnames: [], ips: [], validDays: 30 });
  return sharedTls;
}

export const TEST_MANAGER_PASSWORD = 'responsable-de-test';

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The exact bytes of the answer (a file, a .zip). */
  body: Buffer;
  // oxlint-disable-next-line typescript/no-explicit-any -- test assertions read any field
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (with `contentType`), instead of JSON. */
  raw?: string | Buffer;
  contentType?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  server: CentreServer;
  db: Db;
  dataDir: string;
  tls: StationTlsCertificate;
  /** Moves the server's clock. */
  advance(ms: number): void;
  /** The server's clock, in ms. */
  now(): number;
  call(method: string, urlPath: string, options?: CallOptions): Promise<TestResponse>;
  /** Opens a live socket; resolves with it once open, or rejects with the HTTP status of the refused upgrade. */
  socket(urlPath: string, token?: string): Promise<WebSocket>;
  loginManager(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real centre server over HTTPS on 127.0.0.1 (port 0) with a real SQLite file in a temporary folder,
 * and a client that trusts only its certificate (as a paired kiosk does).
 */
export async function startTestServer(config: CentreServerConfig = {}, options: { realClock?: boolean } = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-server-'));
  const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
  // Real time (certificates made by the tests are valid now), moved by `advance`; or the wall clock itself
  // (`realClock`: the outbox's own timer then runs as in production, and `advance` is refused).
  let now = Math.floor(Date.now() / 1000) * 1000;
  const tls = testTls();
  const server = await createCentreServer({
    db, dataDir, host: '127.0.0.1', port: 0, tls, clock: options.realClock ? () => new Date() : () => new Date(now),
    // Every answer of a table route is checked against its response schema (a mismatch is a 500).
    config: { managerPassword: TEST_MANAGER_PASSWORD, logError: (error) => { if (String(error).includes('hors de son schéma')) process.stderr.write(`${String(error)}\n`); }, checkResponses: true, ...config },
  });
  const agent = new https.Agent({ ca: tls.certPem, keepAlive: false });

  function call(method: string, urlPath: string, options: CallOptions = {}): Promise<TestResponse> {
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const request = https.request(`${server.url}${urlPath}`, { method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          let json: unknown = null;
          try {
            json = text === '' ? null : JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body: bytes, json });
        });
      });
      request.on('error', reject);
      if (body !== undefined) request.write(body);
      request.end();
    });
  }

  function socket(urlPath: string, token?: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace(/^https/, 'wss')}${urlPath}`, {
        ca: tls.certPem,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      queueMessages(ws, urlPath.startsWith(LIVE_ROUTES.kioskLive.path) ? ServerToKiosk : ServerToConsole);
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          request.destroy();
          reject(Object.assign(new Error(`upgrade refusé : ${response.statusCode}`), { status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        });
      });
      ws.once('error', reject);
    });
  }

  return {
    server, db, dataDir, tls, call, socket,
    advance(ms) {
      if (options.realClock) throw new Error('advance : ce serveur de test suit l’horloge réelle');
      now += ms;
    },
    now: () => (options.realClock ? Date.now() : now),
    async loginManager() {
      const answer = await call('POST', '/api/manager/login', { body: { password: TEST_MANAGER_PASSWORD } });
      if (answer.status !== 200) throw new Error(`login manager : ${answer.status} ${answer.text}`);
      return answer.json.token as string;
    },
    async close() {
      await server.close();
      agent.destroy();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Message = { type: string; [key: string]: unknown };
type Waiter = { resolve: (m: Message) => void; reject: (e: Error) => void };
const queues = new WeakMap<WebSocket, { received: (Message | Error)[]; waiting: Waiter[] }>();

/**
 * Keeps every message from the first one (the server's hello can arrive with the upgrade answer). Each is parsed
 * with the server → client union of its socket (live-messages.ts): one outside it fails `nextMessage`.
 */
export function queueMessages(ws: WebSocket, schema?: z.ZodType): void {
  const queue = { received: [] as (Message | Error)[], waiting: [] as Waiter[] };
  queues.set(ws, queue);
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    const parsed = schema?.safeParse(message);
    const item = parsed && !parsed.success ? new Error(`message hors de l’union du serveur : ${String(data).slice(0, 300)} — ${parsed.error.message}`) : message;
    const waiter = queue.waiting.shift();
    if (!waiter) queue.received.push(item);
    else if (item instanceof Error) waiter.reject(item);
    else waiter.resolve(item);
  });
}

/** Next message of a socket opened by `socket()`, parsed. */
export function nextMessage(ws: WebSocket): Promise<Message> {
  const queue = queues.get(ws);
  if (!queue) throw new Error('socket not opened by the test server');
  const ready = queue.received.shift();
  if (ready instanceof Error) return Promise.reject(ready);
  return ready ? Promise.resolve(ready) : new Promise((resolve, reject) => queue.waiting.push({ resolve, reject }));
}

/** Resolves with the close code. */
export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

export const SESSION_INPUT = {
  centre: 'Lycée Érable', siteAddress: '1 rue des Lilas, Lyon', room: 'B12', date: '2026-03-14', startTime: '09:00', invigilatorName: 'M. Martin',
};

export const CANDIDATE_INPUT = {
  lastName: 'Dupont', firstName: 'Marie', sex: 'F', birthDate: '2010-03-14', birthplace: { kind: 'insee', code: '69123' },
};
