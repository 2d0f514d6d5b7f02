import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream } from 'pdf-lib';
import { afterAll, describe, expect, test } from 'vitest';
import { pdfCheck } from '../testing/pdf-tools';
import { attendanceSheet } from './attendance-sheet';
import { incidentReport } from './incident-report';
import type { ReportData } from './report-data';
import { REPORT_FONTS, reportFontBytes, type Face, type RenderedReport, type ReportWriter } from './report-document';

// Each session PDF embeds its two fonts cut down to its own text (report-document.ts, font-subset.ts). What the
// reader sees must not change: every string the writer laid out (measured or drawn) gives, with the font the PDF
// embeds, the same glyphs as with the whole cut font of fonts/ — same outline, advance width, code points, the
// same reach from the cmap (pdf-lib writes a width and a ToUnicode entry only for those) —, poppler draws the same
// pixels (pdftoppm) and pdftotext gives back the same text. And the font is really cut: a text the document does
// not hold cannot be drawn with it.
const check = pdfCheck();
afterAll(() => check.remove());

type Glyph = { id: number; advanceWidth: number; codePoints: number[]; path: { toSVG(): string } };
type Font = {
  numGlyphs: number;
  characterSet: number[];
  hasGlyphForCodePoint(c: number): boolean;
  glyphForCodePoint(c: number): Glyph;
  layout(text: string): { glyphs: Glyph[]; positions: { xAdvance: number }[] };
};
const open = (bytes: Uint8Array) => fontkit.create(bytes) as unknown as Font;
const cut: Record<Face, Buffer> = { regular: reportFontBytes('regular'), bold: reportFontBytes('bold') };

/** The glyph ids a font's cmap reaches (on an instance of its own: fontkit caches glyphs with their code points). */
function cmapGlyphs(bytes: Uint8Array): Set<number> {
  const font = open(bytes);
  return new Set(font.characterSet.map((c) => font.glyphForCodePoint(c).id));
}

/** What a reader gets of each glyph of `text`, without glyph ids (the cut renumbers them). */
function laidOut(font: Font, reached: Set<number>, text: string) {
  const { glyphs, positions } = font.layout(text);
  return glyphs.map((g, i) => ({ advance: g.advanceWidth, xAdvance: positions[i]!.xAdvance, codePoints: g.codePoints, outline: g.path.toSVG(), inCmap: reached.has(g.id) }));
}

/** The fonts the PDF really embeds (FontFile2, inflated), by name. */
async function embeddedFonts(pdf: Uint8Array): Promise<Map<string, Buffer>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts = new Map<string, Buffer>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const name = object.lookup(PDFName.of('FontName'), PDFName).decodeText();
    const file = object.lookup(PDFName.of('FontFile2'), PDFStream);
    if (!(file instanceof PDFRawStream)) throw new Error(`${name} : FontFile2 illisible`);
    fonts.set(name, Buffer.from(decodePDFRawStream(file).decode()));
  }
  return fonts;
}

/** Every string laid out with each face gives the same glyphs with the embedded cut as with the whole cut font. */
async function expectSameGlyphs(rendered: RenderedReport): Promise<void> {
  const embedded = await embeddedFonts(rendered.pdf);
  expect([...embedded.keys()].sort()).toEqual([REPORT_FONTS.bold.name, REPORT_FONTS.regular.name].sort());
  for (const face of ['regular', 'bold'] as const) {
    const bytes = embedded.get(REPORT_FONTS[face].name)!;
    expect(bytes.equals(rendered.fonts[face].bytes)).toBe(true);
    const [small, whole] = [open(bytes), open(cut[face])];
    const [smallCmap, wholeCmap] = [cmapGlyphs(bytes), cmapGlyphs(cut[face])];
    expect(rendered.fonts[face].laidOut.size).toBeGreaterThan(0);
    for (const text of rendered.fonts[face].laidOut) {
      expect(laidOut(small, smallCmap, text), `${face} « ${text} »`).toEqual(laidOut(whole, wholeCmap, text));
    }
  }
}

