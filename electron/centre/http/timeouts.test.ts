import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCentreServer, type CentreServer } from '../centre-server';
import { openDatabase, type Db } from '../storage/database';
import { TEST_MANAGER_PASSWORD, startTestServer, type TestServer } from '../testing/test-server';

/** Short limits, so that the tests see them act. */
const TIMEOUTS = { connectionMs: 1500, requestMs: 1000, headersMs: 600, keepAliveMs: 300, handshakeMs: 400 };
const MAX_PER_ADDRESS = 5;

/** Opens a raw TCP socket, writes `data` (if any) and resolves with how long the server took to close it. */
function closedAfter(port: number, data?: string): Promise<{ ms: number; received: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => { if (data) socket.write(data); });
    let received = '';
    socket.on('data', (chunk) => { received += String(chunk); });
    socket.on('error', () => {});
    socket.on('close', () => resolve({ ms: Date.now() - started, received }));
    setTimeout(() => { socket.destroy(); reject(new Error('le serveur n’a pas fermé la connexion')); }, 8000);
  });
}

let dataDir: string;
let db: Db;
let plain: CentreServer;
let port: number;
let secure: TestServer;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-timeouts-'));
  db = openDatabase(path.join(dataDir, 'centre.sqlite'));
  plain = await createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, config: {
    plainHttp: true, managerPassword: TEST_MANAGER_PASSWORD, logError: () => {}, timeouts: TIMEOUTS, maxConnectionsPerAddress: MAX_PER_ADDRESS,
  } });
  port = Number(new URL(plain.url).port);
  secure = await startTestServer({ timeouts: TIMEOUTS });
});
afterAll(async () => {
  await plain.close();
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await secure.close();
});

describe('slow or silent clients are cut (timeouts, from config)', () => {
  test('a connection that sends nothing is closed', async () => {
    const { ms } = await closedAfter(port);
    expect(ms).toBeLessThan(5000);
  });

  test('partial headers are closed (headers timeout)', async () => {
    const { ms, received } = await closedAfter(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(ms).toBeLessThan(5000);
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  test('a partial body is closed (request timeout)', async () => {
    const { ms, received } = await closedAfter(port,
      'POST /api/manager/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"password":');
    expect(ms).toBeLessThan(5000);
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  test('an idle keep-alive connection is closed after its answer', async () => {
    const { ms, received } = await closedAfter(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeLessThan(5000);
  });

  test('TLS: a client that never finishes its handshake is closed', async () => {
    const { ms } = await closedAfter(Number(new URL(secure.server.url).port), '\u0016\u0003\u0001');
    expect(ms).toBeLessThan(TIMEOUTS.connectionMs);
  });

  test(`at most ${MAX_PER_ADDRESS} connections from one address: the next ones are closed at once`, async () => {
    const open: net.Socket[] = [];
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      open.push(await new Promise<net.Socket>((resolve) => { const s = net.connect(port, '127.0.0.1', () => resolve(s)); s.on('error', () => {}); }));
    }
    try {
      const extra = await closedAfter(port);
      expect(extra.ms).toBeLessThan(TIMEOUTS.headersMs);
    } finally {
      for (const s of open) s.destroy();
    }
  });
});
