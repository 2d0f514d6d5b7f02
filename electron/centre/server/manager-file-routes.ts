import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../../shared/formats/routes';
import { importRoster } from '../roster/roster-import';
import { HttpError } from '../http/http-error';
import { valueOrThrow } from './refusal-http';
import { importSignedPackage, summarisePackage } from './package-upload';
import { registerRoute } from '../http/register-route';

/** A roster file (CSV or ODS) sent as the raw body; the roster reader refuses more than 10 MiB itself. */
export const ROSTER_BODY_LIMIT = 10 * 1024 * 1024 + 1024;
/** A content package with its assets, base64 inside the JSON upload. */
export const PACKAGE_BODY_LIMIT = 64 * 1024 * 1024;
/** Raw body types accepted by the roster route (and only there). */
export const ROSTER_CONTENT_TYPES = ['text/csv', 'application/vnd.oasis.opendocument.spreadsheet', 'application/octet-stream'];

/** Roster import (R-SESS-3) and signed packages (architecture §2), for the centre manager. */
export async function managerFileRoutes(app: FastifyInstance): Promise<void> {
  const { sessions, packages, clock } = app.centre;

  // Raw file bodies are accepted here only: every other route stays JSON-only.
  app.addContentTypeParser(ROSTER_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: ROSTER_BODY_LIMIT }, (_request, body, done) => done(null, body));

  // R-SESS-3 — all or nothing: every bad row is reported with its line, column and reason; nothing is imported.
  registerRoute(app, ROUTES.roster, { bodyLimit: ROSTER_BODY_LIMIT }).handle(async ({ params: { sessionId }, query: { fileName }, body }) => {
    if (!Buffer.isBuffer(body)) {
      throw new HttpError(415, 'unsupportedMediaType', `Envoyez le fichier tel quel, avec le type ${ROSTER_CONTENT_TYPES.join(', ')}.`);
    }
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`);
    const result = await importRoster(sessions, sessionId, body, fileName);
    if (!result.ok) {
      throw new HttpError(422, 'rosterRefused', `Liste « ${fileName} » refusée : ${result.errors.length} erreur(s), aucun candidat importé.`, {
        errors: result.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })),
      });
    }
    return { count: result.candidates.length, candidates: result.candidates };
  });

  registerRoute(app, ROUTES.packages).handle(() => ({ packages: packages.listPackages().map(summarisePackage) }));

  registerRoute(app, ROUTES.packageUpload, { bodyLimit: PACKAGE_BODY_LIMIT }).handle(({ reply, body }) => {
    const authorityPem = app.centre.authorityCertificate();
    if (authorityPem === null) {
      throw new HttpError(409, 'noTrustedAuthority', `Aucun certificat d’autorité de confiance sur ce poste : placez authority.pem dans ${app.centre.dataDir}.`);
    }
    const result = importSignedPackage(packages, {
      body: Buffer.from(body.package, 'base64'),
      signature: Buffer.from(body.signature, 'base64'),
      authorityPem,
      at: clock(),
    });
    if (!result.ok) {
      throw new HttpError(422, 'packageRefused', `Paquet refusé : ${result.reason}. Rien n’a été importé.`, { field: result.field, ...(result.errors ? { errors: result.errors } : {}) });
    }
    if (!result.created) reply.code(200);
    return { package: result.package, created: result.created };
  });

  const sessionPackages = (sessionId: number) => {
    const { content, profile } = packages.sessionPackages(sessionId);
    return { content: content && summarisePackage(content), profile: profile && summarisePackage(profile) };
  };

  registerRoute(app, ROUTES.sessionPackages).handle(({ params: { sessionId } }) => {
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`);
    return sessionPackages(sessionId);
  });

  registerRoute(app, ROUTES.sessionPackageChoice).handle(({ params: { sessionId }, body }) => {
    valueOrThrow(packages.useInSession(sessionId, body.packageId));
    return sessionPackages(sessionId);
  });
}
