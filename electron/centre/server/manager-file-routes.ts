import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PackageUpload, SessionPackageChoice } from '../../../shared/formats/centre-api';
import { parseWith } from '../../../shared/formats/parse';
import { importRoster } from '../roster/roster-import';
import { HttpError } from '../http/http-error';
import { valueOrThrow } from './refusal-http';
import { importSignedPackage, summarisePackage } from './package-upload';
import { bodyOf, idParam, validateBody } from '../http/validate-body';

/** A roster file (CSV or ODS) sent as the raw body; the roster reader refuses more than 10 MiB itself. */
export const ROSTER_BODY_LIMIT = 10 * 1024 * 1024 + 1024;
/** A content package with its assets, base64 inside the JSON upload. */
export const PACKAGE_BODY_LIMIT = 64 * 1024 * 1024;
/** Raw body types accepted by the roster route (and only there). */
export const ROSTER_CONTENT_TYPES = ['text/csv', 'application/vnd.oasis.opendocument.spreadsheet', 'application/octet-stream'];

const RosterQuery = z.object({
  fileName: z.string().trim().min(1, 'nom du fichier obligatoire (?fileName=eleves.csv)').max(255)
    .regex(/\.(csv|ods|txt)$/i, 'fichier .csv ou .ods attendu'),
}).strict();

/** Roster import (R-SESS-3) and signed packages (architecture §2), for the centre manager. */
export async function managerFileRoutes(app: FastifyInstance): Promise<void> {
  const { sessions, packages, clock } = app.centre;
  const manager = { auth: 'manager' as const };

  // Raw file bodies are accepted here only: every other route stays JSON-only.
  app.addContentTypeParser(ROSTER_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: ROSTER_BODY_LIMIT }, (_request, body, done) => done(null, body));

  // R-SESS-3 — all or nothing: every bad row is reported with its line, column and reason; nothing is imported.
  app.post('/api/manager/sessions/:sessionId/roster', { config: manager, bodyLimit: ROSTER_BODY_LIMIT }, async (request, reply) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    const query = parseWith(RosterQuery, request.query);
    if (!query.ok) throw new HttpError(400, 'invalidQuery', `Paramètre « ${query.errors[0]!.path} » invalide : ${query.errors[0]!.message}.`, { field: query.errors[0]!.path });
    if (!Buffer.isBuffer(request.body)) {
      throw new HttpError(415, 'unsupportedMediaType', `Envoyez le fichier tel quel, avec le type ${ROSTER_CONTENT_TYPES.join(', ')}.`);
    }
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`);
    const result = await importRoster(sessions, sessionId, request.body, query.value.fileName);
    if (!result.ok) {
      throw new HttpError(422, 'rosterRefused', `Liste « ${query.value.fileName} » refusée : ${result.errors.length} erreur(s), aucun candidat importé.`, {
        errors: result.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })),
      });
    }
    return reply.code(201).send({ count: result.candidates.length, candidates: result.candidates });
  });

  app.get('/api/manager/packages', { config: manager }, async () => ({ packages: packages.listPackages().map(summarisePackage) }));

  app.post('/api/manager/packages', { config: manager, bodyLimit: PACKAGE_BODY_LIMIT, preHandler: validateBody(PackageUpload) }, async (request, reply) => {
    const authorityPem = app.centre.authorityCertificate();
    if (authorityPem === null) {
      throw new HttpError(409, 'noTrustedAuthority', `Aucun certificat d’autorité de confiance sur ce poste : placez authority.pem dans ${app.centre.dataDir}.`);
    }
    const body = bodyOf(request, PackageUpload);
    const result = importSignedPackage(packages, {
      body: Buffer.from(body.package, 'base64'),
      signature: Buffer.from(body.signature, 'base64'),
      authorityPem,
      at: clock(),
    });
    if (!result.ok) {
      throw new HttpError(422, 'packageRefused', `Paquet refusé : ${result.reason}. Rien n’a été importé.`, result.errors ? { errors: result.errors } : {});
    }
    return reply.code(result.created ? 201 : 200).send({ package: result.package, created: result.created });
  });

  const sessionPackages = (sessionId: number) => {
    const { content, profile } = packages.sessionPackages(sessionId);
    return { content: content && summarisePackage(content), profile: profile && summarisePackage(profile) };
  };

  app.get('/api/manager/sessions/:sessionId/packages', { config: manager }, async (request) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    if (!sessions.getSession(sessionId)) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`);
    return sessionPackages(sessionId);
  });

  app.put('/api/manager/sessions/:sessionId/packages', { config: manager, preHandler: validateBody(SessionPackageChoice) }, async (request) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    valueOrThrow(packages.useInSession(sessionId, bodyOf(request, SessionPackageChoice).packageId));
    return sessionPackages(sessionId);
  });
}
