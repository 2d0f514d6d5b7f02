import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sampleV2 from './fixtures/results-document.sample.json';
import sampleV3 from './fixtures/results-document-v3.sample.json';
import { AnyResultsDocument, ResultsDocument, ResultsDocumentV2, ResultsTest, ResultsTestV2 } from './results';
import { isResultsTest, isResultsTestV2, validAnyResultsDocument, validResultsDocument, validResultsDocumentV2 } from './results-test-check';

/**
 * The hand-written check must say yes exactly when the zod schema does, for each format: on a genuine document (a real
 * centre session of two candidates, one who answered the 15 challenges, one stopped by a technical problem, with a
 * lockdown event added; format 3's sample is the same session with format 2's derived fields removed and its drawn
 * test reduced to its inputs and challenge ids, as results-document.ts writes it), then at every kind of place of each test with values near every limit of the schema, and on 1,300 whole documents mutated at random places (a value replaced, a key removed or added, an
 * array element dropped or repeated; values near the limits and arbitrary JSON). A planted off-by-one (position ≥ 0, a
 * choice of 201 characters) makes the exhaustive test fail.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** Every place in the document: the path of each value. */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) paths(value[k]!, [...at, k], out);
  return out;
}

/** Values at and around the schema's limits: enums, patterns, bounds, lengths, dates, shapes. */
const NEAR_VALUES: Json[] = [
  null, true, false, 0, -1, 1, 2, 8, 9, 100, 101, 0.5, -0.5, 2 ** 53, 2 ** 53 - 1, 0xffffffff, 0x100000000, 1e308,
  '', 'x', ' ', 'ch_1', 'ch 1', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(120), 'a'.repeat(121), 'é'.repeat(200), 'é'.repeat(201),
  'a'.repeat(10_000), 'a'.repeat(10_001), 'P-22222222', 'P-2222222', 'P-22222221', 'p-22222222',
  '2026-12-02', '2026-02-29', '2024-02-29', '2026-13-01', '2026-12-02T01:58:28.000Z', '2026-12-02T01:58:28Z',
  '2026-12-02T01:58:28+01:00', '2026-12-02T01:58:28', '2026-12-02 01:58:28Z', '2026-12-02T24:00:00Z',
  'ok', 'ko', 'partially', 'aband', 'timedout', 'focusedOut', 'validated', 'invalidated', 'rejected', 'cancelled', 'error',
  'direct', 'inferred', 'candidate', 'technical', 'completed', 'endedByInvigilator', 'endedDueToFinalisation', 'fr', 'en', 'de',
  'QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep', '1.1', '5.2', '5.3', 'C1', 'C6', 'E4', 'E6', 'R-FIN-2',
  'neutralized', 'autoSkipped', 'none', 'focusLost', 'technicianExit', 'suspend', 'warn', 'log', 'passation/test', 1,
  [], [1], ['a'], {}, { skipped: true }, { skipped: false }, { choice: 'a' }, { choice: 'a', value: 'b' }, { choices: ['a', 'b'] },
  { choices: Array.from({ length: 51 }, () => 'a') }, { value: 'v' }, { values: { a: 'b' } }, { values: { ['k'.repeat(101)]: 'b' } },
  { a: true }, { a: 1 }, { code: '1.1', estimatedLevel: 1, pixScore: 8 },
];
const near = fc.constantFrom(...NEAR_VALUES);
const anyValue = fc.oneof(near, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>);
const extraKey = fc.constantFrom('extra', 'test', 'answer', 'challengeId', 'cancelledByAuthority', 'answeredChallengeIds', '__proto__', 'constructor',
  'position', 'status', 'clientAnswerId', 'generatedTest', 'drawnTest', 'scoringInput', 'certifiableCompetences');

type Mutation = { path: (string | number)[]; kind: 'set' | 'delete' | 'add' | 'repeat'; value: Json; key: string };
const mutationOf = (allPaths: (string | number)[][]): fc.Arbitrary<Mutation> => fc.record({
  path: fc.constantFrom(...allPaths),
  kind: fc.constantFrom('set', 'set', 'delete', 'add', 'repeat'),
  value: anyValue,
  key: extraKey,
});

