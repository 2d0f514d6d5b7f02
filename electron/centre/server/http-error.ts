import type { FastifyReply } from 'fastify';
import type { ApiError, ApiErrorDetail } from '../../../shared/formats/centre-api';
import type { StoreError } from '../sessions/store-result';

/**
 * A refusal to send to the client as `{ error: { code, message, field?, errors? } }` (French message).
 * Throw it from a hook or a handler; the server's error handler formats it. Never carries a stack to the client.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: { field?: string; errors?: ApiErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  get body(): { error: ApiError } {
    const { field, errors } = this.extra;
    return { error: { code: this.code, message: this.message, ...(field === undefined ? {} : { field }), ...(errors === undefined ? {} : { errors }) } };
  }
}

/** Sends a refusal directly (for code that has the reply at hand and prefers not to throw). */
export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  if (error.extra.headers) reply.headers(error.extra.headers);
  return reply.code(error.statusCode).send(error.body);
}

/** HTTP status of each store refusal (sessions, candidates, packages). */
const STORE_STATUS: Record<StoreError['code'], number> = {
  invalid: 400,
  notFound: 404,
  duplicateSession: 409,
  duplicateCandidate: 409,
  duplicateExternalId: 409,
  sessionLocked: 409,
  inUse: 409,
};

/** A store's refusal as an HttpError: `invalid` names its first bad field, every bad field is listed. */
export function fromStoreError(error: StoreError): HttpError {
  const errors = error.errors?.map((e) => ({ field: e.path, message: e.message }));
  const first = errors?.[0];
  const message = first ? `${error.message} ${first.field} : ${first.message}` : error.message;
  return new HttpError(STORE_STATUS[error.code] ?? 400, error.code, message, {
    ...(first ? { field: first.field, errors } : {}),
  });
}

/** Unwraps a store result or throws its refusal. */
export function valueOrThrow<T>(result: { ok: true; value: T } | { ok: false; error: StoreError }): T {
  if (!result.ok) throw fromStoreError(result.error);
  return result.value;
}
