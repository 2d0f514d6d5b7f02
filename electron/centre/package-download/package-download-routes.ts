import type { FastifyInstance } from 'fastify';
import { PackageList, PLATFORM_ROUTES } from '../../../shared/formats/platform-api';
import { ROUTES } from '../../../shared/formats/routes';
import { HttpError } from '../http/http-error';
import { registerRoute } from '../http/register-route';
import { platformUrl } from '../sending/outbox';
import { importDownloadedPackage } from './downloaded-package';
import { getFromPlatform, type PlatformGet } from './platform-get';

/**
 * Issue 9 §2 — the manager lists the packages the configured platform publishes and downloads one; it is
 * verified exactly as a file import (downloaded-package.ts). The platform is reached over HTTPS, its certificate
 * checked against authority.pem alone.
 */
export function registerPackageDownloadRoutes(app: FastifyInstance, options: { timeoutMs?: number } = {}): void {
  const { db, packages, clock } = app.centre;

  /** The platform's address and the trusted authority, or the refusal that says which one is missing. */
  const platform = () => {
    const url = platformUrl(db);
    if (!url) throw new HttpError(409, 'noPlatformUrl', 'Adresse de la plateforme non réglée : réglez-la d’abord (PUT /api/manager/platform).');
    const authorityPem = app.centre.authorityCertificate();
    if (authorityPem === null) {
      throw new HttpError(409, 'noTrustedAuthority', `Aucun certificat d’autorité de confiance sur ce poste : placez authority.pem dans ${app.centre.dataDir}.`);
    }
    return { url: url.platformUrl, authorityPem };
  };
  const answerOf = (got: PlatformGet, what: string): unknown => {
    if (got.kind === 'network') throw new HttpError(502, 'platformUnreachable', `Plateforme injoignable pour ${what} : ${got.message}. Rien n’a été importé.`);
    if (got.kind === 'refused') {
      throw new HttpError(got.status === 404 ? 404 : 502, got.status === 404 ? 'packageNotPublished' : 'platformUnreachable', `La plateforme refuse ${what} : ${got.message}.`);
    }
    return got.body;
  };

  registerRoute(app, ROUTES.platformPackages).handle(async () => {
    const { url, authorityPem } = platform();
    const body = answerOf(await getFromPlatform(url, PLATFORM_ROUTES.packages, authorityPem, options.timeoutMs), 'la liste des paquets');
    const list = PackageList.safeParse(body);
    if (!list.success) throw new HttpError(502, 'platformUnreachable', 'La plateforme a répondu une liste de paquets hors du format attendu.');
    return list.data;
  });

  registerRoute(app, ROUTES.platformPackageDownload).handle(async ({ reply, body: asked }) => {
    const { url, authorityPem } = platform();
    const path = `${PLATFORM_ROUTES.packagePrefix}${[asked.kind, asked.packageId, asked.version].map(encodeURIComponent).join('/')}`;
    const what = `le paquet ${asked.kind} ${asked.packageId} ${asked.version}`;
    const answer = answerOf(await getFromPlatform(url, path, authorityPem, options.timeoutMs), what);
    const result = importDownloadedPackage(packages, answer, asked, authorityPem, clock());
    if (!result.ok) {
      throw new HttpError(422, 'packageRefused', `Paquet refusé : ${result.reason}. Rien n’a été importé.`, { field: result.field, ...(result.errors ? { errors: result.errors } : {}) });
    }
    if (!result.created) reply.code(200);
    return { package: result.package, created: result.created };
  });
}