// Names and comments in every script the fonts cover, ligatures (« fi », « ffl »), Arabic joining, Vietnamese
// stacked accents, and characters DejaVu lacks (drawn as glyph 0, the box, in both fonts).
const NAMES: [string, string][] = [
  ['Lefèvre', 'Éloïse'], ['Œuvray', 'Maëlle'], ['N’Diaye', 'Aïssatou'], ['Παπαδόπουλος', 'Γιώργος'], ['Шевченко', 'Тарас'],
  ['כהן', 'דוד'], ['عبد الله', 'محمد'], ['Nguyễn', 'Thị Ánh'], ['Coffi-Guiffard', 'Ffion'], ['李', 'Ünal 🙂'],
];

function sessionData(names: readonly [string, string][], comment: string): ReportData {
  return {
    session: { number: 4022, centre: 'Lycée Érable — Académie de Créteil', siteAddress: '3 rue de l’Église, 94000 Créteil', room: 'B204', date: '2026-03-14', startTime: '09:00', invigilatorName: 'Mme Hélène Côté', description: 'Classe de 3e B, effectif officiel' },
    finalisedAt: '2026-03-14T10:42:00.000Z', finalisedBy: 'surveillant', globalComment: comment,
    incidentDuringSession: true, joiningIssue: false, resultsSha256: 'cd'.repeat(32), timeZone: 'Europe/Paris',
    candidates: names.map(([lastName, firstName], i) => ({
      candidateId: i + 1, lastName, firstName, birthDate: '2010-06-30', present: i !== 2,
      test: i === 2 ? null : { state: 'completed' as const, startedAt: '2026-03-14T08:05:00.000Z', endedAt: '2026-03-14T09:31:00.000Z', abortReason: null, endScreenSeen: i % 2 === 0 },
    })),
    incidents: names.slice(0, 3).map(([lastName, firstName], i) => ({
      id: i + 1, candidateId: i + 1, candidateName: `${lastName} ${firstName}`, category: 'E4' as const, categoryLabel: 'Le site à visiter est indisponible',
      questionNumber: i + 1, description: `${comment} (${i + 1})`, createdAt: '2026-03-14T08:30:00.000Z',
    })),
  };
}

const KINDS: [string, (data: ReportData) => ReportWriter][] = [['attendance sheet', attendanceSheet], ['PV d’incident', incidentReport]];
const MIXED = sessionData(NAMES, 'Coupure réseau à 9 h 10, reprise « officielle » à 9 h 20 ; Ελληνικά, кириллица, עברית, العربية, tiếng Việt.');
const FRENCH = sessionData([['Lefèvre', 'Éloïse'], ['Bernard', 'Léo'], ['Garnier', 'Lina']], 'Aucun problème.');

describe.each(KINDS)('the %s embeds its fonts cut to its own text', (_, kind) => {
  test('every string laid out gives the same glyphs as with the whole cut font (French, Greek, Cyrillic, Hebrew, Arabic, Vietnamese, ligatures, the box)', async () => {
    const rendered = await kind(MIXED).render();
    await expectSameGlyphs(rendered);
    const regular = rendered.fonts.regular.laidOut;
    // the runs the test is about were really laid out (a right-to-left run alone, text-fit.ts directionRuns)
    for (const text of ['Παπαδόπουλος', 'Шевченко', 'כהן', 'عبد الله', 'Nguyễn', 'Coffi-Guiffard', '李']) expect([...regular].some((s) => s.includes(text)), text).toBe(true);
  });

  test('poppler draws the same pixels and pdftotext gives back the same text as with the whole cut fonts; the PDF is far smaller', async () => {
    const [small, whole] = [await kind(MIXED).render(), await kind(MIXED).render({ wholeFonts: true })];
    const [smallPages, wholePages] = [check.pdftoppm(small.pdf, 110), check.pdftoppm(whole.pdf, 110)];
    expect(smallPages.length).toBeGreaterThan(0);
    expect(smallPages.length).toBe(wholePages.length);
    for (const [i, page] of smallPages.entries()) expect(page.equals(wholePages[i]!), `page ${i + 1}`).toBe(true);
    expect(check.pdftotext(small.pdf)).toBe(check.pdftotext(whole.pdf));
    expect(check.pdftotext(small.pdf, false)).toBe(check.pdftotext(whole.pdf, false));
    console.log(`${_} (10 candidates, 7 scripts): ${(small.pdf.length / 1024).toFixed(1)} KB, ${(whole.pdf.length / 1024).toFixed(1)} KB with the whole cut fonts`);
    expect(small.pdf.length).toBeLessThan(80 * 1024);
    expect(small.pdf.length).toBeLessThan(whole.pdf.length / 4);
  });

  test('a text the document does not hold cannot be drawn with its fonts: they are really cut', async () => {
    const rendered = await kind(FRENCH).render();
    for (const face of ['regular', 'bold'] as const) {
      const font = open(rendered.fonts[face].bytes);
      expect(font.numGlyphs).toBeLessThan(open(cut[face]).numGlyphs / 10);
      for (const text of ['Шевченко Тарас', 'Παπαδόπουλος', 'כהן דוד', 'محمد', 'ễ ị ự ờ', 'ẞ Ŵ Ǆ ŉ']) {
        for (const c of text.replace(/ /g, '')) expect(font.hasGlyphForCodePoint(c.codePointAt(0)!), `${face} ${c}`).toBe(false);
      }
      // …while what it holds is there
      for (const c of 'Lefèvre Éloïse Feuille d’émargement') expect(font.hasGlyphForCodePoint(c.codePointAt(0)!) || face === 'bold').toBe(true);
    }
  });
});

