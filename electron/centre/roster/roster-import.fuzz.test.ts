import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateFields } from '../../../shared/formats/session';
import type { SessionStore } from '../sessions/session-store';
import { fuzzSession, type FuzzSession } from './fuzz-session';
import { importRoster } from './roster-import';

// R-SESS-3 — random well-formed roster files (layouts, spellings, encodings, quoting, defects): either every
// row imported exactly as written, or one error per bad line naming its column, and then the database is
// untouched (all or nothing). The chaotic counterpart is roster-import.chaos.test.ts.

type Field = 'lastName' | 'firstName' | 'sex' | 'birthDate' | 'inseeCode' | 'postalCode' | 'city' | 'country'
  | 'externalId' | 'email' | 'extraTime' | 'accessibility' | 'ignored';

const LABELS: Record<Field, string[]> = {
  lastName: ['Nom', 'NOM', 'Nom de famille', 'nom de naissance'],
  firstName: ['Prénom', 'Prenom', 'PRÉNOM(S)'],
  sex: ['Sexe', 'sexe', 'Genre'],
  birthDate: ['Date de naissance', 'Date de naissance (JJ/MM/AAAA)', 'Né(e) le', 'Naissance'],
  inseeCode: ['Code INSEE', 'Code INSEE de naissance', 'INSEE'],
  postalCode: ['Code postal', 'CP'],
  city: ['Commune de naissance', 'Commune', 'Ville de naissance'],
  country: ['Pays de naissance', 'Pays'],
  externalId: ['Identifiant', 'INE', 'Identifiant local'],
  email: ['E-mail', 'Courriel', 'Adresse e-mail'],
  extraTime: ['Temps majoré', 'Temps majoré (%)', 'Majoration de temps'],
  accessibility: ['Aménagement', 'Aménagements', 'Accessibilité'],
  ignored: ['Classe', 'Division', 'Remarques'],
};

// Values and what they must read as (computed by hand, not by the code under test).
const LAST_NAMES: [string, string][] = [['Dupont', 'Dupont'], ['Lefèvre-Dupont', 'Lefèvre-Dupont'], ["N'Diaye", "N'Diaye"], ['Le Goff', 'Le Goff'],
  ['Œuvray', 'Œuvray'], ['Müller', 'Müller'], ['Dupont, dit "Le Grand"', 'Dupont, dit "Le Grand"'], ['Ba\nKaré', 'Ba\nKaré'], ['Smith;Jones', 'Smith;Jones'], [' Martin ', 'Martin']];
const FIRST_NAMES = ['Zoé', 'Léo', 'Anne-Marie', 'Jean Marc', 'Maël', 'Ïnès', 'François'];
const SEXES: [string, 'M' | 'F'][] = [['M', 'M'], ['F', 'F'], ['m', 'M'], ['f', 'F'], ['H', 'M'], ['Masculin', 'M'], ['Féminin', 'F'], ['Fille', 'F'], ['Garçon', 'M']];
const INSEE: [string, string][] = [['69123', '69123'], ['2A004', '2A004'], ['2b033', '2B033'], ['1004', '01004'], ['97411', '97411']];
const POSTAL: [string, string][] = [['01000', '01000'], ['69003', '69003'], ['1000', '01000']];
const CITIES = ['Lyon', 'Bourg-en-Bresse', 'Saint-Étienne', "L'Haÿ-les-Roses"];
const ABROAD: [string, string][] = [['Londres', 'Royaume-Uni'], ['Dakar', 'Sénégal'], ['Bruxelles', 'Belgique'], ['Alger', 'Algérie']];
const YES_NO: [string, boolean][] = [['', false], ['oui', true], ['non', false], ['x', true], ['X', true], ['1', true], ['0', false], ['NON', false]];

type Kind = 'insee' | 'postal' | 'foreign';
interface Defect { field: Field | 'birthplace'; value: string; when?: Field | Kind }
const DEFECTS: Defect[] = [
  { field: 'sex', value: 'Z' }, { field: 'sex', value: '' },
  { field: 'birthDate', value: '31/02/2010' }, { field: 'birthDate', value: '2010-13-01' }, { field: 'birthDate', value: '12/05/10' },
  { field: 'birthDate', value: 'hier' }, { field: 'birthDate', value: '' }, { field: 'birthDate', value: '01/01/1900' }, { field: 'birthDate', value: '01/01/2999' },
  { field: 'lastName', value: '' }, { field: 'lastName', value: '---' }, { field: 'firstName', value: '' },
  { field: 'extraTime', value: '0,5', when: 'extraTime' }, { field: 'extraTime', value: '1000', when: 'extraTime' },
  { field: 'extraTime', value: '-3', when: 'extraTime' }, { field: 'extraTime', value: 'beaucoup', when: 'extraTime' },
  { field: 'accessibility', value: 'peut-être', when: 'accessibility' }, { field: 'accessibility', value: '2', when: 'accessibility' },
  { field: 'email', value: 'pas-un-mail', when: 'email' },
  { field: 'inseeCode', value: '123', when: 'insee' }, { field: 'inseeCode', value: '2C004', when: 'insee' },
  { field: 'postalCode', value: '123456', when: 'postal' }, { field: 'city', value: '', when: 'postal' }, { field: 'city', value: '', when: 'foreign' },
  { field: 'birthplace', value: '' },
];

