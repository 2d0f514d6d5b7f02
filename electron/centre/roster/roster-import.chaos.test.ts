import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWith } from '../../../shared/formats/parse';
import { CandidateInput } from '../../../shared/formats/session';
import { createSessionStore, type SessionStore } from '../sessions/session-store';
import { tempDatabase } from '../storage/temp-database';
import { importRoster } from './roster-import';

// R-SESS-3 — random roster files (random cells, separators, BOM, stray quotes, broken bytes): never an exception;
// either ok with only valid candidates, all written, or errors that each name a line ≥ 2 and a column, and then
// the database is untouched. Well-formed files with an exact oracle: roster-import.fuzz.test.ts.

let temp: ReturnType<typeof tempDatabase>;
let store: SessionStore;
let sessionId: number;
const snapshot = () => temp.db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last, COALESCE(SUM(length(last_name)), 0) AS size FROM candidates').get() as { n: number };
const removeImported = () => temp.db.prepare("DELETE FROM candidates WHERE last_name <> 'Témoin'").run();

beforeAll(() => {
  temp = tempDatabase('passation-chaos-');
  // Speed only: durability is not what this test checks (it is still a real file in WAL mode).
  temp.db.pragma('synchronous = OFF');
  store = createSessionStore(temp.db);
  const created = store.createSession({ centre: 'Collège', siteAddress: '1 rue A', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'M. B' });
  if (!created.ok) throw new Error(created.error.message);
  sessionId = created.value.session.id;
  store.addCandidate(sessionId, { lastName: 'Témoin', firstName: 'Fixe', sex: 'F', birthDate: '2000-01-01', birthplace: { kind: 'insee', code: '69123' } });
});
afterAll(() => temp.remove());

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
