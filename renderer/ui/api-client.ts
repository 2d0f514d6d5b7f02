import type { z } from 'zod';
import { ok, err, type Result } from '../../shared/result';
import { ApiErrorBody, BINARY, routePath, type ApiError, type RouteBody, type RouteDef, type RouteParams, type RouteResponse } from '../../shared/formats/route-table';

/**
 * The one module of the screens that calls `fetch` (style.md "in the screens"): typed from the route table,
 * every JSON answer parsed with its route's schema, every failure returned as a value, never thrown.
 */

/** Why a call did not give the route's answer. */
export type ClientError =
  /** The server answered 4xx/5xx with its uniform error body: the screens word `error.code` from the catalogue. */
  | { kind: 'refused'; status: number; error: ApiError }
  /** The server could not be reached (connection refused, TLS failure, offline). */
  | { kind: 'network'; message: string }
  /** No answer within the time limit: the request was aborted. */
  | { kind: 'timeout'; afterMs: number }
  /** An answer came, but not the declared one (wrong JSON shape, not JSON, error body malformed). */
  | { kind: 'invalidResponse'; status: number; issues: string[] };

type Query = Record<string, string | number | boolean | undefined>;
/** What one call sends: `params` is required when the route has path parameters, `body` when it takes one. */
export type CallInput<R extends RouteDef> =
  & (R['params'] extends z.ZodType ? { params: RouteParams<R> } : { params?: undefined })
  & (R['body'] extends z.ZodType ? { body: RouteBody<R> } : R['body'] extends typeof BINARY ? { body: Uint8Array<ArrayBuffer> | string } : { body?: undefined })
  & { query?: Query };
/** The input argument may be left out only when nothing in it is required. */
type CallArgs<R extends RouteDef> = R['params'] extends z.ZodType ? [input: CallInput<R>]
  : R['body'] extends z.ZodType | typeof BINARY ? [input: CallInput<R>] : [input?: CallInput<R>];

export interface ApiClientOptions {
  /** Where the station is; default: the page's own origin (the screens are served by the station). */
  baseUrl?: string;
  /** Headers added to every call: the kiosk's device token and entry token. Called for each request. */
  headers?: () => Record<string, string>;
  /** Time limit of one call (default 10 s). */
  timeoutMs?: number;
  /** Injected for tests of other modules; default: the global `fetch`. */
  fetch?: typeof fetch;
}

export interface ApiClient {
  call<R extends RouteDef>(route: R, ...args: CallArgs<R>): Promise<Result<RouteResponse<R>, ClientError>>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

const zodIssues = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.join('.') || '(racine)'} : ${issue.message}`);

function buildUrl(base: string, path: string, query: Query | undefined): string {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Reads the body (a stream failure throws, for the caller to report), then parses it as JSON. */
async function readJson(response: Response): Promise<{ ok: true; json: unknown } | { ok: false }> {
  const text = await response.text();
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A refusal without `retryAfterSeconds` in its body (a 429 `checkInLimited`…) takes it from `Retry-After` (seconds). */
export function withRetryAfter(error: ApiError, header: string | null): ApiError {
  if (error.retryAfterSeconds !== undefined || header === null || !/^\d{1,9}$/.test(header.trim())) return error;
  return { ...error, retryAfterSeconds: Number(header.trim()) };
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = () => options.baseUrl ?? globalThis.location.origin;

  return {
    async call<R extends RouteDef>(route: R, ...args: CallArgs<R>): Promise<Result<RouteResponse<R>, ClientError>> {
      const input: { params?: unknown; body?: unknown; query?: Query } = args[0] ?? {};
      const url = buildUrl(base(), routePath(route.path, input.params as Record<string, string | number> | undefined), input.query);
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers?.() };
      const hasBody = route.body !== undefined && input.body !== undefined;
      // A file route (the roster) takes the file's exact bytes; every other body is JSON.
      const raw = route.body === BINARY;
      if (hasBody) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      let response: Response;
      try {
        response = await doFetch(url, {
          method: route.method,
          headers,
          credentials: 'same-origin',
          signal: abort.signal,
          ...(hasBody ? { body: raw ? input.body as Uint8Array<ArrayBuffer> | string : JSON.stringify(input.body) } : {}),
        });
      } catch (error) {
        clearTimeout(timer);
        if (abort.signal.aborted) return err({ kind: 'timeout', afterMs: timeoutMs });
        return err({ kind: 'network', message: error instanceof Error ? error.message : String(error) });
      }
      try {
        if (!response.ok) {
          const read = await readJson(response);
          const parsed = read.ok ? ApiErrorBody.safeParse(read.json) : null;
          if (!parsed?.success) {
            return err({ kind: 'invalidResponse', status: response.status, issues: parsed ? zodIssues(parsed.error) : ['réponse d’erreur qui n’est pas du JSON'] });
          }
          return err({ kind: 'refused', status: response.status, error: withRetryAfter(parsed.data.error, response.headers.get('retry-after')) });
        }
        if (route.response === BINARY) return ok(response as RouteResponse<R>);
        // 204 No Content (a deletion, a logout): no body to read, the route's schema says what that means.
        if (response.status === 204) {
          const parsed = route.response.safeParse(undefined);
          return parsed.success ? ok(parsed.data as RouteResponse<R>) : err({ kind: 'invalidResponse', status: 204, issues: zodIssues(parsed.error) });
        }
        const read = await readJson(response);
        if (!read.ok) return err({ kind: 'invalidResponse', status: response.status, issues: ['réponse qui n’est pas du JSON'] });
        const parsed = route.response.safeParse(read.json);
        if (!parsed.success) return err({ kind: 'invalidResponse', status: response.status, issues: zodIssues(parsed.error) });
        return ok(parsed.data as RouteResponse<R>);
      } catch (error) {
        // The body stream failed or timed out while being read.
        if (abort.signal.aborted) return err({ kind: 'timeout', afterMs: timeoutMs });
        return err({ kind: 'network', message: error instanceof Error ? error.message : String(error) });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
