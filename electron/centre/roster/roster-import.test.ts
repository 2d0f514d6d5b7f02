import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore, type SessionStore } from '../sessions/session-store';
import { tempDatabase } from '../storage/temp-database';
import { importRoster, parseRoster } from './roster-import';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
/** Windows-1252 bytes for the characters these tests use (é è ç ï œ É; the rest is ASCII). */
const cp1252 = (text: string) => new Uint8Array([...text].map((ch) => ({ é: 0xe9, è: 0xe8, ç: 0xe7, ï: 0xef, œ: 0x9c, É: 0xc9 } as Record<string, number>)[ch] ?? ch.charCodeAt(0)));

const HEADER = 'Nom;Prénom;Sexe;Date de naissance;Code INSEE;Code postal;Commune de naissance;Pays de naissance;Identifiant;E-mail;Temps majoré (%);Aménagement';

async function parsed(bytes: Uint8Array, name = 'liste.csv') {
  const result = await parseRoster(bytes, name);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.candidates;
}

describe('parseRoster — CSV as schools export it', () => {
  it('R-SESS-3: UTF-8 with BOM, `;`, French headers, every birthplace kind, extra time and adjustment forms', async () => {
    const csv = [
      HEADER,
      'Lefèvre-Dupont;Zoé;F;14/03/2010;2A004;;;;070803070AJ;zoe@exemple.fr;30 %;x',
      'Martin;Léo;H;2/1/2010;;1000;Bourg-en-Bresse;;;;;non',
      'Smith;Ann;Féminin;2009-04-03;;;Londres;Royaume-Uni;;; 33,5 ;Oui',
      ';;;;;;;;;;;',
      'Durand;Paul;M;05.06.2010;6912;;;France;;;0,5 %;',
      '',
    ].join('\r\n');
    expect(await parsed(withBom(csv))).toEqual([
      { lastName: 'Lefèvre-Dupont', firstName: 'Zoé', sex: 'F', birthDate: '2010-03-14', birthplace: { kind: 'insee', code: '2A004' }, externalId: '070803070AJ', email: 'zoe@exemple.fr', extraTimePercent: 30, accessibilityAdjustment: true },
      { lastName: 'Martin', firstName: 'Léo', sex: 'M', birthDate: '2010-01-02', birthplace: { kind: 'postal', postalCode: '01000', city: 'Bourg-en-Bresse' }, extraTimePercent: 0, accessibilityAdjustment: false },
      { lastName: 'Smith', firstName: 'Ann', sex: 'F', birthDate: '2009-04-03', birthplace: { kind: 'foreign', city: 'Londres', country: 'Royaume-Uni' }, extraTimePercent: 33.5, accessibilityAdjustment: true },
      // 4-digit INSEE code: the leading zero a spreadsheet dropped comes back.
      { lastName: 'Durand', firstName: 'Paul', sex: 'M', birthDate: '2010-06-05', birthplace: { kind: 'insee', code: '06912' }, extraTimePercent: 0.5, accessibilityAdjustment: false },
    ]);
  });

  it('R-SESS-3: `,` separator, no BOM, quoted cells holding commas, quotes and line breaks, other columns ignored', async () => {
    const csv = 'Classe,NOM,prénom,sexe,né(e) le,code insee,Courriel\n'
      + '3e B,"Dupont, dit ""Le Grand""",Jean,M,01/09/2010,75056,"jean@exemple.fr"\n'
      + '3e B,"Ba\nKaré",Aïssata,F,31/12/2009,75056,\n';
    const candidates = await parsed(utf8(csv));
    expect(candidates.map((c) => [c.lastName, c.firstName, c.email])).toEqual([['Dupont, dit "Le Grand"', 'Jean', 'jean@exemple.fr'], ['Ba\nKaré', 'Aïssata', undefined]]);
  });

  it('R-SESS-3: Windows-1252 bytes (not valid UTF-8) are read as Windows-1252, œ included', async () => {
    const csv = 'Nom;Prénom;Sexe;Date de naissance;Code INSEE\nCœur;Héloïse;F;01/02/2010;69123\nFrançois;Élie;M;03/04/2010;69123\n';
    const candidates = await parsed(cp1252(csv));
    expect(candidates.map((c) => `${c.lastName} ${c.firstName}`)).toEqual(['Cœur Héloïse', 'François Élie']);
  });

  it('R-SESS-3: UTF-16 with BOM and tabs (Excel “texte Unicode”)', async () => {
    const text = 'Nom\tPrénom\tSexe\tDate de naissance\tCode INSEE\r\nNoël\tÉva\tF\t01/02/2010\t69123\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    [...text].forEach((ch, i) => { bytes[2 + 2 * i] = ch.charCodeAt(0) & 0xff; bytes[3 + 2 * i] = ch.charCodeAt(0) >> 8; });
    expect((await parsed(bytes)).map((c) => c.lastName)).toEqual(['Noël']);
  });

  it('R-SESS-3: a title row above the header is skipped and lines keep the spreadsheet’s numbering', async () => {
    const csv = `Liste des élèves — 3e B;;\n\n${HEADER}\nDurand;Paul;X;05/06/2010;69123;;;;;;;\n`;
    const result = await parseRoster(utf8(csv), 'liste.csv');
    expect(result).toEqual({ ok: false, errors: [{ line: 4, column: 'Sexe', message: 'sexe « X » : M ou F attendu' }] });
  });

  it('R-SESS-3: a file with 3 bad rows gives 3 errors with line and column', async () => {
    const csv = [
      HEADER,
      'Martin;Léo;M;02/01/2010;69123;;;;;;;',
      'Durand;Paul;M;31/02/2010;69123;;;;;;;',
      'Petit;Léa;F;01/01/2011;;69000;;;;;;',
      'Roux;Lou;F;01/01/2011;69123;;;;;;0,5;',
      'Morel;Tom;M;01/01/2011;69123;;;;;;;',
    ].join('\n');
    const result = await parseRoster(utf8(csv), 'liste.csv');
    expect(result).toEqual({ ok: false, errors: [
      { line: 3, column: 'Date de naissance', message: '« 31/02/2010 » : date inexistante' },
      { line: 4, column: 'Commune de naissance', message: 'commune de naissance manquante (nécessaire avec le code postal)' },
      { line: 5, column: 'Temps majoré (%)', message: 'temps majoré « 0,5 » ambigu : écrivez le pourcentage, par exemple 50 pour 50 %' },
    ] });
  });

  it('R-SESS-3: the same person or the same pupil id twice in the file is reported on the second line', async () => {
    const csv = `${HEADER}\nLefèvre;Zoé;F;14/03/2010;69123;;;;A1;;;\nMartin;Léo;M;02/01/2010;69123;;;;A1;;;\nLEFEVRE;zoe;F;14/03/2010;69123;;;;;;;\n`;
    const result = await parseRoster(utf8(csv), 'liste.csv');
    expect(result).toEqual({ ok: false, errors: [
      { line: 3, column: 'Identifiant', message: 'identifiant « A1 » déjà donné à la ligne 2' },
      { line: 4, column: 'Nom', message: 'même personne qu’à la ligne 2 (LEFÈVRE Zoé, né(e) le 14/03/2010)' },
    ] });
  });

  it('header problems are reported on the header line', async () => {
    const noSex = await parseRoster(utf8('Nom;Prénom;Date de naissance;Code INSEE\nA;B;01/01/2010;69123\n'), 'l.csv');
    expect(noSex).toEqual({ ok: false, errors: [{ line: 1, column: 'Sexe', message: 'colonne « Sexe » absente de la ligne d’en-tête' }] });
    const twice = await parseRoster(utf8('Nom;Prénom;Sexe;Date de naissance;Code INSEE;Nom de famille\n'), 'l.csv');
    expect(twice.ok ? [] : twice.errors.map((e) => [e.line, e.column])).toEqual([[1, 'Nom de famille']]);
    const none = await parseRoster(utf8('a;b;c\n1;2;3\n'), 'l.csv');
    expect(none.ok ? [] : none.errors.map((e) => [e.line, e.column])).toEqual([[1, '(en-tête)']]);
  });

  it('an Excel file is refused with a French way out', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const result = await parseRoster(await zip.generateAsync({ type: 'uint8array' }), 'liste.xlsx');
    expect(result.ok ? '' : result.errors[0]!.message).toBe('fichier Excel (.xlsx) : enregistrez-le au format ODS ou CSV (Fichier > Enregistrer sous)');
  });
});

