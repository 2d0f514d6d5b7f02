import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { JsonText } from '../../../shared/formats/live-messages';
import { BINARY, type RouteDef } from '../../../shared/formats/route-table';
import { HttpError } from './http-error';
import { fieldErrors, invalidFieldMessage } from './validate-body';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's entry in the route table (shared/formats/routes.ts), set by `registerRoute`. */
    route?: RouteDef;
  }
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : S extends typeof BINARY ? unknown : undefined;

/** What a handler gets: the request and reply, and the params, query and body already parsed by the route's schemas. */
export interface RouteCall<R extends RouteDef> {
  request: FastifyRequest;
  reply: FastifyReply;
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

/** JSON already serialised (the answer route's stored acknowledgement): sent as it is, checked against the schema in tests. */
export class PreSerialised<T> {
  declare private readonly brand: T;
  constructor(readonly json: JsonText<T>) {}
}

/**
 * What a handler returns, checked at compile time against the route's response schema: its input type (the
 * server serialises it), pre-serialised JSON of it, nothing for a 204, or for a `BINARY` route the reply it sent.
 */
export type RouteAnswer<R extends RouteDef> = R['response'] extends z.ZodType
  ? z.input<R['response']> extends undefined ? void : z.input<R['response']> | PreSerialised<z.input<R['response']>>
  : FastifyReply;

export interface RouteOptions {
  /** Bytes; default: the server's (64 KiB). */
  bodyLimit?: number;
  /** `@fastify/rate-limit` for this route. */
  rateLimit?: { max: number; timeWindow: number };
}

/**
 * Registers one route of the table: method, path and `config.auth` come from its entry; the body, path params
 * and query are parsed with its schemas before the handler runs (a bad body is a 400 `invalidBody` naming the
 * field, a malformed id a 404 `notFound`, a bad query a 400 `invalidQuery`); the handler's answer has the
 * response schema's type. Status: the entry's `status` (200 by default); a handler may set another with `reply.code`.
 */
export function registerRoute<const R extends RouteDef>(app: FastifyInstance, route: R, options: RouteOptions = {}): {
  /** The handler (a second call, so that the route's type is fixed before the handler's answer is checked against it). */
  handle(handler: (call: RouteCall<R>) => Promise<RouteAnswer<R>> | RouteAnswer<R>): void;
} {
  return { handle: (handler) => { addRoute(app, route, options, handler as (call: RouteCall<R>) => unknown); } };
}

function addRoute<R extends RouteDef>(app: FastifyInstance, route: R, options: RouteOptions, handler: (call: RouteCall<R>) => unknown): void {
  const { body: bodySchema, params: paramsSchema, query: querySchema } = route;
  app.route({
    method: route.method,
    url: route.path,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    config: { auth: route.caller, route, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) },
    handler: async (request, reply) => {
      const body = bodySchema === undefined || bodySchema === BINARY ? request.body : parseBody(bodySchema, request.body);
      const params = paramsSchema ? parseParams(paramsSchema, request.params) : undefined;
      const query = querySchema ? parseQuery(querySchema, request.query) : undefined;
      if (route.status !== undefined) reply.code(route.status);
      const call = { request, reply, params, query, body } as RouteCall<R>;
      const answer: unknown = await handler(call);
      if (route.response === BINARY) return reply;
      if (answer instanceof PreSerialised) return reply.type('application/json; charset=utf-8').send(answer.json);
      if (answer === undefined) return reply.send();
      return answer;
    },
  });
}

function parseBody(schema: z.ZodType, body: unknown): unknown {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const details = fieldErrors(parsed.error, body).map((e) => ({ field: e.path, message: e.message }));
  const first = details[0] ?? { field: '(racine)', message: 'corps de requête invalide' };
  throw new HttpError(400, 'invalidBody', invalidFieldMessage(first), { field: first.field, errors: details });
}

function parseParams(schema: z.ZodType, params: unknown): unknown {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  throw new HttpError(404, 'notFound', parsed.error.issues[0]?.message ?? 'Ressource introuvable.');
}

function parseQuery(schema: z.ZodType, query: unknown): unknown {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const [first = { path: '(racine)', message: 'paramètres invalides' }] = fieldErrors(parsed.error, query);
  throw new HttpError(400, 'invalidQuery', `Paramètre « ${first.path} » invalide : ${first.message}.`, { field: first.path });
}

/**
 * For tests (`config.checkResponses`): every JSON success answer of a table route is parsed with the route's
 * response schema; one that does not match becomes a 500, handed to the server's error log. Off in production
 * (the answer route's hot path sends stored bytes untouched).
 */
export function checkResponses(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.config.route;
    // Refusals have their own shape (ApiErrorBody, sent by the error handler); files are not JSON.
    if (!route || route.response === BINARY || reply.statusCode >= 300) return payload;
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    let value: unknown;
    try {
      value = text === undefined || text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new Error(`réponse de ${route.method} ${route.path} : JSON illisible`);
    }
    const parsed = route.response.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`).join(' ; ');
      throw new Error(`réponse de ${route.method} ${route.path} hors de son schéma (shared/formats/routes.ts) : ${problems}`);
    }
    return payload;
  });
}
