import { z } from 'zod';

/**
 * The shape of the centre server's HTTP contract (style.md "one contract"): every route is data —
 * method, path, who may call it, its params, body and response as zod schemas. The server registers its
 * routes from the table (a handler returning the wrong shape fails the typecheck); the screens' client
 * (`renderer/ui/api-client.ts`) is typed from the same table. The table itself: `routes.ts`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ConsoleRole = 'manager' | 'invigilator';
/** Who may call a route: checked by the server's auth hook on every request. */
export type RouteCaller = 'public' | 'kiosk' | ConsoleRole | readonly ConsoleRole[];

/** One error detail: the bad field, or for a file its 1-based line and column. */
export const ApiErrorDetail = z.object({
  field: z.string().optional(),
  line: z.number().int().optional(),
  column: z.string().optional(),
  message: z.string(),
}).strict();
export type ApiErrorDetail = z.infer<typeof ApiErrorDetail>;

/** Every 4xx/5xx answer: `{ error: { code, message, field?, errors?, retryAfterSeconds? } }`. */
export const ApiError = z.object({
  /** Stable code: the screens word it from their catalogue. */
  code: z.string(),
  /** French, for logs, the CLI and API users; the screens do not show it. */
  message: z.string(),
  field: z.string().optional(),
  errors: z.array(ApiErrorDetail).optional(),
  retryAfterSeconds: z.number().int().optional(),
}).strict();
export type ApiError = z.infer<typeof ApiError>;
export const ApiErrorBody = z.object({ error: ApiError }).strict();
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/**
 * A body or response that is not JSON the schema reads (a roster file, an asset, a document whose exact bytes
 * matter): the client sends bytes and hands back the raw `Response`.
 */
export const BINARY = 'binary' as const;

/** The answer of a route that answers nothing (status 204). */
export const NoContent = z.undefined();

export interface RouteDef {
  method: HttpMethod;
  /** Fastify syntax: `/api/sessions/:sessionId/candidates`. */
  path: string;
  caller: RouteCaller;
  /** The path parameters, parsed from strings (`z.coerce.number()…`). */
  params?: z.ZodType;
  /** The query string. */
  query?: z.ZodType;
  /** The JSON body, validated before the handler runs (a 400 names the field); `BINARY`: raw bytes; absent: not read. */
  body?: z.ZodType | typeof BINARY;
  /** The success answer's JSON (status 200 unless `status` says otherwise), `NoContent` (204), or `BINARY`. */
  response: z.ZodType | typeof BINARY;
  status?: number;
  /** One line: what the route does (the documentation test checks each route is in docs/). */
  summary: string;
}

/** Declares a route, keeping its literal types for the server and the client. */
export const defineRoute = <const R extends RouteDef>(route: R): R => route;

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
type Input<S> = S extends z.ZodType ? z.input<S> : S extends typeof BINARY ? Uint8Array | string : undefined;
export type RouteParams<R extends RouteDef> = Infer<R['params']>;
export type RouteQuery<R extends RouteDef> = R['query'] extends z.ZodType ? z.input<R['query']> : undefined;
export type RouteBody<R extends RouteDef> = Input<R['body']>;
/**
 * What a route without a response schema (a file, a document's exact bytes) answers: the part of fetch's
 * `Response` the callers use, declared here so that shared/ needs no DOM types (tsconfig.shared.json); the
 * browser's and Node's `Response` both satisfy it.
 */
export interface RawResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  json(): Promise<unknown>;
}
export type RouteResponse<R extends RouteDef> = R['response'] extends z.ZodType ? z.output<R['response']> : RawResponse;

/** `/api/sessions/:sessionId` with `{sessionId: 3}` → `/api/sessions/3` (values URI-encoded). */
export function routePath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`paramètre de chemin manquant : ${name} (${path})`);
    return encodeURIComponent(String(value));
  });
}
