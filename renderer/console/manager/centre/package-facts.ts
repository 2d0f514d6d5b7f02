import type { PackageSummary } from '../../../../shared/formats/centre-api';
import type { PackageList as PlatformPackageList } from '../../../../shared/formats/platform-api';
import type { ClientError } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { errorKey, type Locale } from '../../../ui/i18n/translate';
import { dateTimeText } from './dates';

/**
 * The signed packages page's decisions (issue 10 §1, architecture §2), pure: what a kind is called, which files are
 * missing before sending, how a refusal is worded, what the platform's list says, and whether a published package
 * is already on this station.
 */
export type PlatformPackage = PlatformPackageList['packages'][number];

/** The station says `profile`, the platform `profiles`: both are « Profils des candidats ». */
export function kindKey(kind: PackageSummary['kind'] | PlatformPackage['kind']): MessageKey {
  return kind === 'content' ? 'centre.kindContent' : 'centre.kindProfile';
}

export interface UploadProblems { package?: MessageKey; signature?: MessageKey }

/** What is wrong with the two chosen files before anything is sent (none: `{}`). */
export function uploadProblems(packageFile: { name: string; size: number } | null, signatureFile: { name: string; size: number } | null): UploadProblems {
  const problems: UploadProblems = {};
  if (packageFile === null) problems.package = 'centre.uploadPackageMissing';
  else if (packageFile.size === 0) problems.package = 'centre.uploadFileEmpty';
  if (signatureFile === null) problems.signature = 'centre.uploadSignatureMissing';
  else if (signatureFile.size === 0) problems.signature = 'centre.uploadFileEmpty';
  if (packageFile && signatureFile && packageFile.size > 0 && signatureFile.size > 0 && isSignatureName(packageFile.name) && !isSignatureName(signatureFile.name)) {
    problems.package = 'centre.uploadSwapped';
  }
  return problems;
}

const isSignatureName = (name: string) => /\.p7s$/i.test(name);

/** A refused import (a file or a download), worded for the manager: which file is wrong, or why nothing could be done. */
export function importRefusalKey(error: ClientError): MessageKey {
  if (error.kind === 'network') return 'client.network';
  if (error.kind === 'timeout') return 'client.timeout';
  if (error.kind === 'invalidResponse') return 'client.invalidResponse';
  const { code, field } = error.error;
  if (code === 'packageRefused') return field === 'package' ? 'centre.refusedPackage' : 'centre.refusedSignature';
  if (code === 'noTrustedAuthority') return 'centre.noAuthority';
  if (code === 'bodyTooLarge') return 'centre.fileTooLarge';
  if (code === 'platformUnreachable') return 'centre.platformUnreachable';
  return errorKey(code);
}

/** What the platform's list is: published packages, or why it cannot be shown. */
export type PlatformListing =
  | { kind: 'ready'; packages: PlatformPackage[] }
  | { kind: 'noAddress' }
  | { kind: 'unreachable' }
  | { kind: 'noAuthority' }
  | { kind: 'failed'; key: MessageKey };

export function platformListingOf(error: ClientError): PlatformListing {
  if (error.kind === 'refused') {
    if (error.error.code === 'noPlatformUrl') return { kind: 'noAddress' };
    if (error.error.code === 'platformUnreachable') return { kind: 'unreachable' };
    if (error.error.code === 'noTrustedAuthority') return { kind: 'noAuthority' };
    return { kind: 'failed', key: errorKey(error.error.code) };
  }
  return { kind: 'failed', key: importRefusalKey(error) };
}

/** The same package (kind, id, version) is already imported here: no need to download it again. */
export function alreadyImported(published: PlatformPackage, imported: readonly PackageSummary[]): PackageSummary | undefined {
  const kind = published.kind === 'content' ? 'content' : 'profile';
  return imported.find((p) => p.kind === kind && p.packageId === published.packageId && p.version === published.version);
}

/** One published package's identity, for its row and its download state. */
export function publishedKey(p: Pick<PlatformPackage, 'kind' | 'packageId' | 'version'>): string {
  return `${p.kind}/${p.packageId}/${p.version}`;
}

/** Newest first, as the manager looks for the latest; ties by name. */
export function importedOrder(packages: readonly PackageSummary[]): PackageSummary[] {
  return [...packages].sort((a, b) => b.importedAt.localeCompare(a.importedAt) || a.packageId.localeCompare(b.packageId) || b.id - a.id);
}

/** A byte count as the manager reads it (« 47 ko », « 1,2 Mo »). */
export function sizeParams(bytes: number): { key: MessageKey; params: { n: number } } {
  if (bytes < 1024) return { key: 'centre.sizeBytes', params: { n: bytes } };
  if (bytes < 1024 * 1024) return { key: 'centre.sizeKb', params: { n: Math.round(bytes / 1024) } };
  return { key: 'centre.sizeMb', params: { n: Math.round((bytes / (1024 * 1024)) * 10) / 10 } };
}

/** A profile package's version is the date it was generated (`generatedAt`): shown as a date; a content version as it is. */
export function versionText(p: { kind: PackageSummary['kind'] | PlatformPackage['kind']; version: string }, locale: Locale): string {
  return p.kind !== 'content' && /^\d{4}-\d{2}-\d{2}T/.test(p.version) ? dateTimeText(locale, p.version) : p.version;
}
