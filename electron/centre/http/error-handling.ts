import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError, sendError } from './http-error';

/** The French answer to each of Fastify's own request errors (by code). */
const FASTIFY_ERRORS: Record<string, (error: FastifyError) => HttpError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => new HttpError(400, 'invalidJson', 'JSON invalide : le corps de la requête n’est pas du JSON bien formé.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new HttpError(400, 'invalidJson', 'JSON invalide : le corps de la requête est vide.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new HttpError(413, 'bodyTooLarge', 'Requête trop volumineuse pour cette route.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new HttpError(415, 'unsupportedMediaType', 'Type de contenu non accepté : envoyez du JSON (Content-Type: application/json).'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new HttpError(400, 'invalidContentLength', 'En-tête Content-Length incohérent avec le corps de la requête.'),
  FST_ERR_CTP_INVALID_TYPE: () => new HttpError(415, 'unsupportedMediaType', 'En-tête Content-Type invalide.'),
  FST_ERR_CTP_EMPTY_TYPE: () => new HttpError(415, 'unsupportedMediaType', 'En-tête Content-Type vide.'),
};

/**
 * Uniform errors: `{ error: { code, message, field?, errors? } }` in French, never a stack trace.
 * Unexpected errors are 500 and handed to `logError` (the station's log).
 */
export function registerErrorHandling(app: FastifyInstance, logError: (error: unknown, context: string) => void): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error);
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) return sendError(reply, known(error));
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return sendError(reply, new HttpError(429, 'tooManyRequests', 'Trop de requêtes : patientez une minute avant de réessayer.'));
    }
    if (status === 400 && error instanceof SyntaxError) {
      return sendError(reply, new HttpError(400, 'invalidJson', 'JSON invalide : le corps de la requête n’est pas du JSON bien formé.'));
    }
    if (status >= 400 && status < 500) return sendError(reply, new HttpError(status, 'badRequest', 'Requête invalide.'));
    logError(error, `${request.method} ${request.url}`);
    return sendError(reply, new HttpError(500, 'internal', 'Erreur interne du serveur : elle a été consignée dans le journal du poste surveillant.'));
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, new HttpError(404, 'notFound',
    `Route inconnue : ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}.`)));
}
