import { CONTENT_PACKAGE_FORMAT, ContentPackage } from '../../../shared/formats/content-package';
import type { ApiErrorDetail } from '../../../shared/formats/route-table';
import { parseWith } from '../../../shared/formats/parse';
import { PROFILE_PACKAGE_FORMAT, ProfilePackage } from '../../../shared/formats/profile-package';
import type { PackageStore, StoredPackage } from '../packages/package-store';
import { verifyDetached } from '../pki/cms-verify';

/** A package as the console lists it: no body, no signature bytes. */
export type PackageSummary = Omit<StoredPackage, 'body' | 'signature'>;

export type PackageUploadResult =
  | { ok: true; package: PackageSummary; created: boolean }
  /** `field`: what the manager must replace — the signature file, or the package file itself (the screens word it). */
  | { ok: false; field: PackageRefusalField; reason: string; errors?: ApiErrorDetail[] };

/** Which file of an upload is refused: `signature` (altered, not signed by the authority, unreadable) or `package` (not a package). */
export type PackageRefusalField = 'signature' | 'package';

export function summarisePackage(p: Omit<StoredPackage, 'body'> & { body?: string }): PackageSummary {
  return { id: p.id, kind: p.kind, packageId: p.packageId, version: p.version, sha256: p.sha256, signer: p.signer, importedAt: p.importedAt };
}

/**
 * Architecture §2 — a content or profile package with its detached CMS signature: the signature must verify
 * against the trusted authority certificate (chain, digest, validity at `at`), then the JSON must match its
 * shared schema. Anything else is refused with the reason and nothing is written.
 */
export function importSignedPackage(store: PackageStore, upload: { body: Buffer; signature: Buffer; authorityPem: string; at: Date }): PackageUploadResult {
  const verified = verifyDetached(upload.body, upload.signature, upload.authorityPem, { at: upload.at });
  if (!verified.ok) return { ok: false, field: 'signature', reason: `signature refusée : ${verified.reason}` };
  const text = upload.body.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, field: 'package', reason: 'le fichier du paquet n’est pas du JSON valide' };
  }
  const format = data !== null && typeof data === 'object' ? (data as { format?: unknown }).format : undefined;
  if (format === CONTENT_PACKAGE_FORMAT) {
    const parsed = parseWith(ContentPackage, data);
    if (!parsed.ok) return schemaRefusal('paquet de contenu', parsed.errors);
    const saved = store.savePackage({ kind: 'content', packageId: parsed.value.id, version: parsed.value.version, body: text, signature: upload.signature, signer: verified.signer.subject });
    return { ok: true, package: summarisePackage(saved.package), created: saved.created };
  }
  if (format === PROFILE_PACKAGE_FORMAT) {
    const parsed = parseWith(ProfilePackage, data);
    if (!parsed.ok) return schemaRefusal('paquet de profils', parsed.errors);
    const saved = store.savePackage({ kind: 'profile', packageId: parsed.value.id, version: parsed.value.generatedAt, body: text, signature: upload.signature, signer: verified.signer.subject });
    return { ok: true, package: summarisePackage(saved.package), created: saved.created };
  }
  return { ok: false, field: 'package', reason: `format de paquet inconnu (champ « format » : ${JSON.stringify(format ?? null).slice(0, 80)} ; attendu « ${CONTENT_PACKAGE_FORMAT} » ou « ${PROFILE_PACKAGE_FORMAT} »)` };
}

function schemaRefusal(what: string, errors: readonly { path: string; message: string }[]): PackageUploadResult {
  const first = errors[0];
  return {
    ok: false,
    field: 'package',
    reason: `${what} invalide${first ? ` — ${first.path} : ${first.message}` : ''}${errors.length > 1 ? ` (et ${errors.length - 1} autre(s) erreur(s))` : ''}`,
    errors: errors.slice(0, 100).map((e) => ({ field: e.path, message: e.message })),
  };
}
