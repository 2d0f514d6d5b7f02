import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { openLiveConnection, type DroppedMessage, type LiveConnection, type LiveSocketConstructor, type LiveStatus } from './live-connection';
import { backoffDelay } from './reconnect-backoff';

/** A test union (the real one is in shared/formats/): the module takes any schema. */
const Incoming = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), at: z.string() }).strict(),
  z.object({ type: z.literal('progress'), answered: z.number().int() }).strict(),
]);
const Outgoing = z.discriminatedUnion('type', [z.object({ type: z.literal('ping'), n: z.number().int() }).strict()]);
type Incoming = z.infer<typeof Incoming>;

const POLICY = { initialMs: 40, maxMs: 200, factor: 2 };
const servers: WebSocketServer[] = [];
const connections: LiveConnection<z.infer<typeof Outgoing>>[] = [];

async function startServer(): Promise<{ wss: WebSocketServer; url: string }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  servers.push(wss);
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/live` };
}

function connectTo(url: string, extra: { shouldRetry?: (code: number) => boolean } = {}) {
  const received: Incoming[] = [];
  const dropped: DroppedMessage[] = [];
  const statuses: LiveStatus[] = [];
  const connection = openLiveConnection({
    url: () => url,
    incoming: Incoming,
    outgoing: Outgoing,
    onMessage: (m) => received.push(m),
    onDropped: (d) => dropped.push(d),
    backoff: POLICY,
    random: () => 0,
    WebSocket: WebSocket as unknown as LiveSocketConstructor,
    ...extra,
  });
  connection.state.subscribe((s) => statuses.push(s.status));
  connections.push(connection);
  return { connection, received, dropped, statuses };
}

const until = async (check: () => boolean, what: string, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`attendu en ${ms} ms : ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

afterEach(async () => {
  for (const c of connections.splice(0)) c.stop();
  for (const wss of servers.splice(0)) {
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  }
});

