import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../shared/formats/route-table';
import { ROUTES } from '../../shared/formats/routes';
import { createApiClient } from './api-client';

/** A real HTTP server on a free port; each path answers one way (no fetch mock: the client's real `fetch` talks to it). */
interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; bytes: Buffer }
let server: http.Server;
let baseUrl: string;
const seen: Seen[] = [];

const json = (res: http.ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => { chunks.push(chunk); });
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const body = bytes.toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, bytes });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/api/health') return json(res, 200, { status: 'ok', certificateFingerprint: 'AB:CD' });
      if (path === '/wrong-shape/api/health') return json(res, 200, { status: 'ok', certificateFingerprint: 42 });
      if (path === '/not-json/api/health') return res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>pas du JSON</h1>');
      if (path === '/refused/api/health') return json(res, 409, { error: { code: 'sessionClosed', message: 'La session est close.', field: 'sessionNumber' } });
      if (path === '/limited/api/health') {
        return res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '8' })
          .end(JSON.stringify({ error: { code: 'checkInLimited', message: 'Trop d’essais.', field: 'identity' } }));
      }
      if (path === '/bad-error/api/health') return res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
      if (path === '/slow/api/health') return; // never answers
      if (path === '/api/manager/candidates/9') return res.writeHead(204).end();
      if (path === '/api/manager/sessions/4/roster') {
        return json(res, 201, { count: 0, candidates: [] });
      }
      if (path?.startsWith('/api/sessions/')) return json(res, 201, { added: JSON.parse(body).name as string });
      if (path === '/api/console/kiosks/7/revoke') return res.writeHead(204).end();
      if (path === '/api/console/kiosks/8/revoke') return res.writeHead(204).end();
      return json(res, 404, { error: { code: 'notFound', message: 'Route inconnue.' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const AddCandidate = defineRoute({
  method: 'POST', path: '/api/sessions/:sessionId/candidates', caller: 'invigilator',
  params: z.object({ sessionId: z.coerce.number().int() }),
  query: z.object({ dryRun: z.enum(['yes', 'no']).optional() }),
  body: z.object({ name: z.string() }).strict(),
  response: z.object({ added: z.string() }).strict(), status: 201,
  summary: 'Route de test.',
});

describe('the typed API client against a real HTTP server', () => {
  it('parses a JSON answer with the route’s schema and returns it as a value', async () => {
    const result = await createApiClient({ baseUrl }).call(ROUTES.health);
    expect(result).toEqual({ ok: true, value: { status: 'ok', certificateFingerprint: 'AB:CD' } });
  });

  it('a response that does not match its schema is an error value naming the field, not a thrown error', async () => {
    const result = await createApiClient({ baseUrl: `${baseUrl}/wrong-shape/` }).call({ ...ROUTES.health, path: 'api/health' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalidResponse');
    expect(result.error.kind === 'invalidResponse' && result.error.issues.join(' ')).toMatch(/certificateFingerprint/);
  });

  it('an answer that is not JSON at all is an invalid response', async () => {
    const result = await createApiClient({ baseUrl: `${baseUrl}/not-json/` }).call({ ...ROUTES.health, path: 'api/health' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidResponse', status: 200 } });
  });

  it('a refusal gives the status and the server’s code and field (the screens word the code)', async () => {
    const result = await createApiClient({ baseUrl: `${baseUrl}/refused/` }).call({ ...ROUTES.health, path: 'api/health' });
    expect(result).toEqual({ ok: false, error: { kind: 'refused', status: 409, error: { code: 'sessionClosed', message: 'La session est close.', field: 'sessionNumber' } } });
  });

  it('a 429 whose body has no retryAfterSeconds takes it from the Retry-After header', async () => {
    const result = await createApiClient({ baseUrl: `${baseUrl}/limited/` }).call({ ...ROUTES.health, path: 'api/health' });
    expect(result).toEqual({ ok: false, error: { kind: 'refused', status: 429, error: { code: 'checkInLimited', message: 'Trop d’essais.', field: 'identity', retryAfterSeconds: 8 } } });
  });

  it('an error status without the uniform error body is an invalid response, not a refusal', async () => {
    const result = await createApiClient({ baseUrl: `${baseUrl}/bad-error/` }).call({ ...ROUTES.health, path: 'api/health' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidResponse', status: 502 } });
  });

  it('an unanswered call is aborted after the time limit and reported as a timeout', async () => {
    const started = Date.now();
    const result = await createApiClient({ baseUrl: `${baseUrl}/slow/`, timeoutMs: 150 }).call({ ...ROUTES.health, path: 'api/health' });
    expect(result).toEqual({ ok: false, error: { kind: 'timeout', afterMs: 150 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a station that cannot be reached is a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await createApiClient({ baseUrl: `http://127.0.0.1:${port}` }).call(ROUTES.health);
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('sends the method, path parameters (encoded), query, JSON body and the headers hook’s headers', async () => {
    seen.length = 0;
    let token = 'device-1';
    const client = createApiClient({ baseUrl, headers: () => ({ authorization: `Bearer ${token}` }) });
    const first = await client.call(AddCandidate, { params: { sessionId: 12 }, query: { dryRun: 'yes', skipped: undefined }, body: { name: 'Zoé d’Aubigné' } });
    expect(first).toEqual({ ok: true, value: { added: 'Zoé d’Aubigné' } });
    token = 'device-2';
    await client.call(AddCandidate, { params: { sessionId: 7 }, body: { name: 'B' } });
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.headers['content-type'], s.body])).toEqual([
      ['POST', '/api/sessions/12/candidates?dryRun=yes', 'Bearer device-1', 'application/json', '{"name":"Zoé d’Aubigné"}'],
      ['POST', '/api/sessions/7/candidates', 'Bearer device-2', 'application/json', '{"name":"B"}'],
    ]);
  });

  it('a route that answers nothing (204, NoContent) is a success with no value; an answer where none is declared is not', async () => {
    const revoked = await createApiClient({ baseUrl }).call(ROUTES.kioskRevoke, { params: { kioskId: 7 } });
    expect(revoked).toEqual({ ok: true, value: undefined });
    const health = defineRoute({ method: 'GET', path: '/api/console/kiosks/8/revoke', caller: 'public', response: z.object({ status: z.string() }), summary: 'test' });
    expect(await createApiClient({ baseUrl }).call(health)).toMatchObject({ ok: false, error: { kind: 'invalidResponse', status: 204 } });
  });

  it('a GET sends no body and no content type', async () => {
    seen.length = 0;
    await createApiClient({ baseUrl }).call(ROUTES.health);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['content-type']).toBeUndefined();
    expect(seen[0]!.body).toBe('');
  });
  it('a 204 answer (a deletion) is a success with no value, not an answer that is not JSON', async () => {
    const result = await createApiClient({ baseUrl }).call(ROUTES.candidateDelete, { params: { candidateId: 9 } });
    expect(result).toEqual({ ok: true, value: undefined });
  });
  it('a file route sends the file’s exact bytes, not JSON (the roster: an ODS is a zip, not text)', async () => {
    seen.length = 0;
    const file = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0xfe]);
    const result = await createApiClient({ baseUrl }).call(ROUTES.roster, { params: { sessionId: 4 }, query: { fileName: 'élèves.ods' }, body: file });
    expect(result).toEqual({ ok: true, value: { count: 0, candidates: [] } });
    expect(seen[0]!.url).toBe('/api/manager/sessions/4/roster?fileName=%C3%A9l%C3%A8ves.ods');
    expect(seen[0]!.headers['content-type']).toBe('application/octet-stream');
    expect([...seen[0]!.bytes]).toEqual([...file]);
  });
});
