import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWith } from '../../../shared/formats/parse';
import { CandidateInput } from '../../../shared/formats/session';
import type { SessionStore } from '../sessions/session-store';
import { fuzzSession, type FuzzSession } from './fuzz-session';
import { importRoster } from './roster-import';

// R-SESS-3 — random roster files (random cells, separators, BOM, stray quotes, broken bytes): never an exception;
// either ok with only valid candidates, all written, or errors that each name a line ≥ 2 and a column, and then
// the database is untouched. Well-formed files with an exact oracle: roster-import.fuzz.test.ts.

let fuzz: FuzzSession;
let store: SessionStore;
let sessionId: number;
const snapshot = () => fuzz.snapshot();
const removeImported = () => fuzz.removeImported();

beforeAll(() => {
  fuzz = fuzzSession('passation-chaos-');
  ({ store, sessionId } = fuzz);
});
afterAll(() => fuzz.remove());

describe('roster import fuzz, chaotic files (R-SESS-3)', () => {
  it('R-SESS-3: chaotic cells, stray quotes and broken bytes: never throws; errors name a line ≥ 2 and a column; nothing half-imported', async () => {
    const chaosChar = fc.constantFrom('a', 'Z', 'é', 'œ', '0', '9', '/', '-', '%', ' ', '"', ';', ',', '\t', '\n', '\r', '\u00a0', '\ufeff', '\u0000', '@', '.');
    const cellArb = fc.oneof(fc.string({ unit: chaosChar, maxLength: 12 }), fc.constantFrom('Dupont', 'Zoé', 'M', 'F', '14/03/2010', '69123', '30 %', 'oui', '2A004', 'x@y.fr'));
    const brokenByte = fc.tuple(fc.nat(), fc.constantFrom(0xff, 0xc3, 0x80, 0x9c, 0xe9, 0xfe));
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(cellArb, { maxLength: 14 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(';', ',', '\t'), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.array(brokenByte, { maxLength: 3 }),
      async (rows, sep, eol, bom, broken) => {
        const header = ['Nom', 'Prenom', 'Sexe', 'Date de naissance', 'Code INSEE', 'Code postal', 'Commune', 'Pays', 'Identifiant', 'E-mail', 'Temps majore', 'Amenagement'].join(sep);
        const body = [...rows.map((cells) => cells.join(sep)), 'Zz'].join(eol);
        const headerBytes = new TextEncoder().encode(header + eol);
        const bodyBytes = [...new TextEncoder().encode(body)];
        for (const [at, byte] of broken) bodyBytes.splice(at % (bodyBytes.length + 1), 0, byte);
        const bytes = new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...headerBytes, ...bodyBytes]);

        const before = snapshot();
        const result = await importRoster(store, sessionId, bytes, 'liste.csv');
        if (result.ok) {
          expect(snapshot().n).toBe(before.n + result.candidates.length);
          expect(result.candidates.filter(({ id: _id, sessionId: _s, createdAt: _c, ...fields }) => !parseWith(CandidateInput, fields).ok)).toEqual([]);
          removeImported();
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          // One expect per case, not per error: vitest's expect is the slow part of this loop.
          expect(result.errors.filter((e) => !(e.line >= 2 && e.column !== '' && e.message !== ''))).toEqual([]);
          expect(snapshot()).toEqual(before);
        }
      }), { numRuns: 2500 });
  });
});