// Letters of the scripts a name may be written in, with the characters that make ligatures and joins.
const LATIN = 'abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ’-« » fiflffiffl 0123456789';
const SCRIPTS: Record<string, string> = {
  greek: 'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΩ',
  cyrillic: 'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЖЩЯ',
  hebrew: 'אבגדהוזחטיכלמנסעפצקרשתךםןףץ',
  arabic: 'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى',
  vietnamese: 'ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ',
};
/** Latin and some of the other scripts (never all: a script is left out, to look for in the fonts). */
const typedSession = fc.subarray(Object.keys(SCRIPTS), { maxLength: Object.keys(SCRIPTS).length - 1 }).chain((scripts) => {
  const typed = fc.string({ unit: fc.constantFrom(...Array.from(LATIN + scripts.map((k) => SCRIPTS[k]!).join(''))), minLength: 1, maxLength: 40 });
  return fc.record({ scripts: fc.constant(scripts), names: fc.array(fc.tuple(typed, typed), { minLength: 1, maxLength: 4 }), comment: typed, sheet: fc.boolean() });
});

describe('property: random names and comments in those scripts', () => {
  test('every string laid out gives the same glyphs with the cut fonts; the letters of a script left out are not coverable', async () => {
    await fc.assert(fc.asyncProperty(typedSession, async ({ scripts, names, comment, sheet }) => {
      const writer = (sheet ? attendanceSheet : incidentReport)(sessionData(names, comment));
      const rendered = await writer.render();
      await expectSameGlyphs(rendered);
      const whole = await writer.render({ wholeFonts: true });
      expect(check.pdftoppm(rendered.pdf).map((p) => p.toString('base64'))).toEqual(check.pdftoppm(whole.pdf).map((p) => p.toString('base64')));
      // A letter of which the document holds no part is not in the font. (A part may be there: the glyph of « ừ »
      // is made of those of « ư » and of the grave accent, kept with it and reached from the cmap as in the whole font.)
      const regular = open(rendered.fonts.regular.bytes);
      const parts = (text: string) => Array.from(text.normalize('NFKD'), (c) => c.codePointAt(0)!);
      const held = new Set([...rendered.fonts.regular.codePoints].flatMap((c) => parts(String.fromCodePoint(c))));
      const leftOut = Object.keys(SCRIPTS).filter((k) => !scripts.includes(k)).flatMap((k) => Array.from(SCRIPTS[k]!));
      const absent = leftOut.filter((c) => !LATIN.includes(c) && parts(c).some((p) => !held.has(p)));
      expect(absent.length).toBeGreaterThan(0);
      for (const c of absent) expect(regular.hasGlyphForCodePoint(c.codePointAt(0)!), c).toBe(false);
    }), { numRuns: 25 });
  }, 120_000);
});
