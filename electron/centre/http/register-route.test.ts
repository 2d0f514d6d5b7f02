import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../../shared/formats/route-table';
import { SessionParams } from '../../../shared/formats/route-params';
import { ROUTES } from '../../../shared/formats/routes';
import { startTestServer, type TestServer } from '../testing/test-server';
import { PreSerialised, registerRoute } from './register-route';
import type { JsonText } from '../../../shared/formats/live-messages';

/** Probe routes: a declared answer `{ n: positive int }`; some handlers lie about it (through `as never`). */
const Answer = z.object({ n: z.number().int().positive() }).strict();
const probe = (path: string) => defineRoute({
  method: 'POST', path, caller: 'public', params: SessionParams, body: z.object({ n: z.number().int() }).strict(), response: Answer,
  summary: 'sonde',
});
const PROBES = {
  honest: probe('/api/console/probe/:sessionId/honest'),
  wrongShape: probe('/api/console/probe/:sessionId/wrong-shape'),
  wrongBytes: probe('/api/console/probe/:sessionId/wrong-bytes'),
};

async function probes(app: FastifyInstance): Promise<void> {
  registerRoute(app, PROBES.honest).handle(({ params, body }) => ({ n: params.sessionId + body.n }));
  registerRoute(app, PROBES.wrongShape).handle(() => ({ n: 'trois' }) as never);
  registerRoute(app, PROBES.wrongBytes).handle(() => new PreSerialised('{"n":-1}' as JsonText<{ n: number }>));
}

/** Compile-time checks: `npx tsc` fails if a handler answering the wrong shape were accepted. */
export function typeChecks(app: FastifyInstance): void {
  // @ts-expect-error -- `status` must be the literal 'ok' (HealthAnswer), not any string.
  registerRoute(app, ROUTES.health).handle(() => ({ status: 'fine', certificateFingerprint: null }));
  // @ts-expect-error -- a missing field of the response schema.
  registerRoute(app, ROUTES.kioskMe).handle(() => ({ kioskId: 1 }));
  // @ts-expect-error -- a 204 route answers nothing.
  registerRoute(app, ROUTES.managerLogout).handle(() => ({ done: true }));
  // @ts-expect-error -- params are parsed: `sessionId` is a number, not a string.
  registerRoute(app, ROUTES.session).handle(({ params }) => ({ session: params.sessionId.toUpperCase() }));
}

let t: TestServer;
const logged: string[] = [];

beforeAll(async () => {
  t = await startTestServer({ plugins: [probes], logError: (error) => logged.push(String(error)) });
});
afterAll(async () => { await t.close(); });

describe('registerRoute: a route of the table, its schemas applied both ways', () => {
  it('parses params and body for the handler; an answer that matches its schema is sent', async () => {
    const answer = await t.call('POST', '/api/console/probe/40/honest', { body: { n: 2 } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ n: 42 });
  });

  it('a bad body is the French 400 naming the field; a malformed id a 404 naming the resource', async () => {
    const bad = await t.call('POST', '/api/console/probe/40/honest', { body: { n: 'deux' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'invalidBody', field: 'n', errors: [{ field: 'n' }] });
    expect(bad.json.error.message).toMatch(/^Champ « n » invalide : /);
    const missing = await t.call('POST', '/api/console/probe/40/honest', { body: {} });
    expect(missing.json.error).toMatchObject({ code: 'invalidBody', field: 'n', errors: [{ field: 'n', message: 'champ obligatoire' }] });
    const notAnId = await t.call('POST', '/api/console/probe/x7/honest', { body: { n: 1 } });
    expect(notAnId.status).toBe(404);
    expect(notAnId.json.error).toEqual({ code: 'notFound', message: 'Session introuvable (identifiant « x7 »).' });
    expect((await t.call('POST', '/api/console/probe/0/honest', { body: { n: 1 } })).status).toBe(404);
  });

  it('with checkResponses (tests), an answer that does not match its schema is a 500, logged', async () => {
    const wrong = await t.call('POST', '/api/console/probe/1/wrong-shape', { body: { n: 1 } });
    expect(wrong.status).toBe(500);
    expect(wrong.json.error.code).toBe('internal');
    expect(logged.at(-1)).toContain('réponse de POST /api/console/probe/:sessionId/wrong-shape hors de son schéma');
    // Pre-serialised bytes (the answer route's acknowledgement) are checked the same way.
    const bytes = await t.call('POST', '/api/console/probe/1/wrong-bytes', { body: { n: 1 } });
    expect(bytes.status).toBe(500);
    expect(logged.at(-1)).toContain('wrong-bytes hors de son schéma');
  });

  it('without checkResponses (production), the handler\'s answer is sent as it is', async () => {
    const production = await startTestServer({ plugins: [probes], checkResponses: false });
    try {
      expect((await production.call('POST', '/api/console/probe/1/wrong-shape', { body: { n: 1 } })).json).toEqual({ n: 'trois' });
    } finally {
      await production.close();
    }
  });
});
