import { createHash } from 'node:crypto';
import { CONTENT_PACKAGE_FORMAT } from '../../../shared/formats/content-package';
import type { PlatformPackageRequest } from '../../../shared/formats/package-download';
import { PackageDownload } from '../../../shared/formats/platform-api';
import { PROFILE_PACKAGE_FORMAT } from '../../../shared/formats/profile-package';
import type { PackageStore } from '../packages/package-store';
import { importSignedPackage, type PackageUploadResult } from '../server/package-upload';

const FORMAT_OF_KIND = { content: CONTENT_PACKAGE_FORMAT, profiles: PROFILE_PACKAGE_FORMAT } as const;

/**
 * Issue 9 §2, architecture §2 — a package the platform sent (`PackageDownload`, docs/platform-api.md), imported
 * with the SAME verification as a file import (server/package-upload.ts: the detached CMS signature and its chain
 * against the station's authority.pem, then the schema). Before that, the answer must be the package asked for
 * (kind, id, version) and its bytes those the platform announced (SHA-256). Anything wrong: a French reason, and
 * nothing is written.
 */
export function importDownloadedPackage(store: PackageStore, answer: unknown, asked: PlatformPackageRequest, authorityPem: string, at: Date): PackageUploadResult {
  const parsed = PackageDownload.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: 'package', reason: `réponse de la plateforme hors du format attendu${issue ? ` — ${issue.path.join('.') || '(racine)'} : ${issue.message}` : ''}` };
  }
  const download = parsed.data;
  const named = `${download.kind} ${download.packageId} ${download.version}`;
  if (download.kind !== asked.kind || download.packageId !== asked.packageId || (asked.version !== 'latest' && download.version !== asked.version)) {
    return { ok: false, field: 'package', reason: `la plateforme a envoyé le paquet ${named} au lieu de ${asked.kind} ${asked.packageId} ${asked.version}` };
  }
  const body = Buffer.from(download.document, 'base64');
  const sha256 = createHash('sha256').update(body).digest('hex');
  if (sha256 !== download.sha256) {
    return { ok: false, field: 'package', reason: `paquet ${named} : ses octets (SHA-256 ${sha256.slice(0, 12)}…) ne sont pas ceux que la plateforme annonce (${download.sha256.slice(0, 12)}…)` };
  }
  // The package's own `format` and `id` must be what the platform listed (the signature then covers them).
  let identity: { format?: unknown; id?: unknown } = {};
  try {
    const data: unknown = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
    if (data !== null && typeof data === 'object') identity = data as typeof identity;
  } catch {
    return { ok: false, field: 'package', reason: `paquet ${named} : le document n’est pas du JSON valide` };
  }
  if (identity.format !== FORMAT_OF_KIND[download.kind] || identity.id !== download.packageId) {
    return { ok: false, field: 'package', reason: `paquet ${named} : le document est ${JSON.stringify(identity.format ?? null)} « ${String(identity.id ?? '?')} », pas le paquet annoncé` };
  }
  return importSignedPackage(store, { body, signature: Buffer.from(download.signature, 'base64'), authorityPem, at });
}
