import crypto from 'node:crypto';
import { ContentPackage } from '../../shared/formats/content-package';
import { formatErrors, parseWith } from '../../shared/formats/parse';
import { ProfilePackage } from '../../shared/formats/profile-package';
import { err, ok, type Result } from '../../shared/result';
import { signDetached, type PlatformSigner } from '../signing/cms-sign';
import type { PackageKind, PlatformStore, PublishedPackage } from '../storage/platform-store';

const SHOWN_ERRORS = 5;

/**
 * Issue 9 §3 — publishes a content or profile package: its bytes kept as given (the SHA-256 the centres record
 * and the results documents name is theirs), checked against the package's schema, signed by the platform's
 * signing certificate (detached CMS), stored once per version. Identity: the package's `id`, and its `version`
 * (content) or `generatedAt` (profiles), as the centre names them.
 */
export async function publishPackage(store: PlatformStore, signer: PlatformSigner, kind: PackageKind, document: Buffer, now: Date): Promise<Result<PublishedPackage, string>> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(document));
  } catch (error) {
    return err(`le paquet n’est pas du JSON UTF-8 lisible (${(error as Error).message})`);
  }
  let identity: { packageId: string; version: string };
  if (kind === 'content') {
    const parsed = parseWith(ContentPackage, json);
    if (!parsed.ok) return err(`paquet de contenu invalide :\n${formatErrors(parsed.errors.slice(0, SHOWN_ERRORS))}`);
    identity = { packageId: parsed.value.id, version: parsed.value.version };
  } else {
    const parsed = parseWith(ProfilePackage, json);
    if (!parsed.ok) return err(`paquet de profils invalide :\n${formatErrors(parsed.errors.slice(0, SHOWN_ERRORS))}`);
    identity = { packageId: parsed.value.id, version: parsed.value.generatedAt };
  }
  const pkg: PublishedPackage = {
    kind,
    ...identity,
    sha256: crypto.createHash('sha256').update(document).digest('hex'),
    document,
    signature: signDetached(document, signer, now),
    publishedAt: now.toISOString(),
  };
  const stored = await store.publishPackage(pkg);
  if (!stored.ok) return err(`le paquet ${kind === 'content' ? 'de contenu' : 'de profils'} ${identity.packageId} version ${identity.version} est déjà publié (une version ne se publie qu’une fois)`);
  return ok(pkg);
}