/** A real ODS structure: mimetype first and stored, manifest, content.xml with the ODF namespaces. */
async function buildOds(rowsXml: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>');
  zip.file('content.xml', `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>
<table:table table:name="Élèves" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="9" table:default-cell-style-name="Default"/><table:table-column table:number-columns-repeated="16375"/>
${rowsXml}
</table:table><table:table table:name="Feuille2"><table:table-row><table:table-cell office:value-type="string"><text:p>ignorée</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`);
  return zip.generateAsync({ type: 'uint8array', mimeType: 'application/vnd.oasis.opendocument.spreadsheet' });
}

const s = (text: string) => `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
const empty = (n = 1) => (n === 1 ? '<table:table-cell/>' : `<table:table-cell table:number-columns-repeated="${n}"/>`);
const date = (iso: string, shown: string) => `<table:table-cell office:value-type="date" office:date-value="${iso}" calcext:value-type="date"><text:p>${shown}</text:p></table:table-cell>`;
const float = (value: string, shown = value) => `<table:table-cell office:value-type="float" office:value="${value}" calcext:value-type="float"><text:p>${shown}</text:p></table:table-cell>`;
const row = (...cells: string[]) => `<table:table-row table:style-name="ro1">${cells.join('')}<table:table-cell table:number-columns-repeated="16375"/></table:table-row>`;

describe('parseRoster — ODS', () => {
  it('R-SESS-3: header rows, repeated and covered cells, date/float/percentage/boolean cells, links, spaces, comments, trailing empty rows', async () => {
    const ods = await buildOds([
      `<table:table-header-rows>${row(s('Nom'), s('Prénom'), s('Sexe'), s('Date de naissance'), s('Code INSEE'), s('E-mail'), s('Temps majoré'), s('Aménagement'), s('Classe'))}</table:table-header-rows>`,
      row(`<table:table-cell office:value-type="string"><text:p>Le<text:s/>Goff<office:annotation><text:p>à vérifier</text:p></office:annotation></text:p></table:table-cell>`,
        s('<text:span text:style-name="T1">Anne</text:span>-Marie'), s('F'), date('2010-03-14', '14/03/10'), float('1004'),
        `<table:table-cell office:value-type="string"><text:p><text:a xlink:href="mailto:am@exemple.fr">am@exemple.fr</text:a></text:p></table:table-cell>`,
        `<table:table-cell office:value-type="percentage" office:value="0.3"><text:p>30 %</text:p></table:table-cell>`,
        `<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>`,
        `<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>3e A</text:p></table:table-cell><table:covered-table-cell/>`),
      '<table:table-row table:number-rows-repeated="2">' + empty(16384) + '</table:table-row>',
      `<table:table-row-group>${row(s('N&apos;Diaye'), s('Moussa'), s('M'), date('2009-12-31T00:00:00', '31/12/2009'), s('2B033'), empty(), float('10', '10'), s('non'))}</table:table-row-group>`,
      '<table:table-row table:number-rows-repeated="1048570">' + empty(16384) + '</table:table-row>',
    ].join('\n'));
    expect(await parsed(ods, 'liste.ods')).toEqual([
      { lastName: 'Le Goff', firstName: 'Anne-Marie', sex: 'F', birthDate: '2010-03-14', birthplace: { kind: 'insee', code: '01004' }, email: 'am@exemple.fr', extraTimePercent: 30, accessibilityAdjustment: true },
      { lastName: 'N\'Diaye', firstName: 'Moussa', sex: 'M', birthDate: '2009-12-31', birthplace: { kind: 'insee', code: '2B033' }, extraTimePercent: 10, accessibilityAdjustment: false },
    ]);
  });

  it('R-SESS-3: lines count repeated empty rows, as the spreadsheet shows them', async () => {
    const ods = await buildOds([
      row(s('Nom'), s('Prénom'), s('Sexe'), s('Date de naissance'), s('Code INSEE')),
      '<table:table-row table:number-rows-repeated="3">' + empty(5) + '</table:table-row>',
      row(s('Martin'), s('Léo'), s('M'), s('32/01/2010'), s('69123')),
    ].join(''));
    expect(await parseRoster(ods, 'liste.ods')).toEqual({ ok: false, errors: [{ line: 5, column: 'Date de naissance', message: '« 32/01/2010 » : date inexistante' }] });
  });

  it('a damaged archive is an error value, not an exception', async () => {
    const ods = await buildOds(row(s('Nom')));
    const result = await parseRoster(ods.subarray(0, ods.length - 40), 'liste.ods');
    expect(result.ok).toBe(false);
  });
});

describe('importRoster', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let store: SessionStore;
  let sessionId: number;
  beforeEach(() => {
    temp = tempDatabase();
    store = createSessionStore(temp.db);
    const created = store.createSession({ centre: 'Collège', siteAddress: '1 rue A', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'M. B' });
    if (!created.ok) throw new Error(created.error.message);
    sessionId = created.value.session.id;
  });
  afterEach(() => temp.remove());

  it('R-SESS-3: a good file is imported whole', async () => {
    const result = await importRoster(store, sessionId, withBom(`${HEADER}\nMartin;Léo;M;02/01/2010;69123;;;;;;;\nPetit;Léa;F;01/01/2011;69123;;;;;;;\n`), 'liste.csv');
    expect(result.ok && result.candidates.map((c) => c.firstName)).toEqual(['Léo', 'Léa']);
    expect(store.listCandidates(sessionId).map((c) => c.lastName)).toEqual(['Martin', 'Petit']);
  });

  it('R-SESS-3: one bad row and nothing is written (all or nothing)', async () => {
    const result = await importRoster(store, sessionId, utf8(`${HEADER}\nMartin;Léo;M;02/01/2010;69123;;;;;;;\nPetit;Léa;F;01/01/2011;;;;;;;;\n`), 'liste.csv');
    expect(result).toEqual({ ok: false, errors: [{ line: 3, column: 'Code INSEE', message: 'lieu de naissance manquant : code INSEE, ou code postal et commune, ou commune et pays' }] });
    expect(store.listCandidates(sessionId)).toEqual([]);
  });

  it('R-SESS-3: a person already in the session is reported with the line, and nothing is written', async () => {
    store.addCandidate(sessionId, { lastName: 'Martin', firstName: 'Léo', sex: 'M', birthDate: '2010-01-02', birthplace: { kind: 'insee', code: '69123' } });
    const result = await importRoster(store, sessionId, utf8(`${HEADER}\nPetit;Léa;F;01/01/2011;69123;;;;;;;\nMARTIN;Leo;M;2/1/2010;75056;;;;;;;\n`), 'liste.csv');
    expect(result).toEqual({ ok: false, errors: [{ line: 3, column: 'Nom', message: 'déjà inscrit(e) dans la session : MARTIN Léo, né(e) le 02/01/2010' }] });
    expect(store.listCandidates(sessionId)).toHaveLength(1);
  });

  it('a finalised session takes no roster', async () => {
    store.setSessionStatus(sessionId, 'finalised');
    const result = await importRoster(store, sessionId, utf8(`${HEADER}\nPetit;Léa;F;01/01/2011;69123;;;;;;;\n`), 'liste.csv');
    expect(result.ok ? null : result.errors[0]!.line).toBe(0);
  });
});
