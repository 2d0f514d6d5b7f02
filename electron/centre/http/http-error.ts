import type { FastifyReply } from 'fastify';
import type { ApiError, ApiErrorDetail } from '../../../shared/formats/route-table';

/**
 * A refusal to send to the client as `{ error: { code, message, field?, errors? } }` (French message).
 * Throw it from a hook or a handler; the server's error handler formats it. Never carries a stack to the client.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: { field?: string; errors?: ApiErrorDetail[]; headers?: Record<string, string>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  get body(): { error: ApiError & { retryAfterSeconds?: number } } {
    const { field, errors, retryAfterSeconds } = this.extra;
    return { error: {
      code: this.code, message: this.message, ...(field === undefined ? {} : { field }), ...(errors === undefined ? {} : { errors }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    } };
  }
}

/** Sends a refusal directly (for code that has the reply at hand and prefers not to throw). */
export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  if (error.extra.headers) reply.headers(error.extra.headers);
  return reply.code(error.statusCode).send(error.body);
}
