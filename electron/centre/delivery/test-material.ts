import type { Challenge } from '../../../shared/formats/content-package';
import type { GeneratedTest } from '../../../shared/formats/generated-test';
import type { PupilProfile } from '../../../shared/formats/profile-package';
import type { TestRecord } from './delivery-store';
import type { ContentMaterial, MaterialCache } from './session-material';

/** A stored test, parsed once: its challenges (with solutions, station side only) in delivery order. */
export interface TestMaterial {
  generated: GeneratedTest;
  profile: PupilProfile;
  content: ContentMaterial;
  /** The content's challenges, in delivery order (R-GEN-5). */
  challenges: readonly Challenge[];
  /** Delivery index (0-based) of each challenge id. */
  positionOf: ReadonlyMap<string, number>;
}

export type TestMaterialCache = ReturnType<typeof createTestMaterialCache>;

/** Tests never change their content, profile or challenges once stored: parsed once per test id. */
export function createTestMaterialCache(materials: MaterialCache) {
  const cache = new Map<number, TestMaterial>();
  return {
    /** Null only if the test's content package is unreadable (it was checked at import and at start). */
    of(test: TestRecord): TestMaterial | null {
      const known = cache.get(test.id);
      if (known) return known;
      const content = materials.content(test.contentPackageId);
      if (!content) return null;
      const generated = JSON.parse(test.generatedTest) as GeneratedTest;
      const challenges = generated.challenges.map((c) => content.index.challengeById.get(c.challengeId));
      if (challenges.some((c) => c === undefined)) return null;
      const material: TestMaterial = {
        generated,
        profile: JSON.parse(test.profileSnapshot) as PupilProfile,
        content,
        challenges: challenges as Challenge[],
        positionOf: new Map(generated.challenges.map((c, i) => [c.challengeId, i])),
      };
      cache.set(test.id, material);
      return material;
    },
  };
}
