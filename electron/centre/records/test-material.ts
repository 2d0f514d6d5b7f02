import type { Challenge } from '../../../shared/formats/content-package';
import type { GeneratedTest } from '../../../shared/formats/generated-test';
import type { TestDocuments, TestRecord } from './delivery-store';
import type { ContentMaterial, MaterialCache } from './session-material';

/** A stored test, parsed once: its challenges (with solutions, station side only) in delivery order. */
/** The pupil's frozen profile is not kept here (tens of kilobytes once parsed): `store.testDocuments` has it. */
export interface TestMaterial {
  generated: GeneratedTest;
  content: ContentMaterial;
  /** The content's challenges, in delivery order (R-GEN-5). */
  challenges: readonly Challenge[];
  /** Delivery index (0-based) of each challenge id. */
  positionOf: ReadonlyMap<string, number>;
}

export type TestMaterialCache = ReturnType<typeof createTestMaterialCache>;

/**
 * Tests in progress at once that stay parsed: more than a centre seats (the parsed profile weighs tens of
 * kilobytes; a station that ran thousands of tests must not keep them all).
 */
const CACHED_TESTS = 1024;

/**
 * Tests never change their content, profile or challenges once stored: read and parsed once per test id, the
 * least recently used forgotten beyond CACHED_TESTS (read again if needed, e.g. at finalisation).
 */
export function createTestMaterialCache(materials: MaterialCache, documentsOf: (testId: number) => TestDocuments | null) {
  const cache = new Map<number, TestMaterial>();
  return {
    /** Null only if the test's content package is unreadable (it was checked at import and at start). */
    of(test: Pick<TestRecord, 'id' | 'contentPackageId'>): TestMaterial | null {
      const known = cache.get(test.id);
      if (known) {
        // Map keeps insertion order: moving the test to the end makes the first key the least recently used.
        cache.delete(test.id);
        cache.set(test.id, known);
        return known;
      }
      const content = materials.content(test.contentPackageId);
      const documents = documentsOf(test.id);
      if (!content || !documents) return null;
      const generated = JSON.parse(documents.generatedTest) as GeneratedTest;
      const challenges = generated.challenges.map((c) => content.index.challengeById.get(c.challengeId));
      if (challenges.some((c) => c === undefined)) return null;
      const material: TestMaterial = {
        generated,
        content,
        challenges: challenges as Challenge[],
        positionOf: new Map(generated.challenges.map((c, i) => [c.challengeId, i])),
      };
      cache.set(test.id, material);
      if (cache.size > CACHED_TESTS) cache.delete(cache.keys().next().value!);
      return material;
    },
  };
}
