import type { FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { z } from 'zod';
import { formatPath } from '../../../shared/formats/parse';
import { HttpError } from './http-error';

/**
 * A preHandler that validates the JSON body against a shared zod schema and replaces it with the parsed
 * value (defaults filled in, texts trimmed). A refusal is a 400 naming the first bad field (`field`, the
 * zod path as `a.b[0].c`) and listing every bad field in `errors`.
 */
export function validateBody<S extends z.ZodType>(schema: S): preHandlerHookHandler {
  return (request, _reply, done) => {
    const parsed = schema.safeParse(request.body);
    if (!parsed.success) {
      done(invalidBody(fieldErrors(parsed.error, request.body)));
      return;
    }
    request.body = parsed.data;
    done();
  };
}

/** The body as validated by `validateBody(schema)`: use in the handler. */
export function bodyOf<S extends z.ZodType>(request: FastifyRequest, _schema: S): z.output<S> {
  return request.body as z.output<S>;
}

/** Every problem of a body that failed its schema, by path; a missing field reads « champ obligatoire ». */
export function fieldErrors(error: z.ZodError, body: unknown): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: valueAt(body, issue.path) === undefined && issue.code === 'invalid_type' ? 'champ obligatoire' : issue.message,
  }));
}

/** The French sentence naming the first bad field (the same over HTTP and on the kiosk's socket). */
export function invalidFieldMessage(first: { field: string; message: string }): string {
  return first.field === '(racine)' ? `Requête invalide : ${first.message}.` : `Champ « ${first.field} » invalide : ${first.message}.`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function invalidBody(errors: readonly { path: string; message: string }[]): HttpError {
  const details = errors.map((e) => ({ field: e.path, message: e.message }));
  const first = details[0] ?? { field: '(racine)', message: 'corps de requête invalide' };
  return new HttpError(400, 'invalidBody', invalidFieldMessage(first), { field: first.field, errors: details });
}

/** A positive integer route parameter (`:sessionId`), or a 404 in French. */
export function idParam(request: FastifyRequest, name: string, what: string): number {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? '';
  const id = /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new HttpError(404, 'notFound', `${what} introuvable (identifiant « ${raw.slice(0, 40)} »).`);
  return id;
}