const BIRTHPLACE_COLUMNS: Field[][] = [['inseeCode'], ['postalCode', 'city'], ['city', 'country'], ['inseeCode', 'postalCode', 'city', 'country'], ['inseeCode', 'city', 'country']];
const OPTIONAL: Field[] = ['externalId', 'email', 'extraTime', 'accessibility', 'ignored'];

const headerArb = fc.tuple(fc.constantFrom(...BIRTHPLACE_COLUMNS), fc.subarray(OPTIONAL))
  .chain(([place, optional]) => {
    const fields: Field[] = ['lastName', 'firstName', 'sex', 'birthDate', ...place, ...optional];
    return fc.tuple(fc.shuffledSubarray(fields, { minLength: fields.length, maxLength: fields.length }), fc.tuple(...fields.map((f) => fc.constantFrom(...LABELS[f]))))
      .map(([order, labels]) => order.map((f) => ({ field: f, label: labels[fields.indexOf(f)]! })));
  });

const seedArb = fc.record({
  last: fc.constantFrom(...LAST_NAMES), first: fc.constantFrom(...FIRST_NAMES), sex: fc.constantFrom(...SEXES),
  birth: fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2015-12-31T00:00:00Z'), noInvalidDate: true }), dateFormat: fc.nat(3),
  kind: fc.constantFrom<Kind>('insee', 'postal', 'foreign'), insee: fc.constantFrom(...INSEE), postal: fc.constantFrom(...POSTAL), city: fc.constantFrom(...CITIES), abroad: fc.constantFrom(...ABROAD),
  withId: fc.boolean(), withEmail: fc.boolean(),
  extra: fc.oneof(fc.constant<[string, number]>(['', 0]), fc.integer({ min: 0, max: 999 }).chain((n) => fc.constantFrom<[string, number]>([`${n}`, n], [`${n} %`, n], [`${n}%`, n])),
    fc.tuple(fc.integer({ min: 1, max: 998 }), fc.integer({ min: 1, max: 9 })).map(([n, d]): [string, number] => [`${n},${d}`, n + d / 10]), fc.constant<[string, number]>(['0,5 %', 0.5])),
  access: fc.constantFrom(...YES_NO),
  defect: fc.option(fc.constantFrom(...DEFECTS), { freq: 4 }),
  blankBefore: fc.nat(5),
});
type Seed = typeof seedArb extends fc.Arbitrary<infer T> ? T : never;

const pad = (n: number) => String(n).padStart(2, '0');
function formatDate(d: Date, style: number): string {
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return [`${pad(day)}/${pad(m)}/${y}`, `${day}/${m}/${y}`, `${y}-${pad(m)}-${pad(day)}`, `${pad(day)}.${pad(m)}.${y}`][style]!;
}

interface ModelRow { cells: Partial<Record<Field, string>>; expected: CandidateFields; defectColumn: string | null; blankBefore: boolean }