function mutate(document: unknown, m: Mutation): unknown {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  if (m.path.length === 0) return m.kind === 'set' ? m.value : copy;
  let parent = copy as Record<string | number, Json>;
  for (const step of m.path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = m.path[m.path.length - 1]!;
  const target = parent[last];
  if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (m.kind === 'add' && target !== null && typeof target === 'object' && !Array.isArray(target)) {
    Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  } else if (Array.isArray(parent)) parent.splice(last as number, 0, JSON.parse(JSON.stringify(target)) as Json);
  return copy;
}

/** A record (`values`, `fieldResults`, `details`) with an own `__proto__` key: zod drops it, the fast check says no. */
function ownProtoInRecord(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(ownProtoInRecord);
  return Object.keys(value).some((k) => k === '__proto__' || ownProtoInRecord((value as Record<string, unknown>)[k]));
}

interface Format {
  name: string;
  genuine: unknown;
  Document: typeof ResultsDocument | typeof ResultsDocumentV2;
  Test: typeof ResultsTest | typeof ResultsTestV2;
  isTest: (v: unknown) => boolean;
  valid: (v: unknown) => unknown;
}
const FORMATS: Format[] = [
  { name: 'format 3: validResultsDocument and ResultsDocument', genuine: sampleV3, Document: ResultsDocument, Test: ResultsTest, isTest: isResultsTest, valid: validResultsDocument },
  { name: 'format 2: validResultsDocumentV2 and ResultsDocumentV2', genuine: sampleV2, Document: ResultsDocumentV2, Test: ResultsTestV2, isTest: isResultsTestV2, valid: validResultsDocumentV2 },
];

describe('validAnyResultsDocument: each format to its own check, by formatVersion', () => {
  it('accepts both genuine documents as AnyResultsDocument does, and refuses a document under the other version’s number', () => {
    for (const genuine of [sampleV2, sampleV3]) {
      const zod = AnyResultsDocument.safeParse(genuine);
      expect(zod.success).toBe(true);
      expect(validAnyResultsDocument(genuine)).toEqual(zod.data);
    }
    for (const [genuine, other] of [[sampleV2, 3], [sampleV3, 2], [sampleV3, 1], [sampleV3, '3']] as const) {
      const relabelled = { ...genuine, formatVersion: other };
      expect(validAnyResultsDocument(relabelled)).toBeNull();
      expect(AnyResultsDocument.safeParse(relabelled).success).toBe(false);
    }
    expect(validAnyResultsDocument(null)).toBeNull();
    expect(validAnyResultsDocument([])).toBeNull();
  });

  it('is no smaller than it should be: format 3 drops the derived half of each test', () => {
    expect(JSON.stringify(sampleV3).length).toBeLessThan(0.7 * JSON.stringify(sampleV2).length);
  });
});

for (const { name, genuine, Document, Test, isTest, valid } of FORMATS) {
const allPaths = paths(genuine as Json);
const mutation = mutationOf(allPaths);
const zodAccepts = (document: unknown) => Document.safeParse(document).success;
const isResultsTest = isTest;
const ResultsTest = Test;
const ResultsDocument = Document;
const validResultsDocument = valid;

describe(name, () => {
  it('accepts the genuine document, and returns what zod returns', () => {
    const zod = ResultsDocument.safeParse(genuine);
    expect(zod.success).toBe(true);
    expect(validResultsDocument(genuine)).toEqual(zod.data);
  });

  it('keeps the document and each candidate strict, and a candidate without its `test` key refused (zod says the same)', () => {
    const variants: ((d: { candidates: Record<string, unknown>[] } & Record<string, unknown>) => void)[] = [
      (d) => { d.extra = 1; },
      (d) => { d.candidates[0]!.extra = 1; },
      (d) => { delete d.candidates[0]!.test; },
      (d) => { d.candidates[1]!.test = null; },
    ];
    const outcomes = variants.map((change) => {
      const d = JSON.parse(JSON.stringify(genuine)) as Parameters<typeof change>[0];
      change(d);
      expect(validResultsDocument(d) !== null).toBe(zodAccepts(d));
      return zodAccepts(d);
    });
    expect(outcomes).toEqual([false, false, false, true]);
  });

  it('agrees with zod on 1,000 documents mutated once, and on 300 mutated three times', () => {
    let refused = 0;
    const agree = (document: unknown) => {
      const fast = validResultsDocument(document);
      const zod = ResultsDocument.safeParse(document);
      expect(fast !== null, JSON.stringify(zod.success ? 'zod accepts' : zod.error.issues[0])).toBe(zod.success && !ownProtoInRecord(document));
      if (zod.success && fast !== null) expect(fast).toEqual(zod.data);
      else refused += 1;
    };
    fc.assert(fc.property(mutation, (m) => agree(mutate(genuine, m))), { numRuns: 1000 });
    fc.assert(fc.property(fc.array(mutation, { minLength: 3, maxLength: 3 }), (ms) => {
      // Each mutation applies to the document if its path still leads somewhere.
      let document: unknown = genuine;
      for (const m of ms) {
        try { document = mutate(document, m); } catch { /* a path a previous mutation removed */ }
      }
      agree(document);
    }), { numRuns: 300 });
    // The mutations do reach refusals (a check that cannot refuse would pass the agreement above only if zod never refused).
    expect(refused).toBeGreaterThan(500);
  }, 120_000);

  it('isResultsTest agrees with ResultsTest at every kind of place of each test, with every value near a limit, a key removed or added', () => {
    let compared = 0;
    let refused = 0;
    for (const test of (genuine as { candidates: { test: Json }[] }).candidates.map((c) => c.test)) {
      // One place of each kind (array positions folded: answers[*].position), so every field meets every value.
      const kinds = new Map<string, (string | number)[]>();
      for (const p of paths(test)) {
        const kind = p.map((step) => (typeof step === 'number' ? '*' : step)).join('.');
        if (!kinds.has(kind)) kinds.set(kind, p);
      }
      const mutations: Mutation[] = [];
      for (const p of kinds.values()) {
        for (const value of NEAR_VALUES) mutations.push({ path: p, kind: 'set', value, key: '' });
        mutations.push({ path: p, kind: 'delete', value: null, key: '' }, { path: p, kind: 'repeat', value: null, key: '' });
        for (const key of ['extra', '__proto__']) mutations.push({ path: p, kind: 'add', value: 1, key });
      }
      for (const m of mutations) {
        const mutated = mutate(test, m);
        const zod = ResultsTest.safeParse(mutated).success;
        expect(isResultsTest(mutated), JSON.stringify(m).slice(0, 300)).toBe(zod && !ownProtoInRecord(mutated));
        compared += 1;
        if (!zod) refused += 1;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(refused).toBeGreaterThan(compared / 2);
  }, 120_000);

  it('isResultsTest agrees with ResultsTest on arbitrary values and each genuine test', () => {
    const tests = (genuine as { candidates: { test: unknown }[] }).candidates.map((c) => c.test);
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
      expect(isResultsTest(v)).toBe(ResultsTest.safeParse(v).success);
    }), { numRuns: 500 });
    for (const test of tests) expect(isResultsTest(test)).toBe(true);
    expect(zodAccepts(genuine)).toBe(true);
  });
});
}
