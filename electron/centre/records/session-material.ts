import { indexContent, type ContentIndex } from '../../../shared/certification/referential';
import { ContentPackage, type Asset } from '../../../shared/formats/content-package';
import { parseWith } from '../../../shared/formats/parse';
import { ProfilePackage, type PupilProfile } from '../../../shared/formats/profile-package';
import { normaliseName } from '../../../shared/sessions/names';
import type { PackageStore, StoredPackage } from '../packages/package-store';

/** What identifies a package in the results document. */
export interface PackageRef { rowId: number; packageId: string; version: string; sha256: string }

/** A session's content package, parsed and indexed once (R-REF-4, R-GEN-4). */
export interface ContentMaterial extends PackageRef {
  index: ContentIndex;
  assetById: ReadonlyMap<string, Asset>;
}

/** A session's profile package, with the two ways a candidate is matched to a pupil. */
export interface ProfileMaterial extends PackageRef {
  byPupilId: ReadonlyMap<string, PupilProfile>;
  /** `LASTNAME|FIRSTNAME|birthDate`, names normalised as at check-in (R-SESS-4). */
  byIdentity: ReadonlyMap<string, PupilProfile[]>;
}

export type MaterialCache = ReturnType<typeof createMaterialCache>;

/**
 * Packages are immutable once stored (same row id, same bytes), so their parsed form is cached by row id.
 * A body that no longer parses (it was checked at import) gives null: the caller refuses with a message.
 */
export function createMaterialCache(packages: PackageStore) {
  const contents = new Map<number, ContentMaterial | null>();
  const profiles = new Map<number, ProfileMaterial | null>();

  function load<T>(cache: Map<number, T | null>, rowId: number, build: (stored: StoredPackage) => T | null): T | null {
    if (cache.has(rowId)) return cache.get(rowId)!;
    const stored = packages.getPackage(rowId);
    const value = stored ? build(stored) : null;
    cache.set(rowId, value);
    return value;
  }

  return {
    content: (rowId: number): ContentMaterial | null => load(contents, rowId, (stored) => {
      const parsed = parseWith(ContentPackage, parseJson(stored.body));
      if (!parsed.ok) return null;
      return { ...refOf(stored), index: indexContent(parsed.value), assetById: new Map(parsed.value.assets.map((a) => [a.id, a])) };
    }),
    profiles: (rowId: number): ProfileMaterial | null => load(profiles, rowId, (stored) => {
      const parsed = parseWith(ProfilePackage, parseJson(stored.body));
      if (!parsed.ok) return null;
      const byIdentity = new Map<string, PupilProfile[]>();
      for (const pupil of parsed.value.profiles) {
        const key = identityKey(pupil.lastName, pupil.firstName, pupil.birthDate);
        byIdentity.set(key, [...(byIdentity.get(key) ?? []), pupil]);
      }
      return { ...refOf(stored), byPupilId: new Map(parsed.value.profiles.map((p) => [p.pupilId, p])), byIdentity };
    }),
  };
}

export function identityKey(lastName: string, firstName: string, birthDate: string): string {
  return `${normaliseName(lastName)}|${normaliseName(firstName)}|${birthDate}`;
}

function refOf(stored: StoredPackage): PackageRef {
  return { rowId: stored.id, packageId: stored.packageId, version: stored.version, sha256: stored.sha256 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