describe('the live connection against a real ws server', () => {
  it('parses each message on arrival; unparsable and unknown ones are dropped and reported, not thrown', async () => {
    const { wss, url } = await startServer();
    wss.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'hello', at: 'now' }));
      socket.send('{not json');
      socket.send(JSON.stringify({ type: 'unknownKind' }));
      socket.send(JSON.stringify({ type: 'progress', answered: 'three' }));
      socket.send(JSON.stringify({ type: 'progress', answered: 3 }));
    });
    const { connection, received, dropped } = connectTo(url);
    await until(() => received.length === 2 && dropped.length === 3, 'deux messages reçus, trois écartés');
    expect(received).toEqual([{ type: 'hello', at: 'now' }, { type: 'progress', answered: 3 }]);
    expect(dropped.map((d) => d.reason)).toEqual(['notJson', 'invalid', 'invalid']);
    expect(dropped[2]).toMatchObject({ reason: 'invalid', issues: [expect.stringMatching(/answered/)] });
    expect(connection.state.getState()).toMatchObject({ status: { kind: 'open' }, droppedMessages: 3 });
  });

  it('reconnects by itself after the server closes, with the backoff delay, and is open again', async () => {
    const { wss, url } = await startServer();
    let connectionsSeen = 0;
    wss.on('connection', (socket) => {
      connectionsSeen += 1;
      if (connectionsSeen === 1) setTimeout(() => socket.close(1012, 'redémarrage'), 20);
      else socket.send(JSON.stringify({ type: 'hello', at: 'again' }));
    });
    const { connection, received, statuses } = connectTo(url);
    await until(() => received.length === 1, 'message après reconnexion');
    expect(connectionsSeen).toBe(2);
    const kinds = statuses.map((s) => s.kind);
    expect(kinds).toEqual(['open', 'retrying', 'connecting', 'open']);
    const retrying = statuses.find((s) => s.kind === 'retrying');
    expect(retrying).toMatchObject({ attempt: 1, closeCode: 1012 });
    expect(connection.state.getState().status.kind).toBe('open');
  });

  it('while the station is unreachable, each wait follows the backoff schedule, and it connects when the station is back', async () => {
    const { wss, url } = await startServer();
    const port = (wss.address() as AddressInfo).port;
    await new Promise((resolve) => wss.close(resolve));
    servers.splice(0);
    const { connection } = connectTo(url);
    const timed: { status: LiveStatus; at: number }[] = [];
    connection.state.subscribe((state) => timed.push({ status: state.status, at: Date.now() }));
    await until(() => timed.filter((t) => t.status.kind === 'retrying').length >= 5, 'cinq attentes');
    // random() = 0: each wait is half its ceiling (20, 40, 80, 100, 100 ms); the next attempt does not start before it.
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, 0, POLICY))).toEqual([20, 40, 80, 100, 100]);
    const waits = timed.flatMap((t, i) => (t.status.kind === 'retrying' && timed[i + 1]?.status.kind === 'connecting'
      ? [{ attempt: t.status.attempt, waited: timed[i + 1]!.at - t.at }] : []));
    expect(waits.slice(0, 4).map((w) => w.attempt)).toEqual([1, 2, 3, 4]);
    for (const { attempt, waited } of waits) expect(waited).toBeGreaterThanOrEqual(backoffDelay(attempt - 1, 0, POLICY) - 2);

    const back = new WebSocketServer({ host: '127.0.0.1', port });
    servers.push(back);
    await until(() => connection.state.getState().status.kind === 'open', 'ouvert une fois le poste revenu');
  });

  it('the retry time it shows is now plus the backoff delay', async () => {
    const { wss, url } = await startServer();
    wss.on('connection', (socket) => socket.close(4000, 'non'));
    const connection = openLiveConnection({
      url: () => url, incoming: Incoming, outgoing: Outgoing, onMessage: () => {}, onDropped: () => {},
      backoff: POLICY, random: () => 0.5, now: () => 1_000_000, WebSocket: WebSocket as unknown as LiveSocketConstructor,
    });
    connections.push(connection);
    await until(() => connection.state.getState().status.kind === 'retrying', 'une attente');
    expect(connection.state.getState().status).toEqual({ kind: 'retrying', attempt: 1, nextAttemptAt: 1_000_000 + backoffDelay(0, 0.5, POLICY), closeCode: 4000 });
  });

  it('stops for good on a close code that retrying cannot help, and after stop()', async () => {
    const { wss, url } = await startServer();
    let seen = 0;
    wss.on('connection', (socket) => { seen += 1; socket.close(4403, 'révoqué'); });
    const { connection } = connectTo(url, { shouldRetry: (code) => code !== 4403 });
    await until(() => connection.state.getState().status.kind === 'stopped', 'arrêté');
    expect(connection.state.getState().status).toEqual({ kind: 'stopped', closeCode: 4403 });
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toBe(1);
  });

  it('checks outgoing messages with their schema: an invalid one is an error value and never sent', async () => {
    const { wss, url } = await startServer();
    const got: string[] = [];
    wss.on('connection', (socket) => socket.on('message', (data: Buffer) => got.push(data.toString('utf8'))));
    const { connection } = connectTo(url);
    expect(connection.send({ type: 'ping', n: 1 })).toEqual({ ok: false, error: { kind: 'notOpen' } });
    await until(() => connection.state.getState().status.kind === 'open', 'ouvert');
    const bad = connection.send({ type: 'ping', n: 1.5 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid', issues: [expect.stringMatching(/^n /)] } });
    expect(connection.send({ type: 'ping', n: 2 })).toEqual({ ok: true, value: undefined });
    await until(() => got.length === 1, 'un message reçu');
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toEqual(['{"type":"ping","n":2}']);
    connection.stop();
    expect(connection.state.getState().status).toEqual({ kind: 'stopped', closeCode: null });
  });
});
