import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { subsetFont } from './font-subset';
import { REPORT_FONT_DIR } from './report-document';

// The PDFs embed DejaVu Sans Condensed cut down to the scripts of names and comments (fonts/subset-fonts.sh).
// Nothing of those ranges may have been lost: each code point the whole font draws, the cut-down one draws too,
// with the same advance width (same glyph), and the ligatures and Arabic joining the layout gives stay the same.
const RANGES: [number, number][] = [
  [0x0000, 0x024f], [0x02b0, 0x02ff], [0x0300, 0x036f], [0x0370, 0x03ff], [0x0400, 0x052f], [0x0590, 0x05ff],
  [0x0600, 0x06ff], [0x1e00, 0x1eff], [0x2000, 0x206f], [0x20a0, 0x20cf], [0x2100, 0x214f], [0x2190, 0x21ff],
  [0x2713, 0x2717], [0xfb00, 0xfb4f], [0xfb50, 0xfdff], [0xfe70, 0xfeff], [0xfffd, 0xfffd],
];
type Font = { hasGlyphForCodePoint(c: number): boolean; glyphForCodePoint(c: number): { advanceWidth: number }; layout(text: string): { glyphs: { advanceWidth: number; codePoints: number[] }[] } };
const open = (file: string) => fontkit.create(fs.readFileSync(file)) as unknown as Font;

describe.each([
  ['DejaVuSansCondensed.ttf', 'DejaVuSansCondensed-subset.ttf'],
  ['DejaVuSansCondensed-Bold.ttf', 'DejaVuSansCondensed-Bold-subset.ttf'],
])('%s cut down to %s', (whole, subset) => {
  const full = open(require.resolve(`dejavu-fonts-ttf/ttf/${whole}`));
  const cut = open(path.join(REPORT_FONT_DIR, subset));

  it('draws every code point of the kept ranges the whole font draws, with the same glyph width', () => {
    let kept = 0;
    for (const [from, to] of RANGES) {
      for (let c = from; c <= to; c += 1) {
        if (!full.hasGlyphForCodePoint(c)) continue;
        expect(cut.hasGlyphForCodePoint(c), `U+${c.toString(16)}`).toBe(true);
        expect(cut.glyphForCodePoint(c).advanceWidth).toBe(full.glyphForCodePoint(c).advanceWidth);
        kept += 1;
      }
    }
    expect(kept).toBeGreaterThan(1500);
  });

  it('lays out French, Greek, Cyrillic, Hebrew and Arabic text to the same glyphs, each with the same code points', () => {
    for (const text of ['« Écran de fin de test vu » — Œuvray, Ødegård, Çelik, N’Diaye… fi ffl', 'Παπαδόπουλος', 'Шевченко', 'כהן', 'محمد عبد الله', 'Nguyễn Thị Ánh']) {
      // The code points of each glyph drawn are what the PDF's ToUnicode map gives back to a reader (copy, search).
      const widths = (f: Font) => f.layout(text).glyphs.map((g) => [g.advanceWidth, ...g.codePoints]);
      expect(widths(cut), text).toEqual(widths(full));
    }
  });
});

// Each PDF embeds these fonts cut once more to its own text by hb-subset (font-subset.ts): the PDFs' bytes are
// reproducible only if that cut is a pure function of the font and the code points.
describe('hb-subset gives the same bytes for the same font and code points', () => {
  const regular = fs.readFileSync(path.join(REPORT_FONT_DIR, 'DejaVuSansCondensed-subset.ttf'));
  const bold = fs.readFileSync(path.join(REPORT_FONT_DIR, 'DejaVuSansCondensed-Bold-subset.ttf'));
  const codePoints = (text: string) => Array.from(text, (c) => c.codePointAt(0)!);
  const text = 'Feuille d’émargement — Παπαδόπουλος Шевченко כהן محمد عبد الله Nguyễn Thị Ánh ffl 李 page 1 / 2';

  it('whatever was cut before, in whatever order the code points come, at the same time, in a new wasm instance', async () => {
    const first = await subsetFont(regular, codePoints(text));
    await subsetFont(bold, codePoints('tout autre texte'));
    expect((await subsetFont(regular, codePoints(text).reverse())).equals(first)).toBe(true);
    const together = await Promise.all([subsetFont(regular, codePoints(text)), subsetFont(bold, codePoints(text)), subsetFont(regular, codePoints(text))]);
    expect(together[0].equals(first) && together[2].equals(first)).toBe(true);
    vi.resetModules();
    const fresh = (await import('./font-subset')) as typeof import('./font-subset');
    expect((await fresh.subsetFont(regular, codePoints(text))).equals(first)).toBe(true);
    expect(first.length).toBeLessThan(regular.length / 5);
  });

  it('property: any text of those scripts, cut twice with another cut between, the same bytes', async () => {
    const letters = Array.from('abcdefghijklmnopqrstuvwxyzéèêàçœ’«» αβγδεζηθ абвгдежз אבגדהו ابتثجحخ ạảấầẩ fiffl0123456789');
    const typed = fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 30 });
    await fc.assert(fc.asyncProperty(typed, typed, async (one, other) => {
      const first = await subsetFont(regular, codePoints(one));
      await subsetFont(regular, codePoints(other));
      expect((await subsetFont(regular, codePoints(one))).equals(first)).toBe(true);
    }), { numRuns: 30 });
  });
});