/** One row's cells and what it must give, for the fields the header has. */
function modelRow(seed: Seed, index: number, header: { field: Field; label: string }[]): ModelRow | null {
  const has = new Set(header.map((h) => h.field));
  const label = (f: Field) => header.find((h) => h.field === f)!.label;
  const kinds: Kind[] = [...(has.has('inseeCode') ? ['insee' as const] : []), ...(has.has('postalCode') ? ['postal' as const] : []), ...(has.has('country') ? ['foreign' as const] : [])];
  const kind = kinds.includes(seed.kind) ? seed.kind : kinds[0]!;
  const first = `${seed.first} ${index}`;
  const cells: Partial<Record<Field, string>> = { lastName: seed.last[0], firstName: first, sex: seed.sex[0], birthDate: formatDate(seed.birth, seed.dateFormat), ignored: '3e B' };
  let birthplace: CandidateFields['birthplace'];
  if (kind === 'insee') [cells.inseeCode, birthplace] = [seed.insee[0], { kind, code: seed.insee[1] }];
  else if (kind === 'postal') [cells.postalCode, cells.city, birthplace] = [seed.postal[0], seed.city, { kind, postalCode: seed.postal[1], city: seed.city }];
  else [cells.city, cells.country, birthplace] = [seed.abroad[0], seed.abroad[1], { kind, city: seed.abroad[0], country: seed.abroad[1] }];
  const expected: CandidateFields = { lastName: seed.last[1], firstName: first, sex: seed.sex[1], birthDate: `${seed.birth.getUTCFullYear()}-${pad(seed.birth.getUTCMonth() + 1)}-${pad(seed.birth.getUTCDate())}`, birthplace, extraTimePercent: 0, accessibilityAdjustment: false };
  if (has.has('externalId') && seed.withId) [cells.externalId, expected.externalId] = [`INE${index}`, `INE${index}`];
  if (has.has('email') && seed.withEmail) [cells.email, expected.email] = [`eleve${index}@exemple.fr`, `eleve${index}@exemple.fr`];
  if (has.has('extraTime')) [cells.extraTime, expected.extraTimePercent] = seed.extra;
  if (has.has('accessibility')) [cells.accessibility, expected.accessibilityAdjustment] = seed.access;
  let defectColumn: string | null = null;
  const d = seed.defect;
  if (d && (d.when === undefined || d.when === kind || (has.has(d.when as Field) && !['insee', 'postal', 'foreign'].includes(d.when)))) {
    if (d.field === 'birthplace') {
      for (const f of ['inseeCode', 'postalCode', 'city', 'country'] as const) cells[f] = '';
      defectColumn = label((['inseeCode', 'postalCode', 'country'] as const).find((f) => has.has(f))!);
    } else {
      cells[d.field] = d.value;
      defectColumn = label(d.field);
    }
  }
  return { cells, expected, defectColumn, blankBefore: seed.blankBefore === 0 };
}

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function encodeCp1252(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const high = CP1252_HIGH.indexOf(ch);
    if (high >= 0) bytes.push(0x80 + high);
    else if (code < 0x100 && !(code >= 0x80 && code < 0xa0)) bytes.push(code);
    else return null;
  }
  return new Uint8Array(bytes);
}

const formatArb = fc.record({ sep: fc.constantFrom(';', ',', '\t'), eol: fc.constantFrom('\n', '\r\n'), bom: fc.boolean(), cp1252: fc.boolean(), quoteAll: fc.boolean(), trailing: fc.nat(2) });

function serialise(cells: string[], sep: string, quoteAll: boolean): string {
  return cells.map((c) => (quoteAll || /[";,\t\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep);
}

let fuzz: FuzzSession;
let store: SessionStore;
let sessionId: number;
const snapshot = () => fuzz.snapshot();
const removeImported = () => fuzz.removeImported();

beforeAll(() => {
  fuzz = fuzzSession('passation-fuzz-');
  ({ store, sessionId } = fuzz);
});
afterAll(() => fuzz.remove());

describe('roster import fuzz, well-formed files (R-SESS-3)', () => {
  it('R-SESS-3: well-formed files with random layouts and defects: exactly the valid rows, or one error per bad line', async () => {
    await fc.assert(fc.asyncProperty(headerArb, fc.array(seedArb, { minLength: 1, maxLength: 8 }), formatArb, async (header, seeds, format) => {
      const rows = seeds.map((seed, i) => modelRow(seed, i, header)!);
      const lines: string[] = [serialise(header.map((h) => h.label), format.sep, format.quoteAll)];
      const defectLines = new Map<number, string>();
      for (const row of rows) {
        if (row.blankBefore) lines.push(lines.length % 2 === 0 ? '' : format.sep.repeat(header.length - 1));
        lines.push(serialise(header.map((h) => row.cells[h.field] ?? ''), format.sep, format.quoteAll));
        if (row.defectColumn !== null) defectLines.set(lines.length, row.defectColumn);
      }
      const text = lines.join(format.eol) + format.eol.repeat(format.trailing);
      const encoded = (format.cp1252 && encodeCp1252(text)) || new TextEncoder().encode(text);
      const bytes = format.bom && encoded[0] !== undefined && !format.cp1252 ? new Uint8Array([0xef, 0xbb, 0xbf, ...encoded]) : encoded;

      const before = snapshot();
      const result = await importRoster(store, sessionId, bytes, 'liste.csv');
      if (defectLines.size === 0) {
        expect(result.ok ? result.candidates.map(({ id: _id, sessionId: _s, createdAt: _c, ...fields }) => fields) : result.errors).toEqual(rows.map((r) => r.expected));
        removeImported();
      } else {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect([...new Set(result.errors.map((e) => e.line))].sort((a, b) => a - b)).toEqual([...defectLines.keys()]);
        expect(result.errors.filter((e) => e.column !== defectLines.get(e.line))).toEqual([]);
        expect(snapshot()).toEqual(before);
      }
    }), { numRuns: 2500 });
  });
});
