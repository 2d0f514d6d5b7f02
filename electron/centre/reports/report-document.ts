import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { subsetFont } from './font-subset';
import { directionRuns, drawableParagraphs, ELLIPSIS, truncate, wrap, wrapParagraphs, type Measure } from './text-fit';

/** A4 portrait, in points. */
export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const FOOTER_HEIGHT = 28;
export const CONTENT_WIDTH = A4[0] - 2 * MARGIN;

const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.55, 0.55, 0.55);
const HEADER_FILL = rgb(0.9, 0.9, 0.9);

// DejaVu covers French (and Latin, Greek, Cyrillic, Arabic and Hebrew letters). fonts/ holds those scripts' part of
// the whole fonts (fonts/subset-fonts.sh, ≈ 180 KB each instead of ≈ 680 KB). Each PDF embeds them cut down once
// more, to its own text (font-subset.ts: HarfBuzz's hb-subset, ≈ 10 KB each): the PDFs go in every bundle, and the
// authority's platform inflates, hashes and stores them (≈ 30 % of its time per bundle with the ≈ 180 KB fonts).
// The small font is embedded whole (`subset: false`): pdf-lib's own subsetting is reported to corrupt glyphs
// (stack.md). So the writer records the document first (`steps`, and per font every text it will measure or draw),
// then cuts each font to those texts' code points, then draws; a text drawn or measured outside them throws (a bug:
// a new text not declared with `uses`). The fixed names keep pdf-lib from drawing a random suffix; hb-subset's
// output is a pure function of the font and the code points, so the bytes stay reproducible.
export type Face = 'regular' | 'bold';
export const REPORT_FONTS: Readonly<Record<Face, { file: string; name: string }>> = {
  regular: { file: 'DejaVuSansCondensed-subset.ttf', name: 'DejaVuSansCondensed' },
  bold: { file: 'DejaVuSansCondensed-Bold-subset.ttf', name: 'DejaVuSansCondensed-Bold' },
};
export const REPORT_FONT_DIR = path.join(__dirname, 'fonts');
const fontBytes = new Map<Face, Buffer>();
/** The cut font of fonts/ (read once). */
export function reportFontBytes(face: Face): Buffer {
  let bytes = fontBytes.get(face);
  if (!bytes) {
    bytes = fs.readFileSync(path.join(REPORT_FONT_DIR, REPORT_FONTS[face].file));
    fontBytes.set(face, bytes);
  }
  return bytes;
}

/** What the writer itself may draw besides the document's texts: « page i / n », « (suite) », « … », spaces. */
const PAGE_NUMBER = 'page 0123456789 /';
const CONTINUED = '(suite)';
const ALWAYS = ` ${ELLIPSIS}`;

/**
 * The code points a font must draw for `texts`: each as given (truncated texts are drawn as given) and as drawn
 * after text-fit.ts's cleaning (NFC, control characters as spaces, U+FFFD), with a space and « … » (wrapping and
 * truncating measure and add them).
 */
export function documentCodePoints(texts: Iterable<string>): Set<number> {
  const points = new Set<number>();
  const add = (text: string) => {
    for (const c of text) points.add(c.codePointAt(0)!);
  };
  add(ALWAYS);
  for (const text of texts) {
    add(text);
    for (const paragraph of drawableParagraphs(text)) add(paragraph);
  }
  return points;
}

export interface DocumentInfo {
  title: string;
  /** Shown at the top of every page under the title (session, centre). */
  subtitle: string;
  /** Shown at the bottom of every page before « page i / n ». */
  footer: string;
  author: string;
  /** Creation and modification date of the PDF: from the data, never the clock, so the bytes are reproducible. */
  date: Date;
}

export interface Column {
  title: string;
  width: number;
  /** Lines a cell may take before « … » (names: 2); unlimited by default. */
  maxLines?: number;
  align?: 'left' | 'center';
}

export interface TableOptions {
  fontSize?: number;
  /** Least height of a row (the attendance sheet's signature boxes). */
  minRowHeight?: number;
}

export interface RenderOptions {
  /** The cut fonts of fonts/ whole, as before per-document subsetting (≈ 0.3 MB a PDF): to compare with. */
  wholeFonts?: boolean;
}

/** One font as a document embedded it. */
export interface RenderedFont {
  /** The TrueType bytes embedded (FontFile2). */
  bytes: Buffer;
  /** The code points it was cut to (documentCodePoints of the texts the document declared for it). */
  codePoints: ReadonlySet<number>;
  /** Every string laid out with it (measured or drawn), one direction run each. */
  laidOut: ReadonlySet<string>;
}

export interface RenderedReport {
  pdf: Uint8Array;
  fonts: Record<Face, RenderedFont>;
}

/**
 * A report, written page after page: a title and subtitle on every page, a cursor going down, tables whose rows
 * move to a new page (with the header row again) when they do not fit, and « page i / n » written at the end.
 * The calls are recorded with their texts; `save` cuts the fonts to those texts, then draws the pages.
 */
export class ReportWriter {
  private readonly steps: ((pages: ReportPages) => void)[] = [];
  private readonly texts: Record<Face, string[]> = { regular: [], bold: [] };

  constructor(private readonly info: DocumentInfo) {
    this.uses('bold', info.title);
    this.uses('regular', info.subtitle, info.footer, PAGE_NUMBER, CONTINUED);
  }

  /** Declares texts the pages will draw or measure with `face`. */
  private uses(face: Face, ...texts: string[]): void {
    this.texts[face].push(...texts);
  }

  heading(text: string): void {
    this.uses('bold', text);
    this.steps.push((pages) => pages.heading(text));
  }

  /** « Label : value » lines, the value wrapped beside its label. */
  facts(rows: readonly [string, string][], labelWidth = 150): void {
    const copy = rows.map(([label, value]): [string, string] => [label, value]);
    for (const [label, value] of copy) {
      this.uses('bold', label);
      this.uses('regular', value);
    }
    this.steps.push((pages) => pages.facts(copy, labelWidth));
  }

  /** A free text, wrapped, going on to the next page line by line. */
  paragraph(text: string, size = 9.5): void {
    this.uses('regular', text);
    this.steps.push((pages) => pages.paragraph(text, size));
  }

  /**
   * A table: the header row, then each row; a row that does not fit goes to a new page, the header row drawn
   * again. A row taller than a whole page (a long comment) is split across pages, « (suite) » in its first cell.
   */
  table(columns: readonly Column[], rows: readonly string[][], options: TableOptions = {}): void {
    const copy = { columns: columns.map((c) => ({ ...c })), rows: rows.map((row) => columns.map((_, i) => row[i] ?? '')), options: { ...options } };
    this.uses('bold', ...copy.columns.map((c) => c.title));
    for (const row of copy.rows) this.uses('regular', ...row);
    this.steps.push((pages) => pages.table(copy.columns, copy.rows, copy.options));
  }

  /** A box to sign in, with its caption above and a name under the caption. */
  signatureBox(caption: string, name: string, width = 240, height = 70): void {
    this.uses('bold', caption);
    this.uses('regular', name);
    this.steps.push((pages) => pages.signatureBox(caption, name, width, height));
  }

  gap(height: number): void {
    this.steps.push((pages) => pages.gap(height));
  }

  /** The PDF's bytes. */
  async save(): Promise<Uint8Array> {
    return (await this.render()).pdf;
  }

  /** The PDF's bytes, and each font as embedded with what it was cut to and laid out. */
  async render(options: RenderOptions = {}): Promise<RenderedReport> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    const embedded = async (face: Face) => {
      const codePoints = documentCodePoints(this.texts[face]);
      // One cut per font and document (the wasm instance is kept: ≈ 1 ms each after the first).
      const bytes = options.wholeFonts ? reportFontBytes(face) : await subsetFont(reportFontBytes(face), codePoints);
      const font = await doc.embedFont(bytes, { subset: false, customName: REPORT_FONTS[face].name });
      return { face, font, bytes, codePoints, laidOut: new Set<string>() };
    };
    const regular = await embedded('regular');
    const bold = await embedded('bold');
    doc.setTitle(this.info.title, { showInWindowTitleBar: true });
    doc.setAuthor(this.info.author);
    doc.setSubject(this.info.subtitle);
    doc.setLanguage('fr-FR');
    doc.setCreator('Passation');
    doc.setProducer('Passation (pdf-lib)');
    doc.setCreationDate(this.info.date);
    doc.setModificationDate(this.info.date);
    const pages = new ReportPages(doc, regular, bold, this.info);
    for (const step of this.steps) step(pages);
    pages.finish();
    const pdf = await doc.save({ useObjectStreams: false, addDefaultPage: false });
    const rendered = ({ bytes, codePoints, laidOut }: typeof regular): RenderedFont => ({ bytes, codePoints, laidOut });
    return { pdf, fonts: { regular: rendered(regular), bold: rendered(bold) } };
  }
}

/** A font of the document, with the code points it was cut to and the strings laid out with it so far. */
interface DocumentFont {
  face: Face;
  font: PDFFont;
  codePoints: ReadonlySet<number>;
  laidOut: Set<string>;
}

/** Draws the recorded report on the pages, with the document's fonts. */
class ReportPages {
  private page!: PDFPage;
  private y = 0;

  constructor(private readonly doc: PDFDocument, private readonly regular: DocumentFont, private readonly bold: DocumentFont, private readonly info: DocumentInfo) {
    this.newPage();
  }

  /** The width of a run: every string pdf-lib lays out goes through here or `text`, checked against the cut font. */
  private width(font: DocumentFont, run: string, size: number): number {
    if (!font.laidOut.has(run)) {
      for (const c of run) {
        const codePoint = c.codePointAt(0)!;
        if (!font.codePoints.has(codePoint)) {
          throw new Error(`PDF : « ${run} » n’a pas été déclaré pour la police ${REPORT_FONTS[font.face].name} ; U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} n’y serait pas (report-document.ts, ReportWriter.uses).`);
        }
      }
      font.laidOut.add(run);
    }
    return font.font.widthOfTextAtSize(run, size);
  }

  measure(font: DocumentFont, size: number): Measure {
    return (text) => directionRuns(text).reduce((width, run) => width + this.width(font, run, size), 0);
  }

  /** Draws one line run by run (text-fit.ts `directionRuns`). */
  private text(page: PDFPage, line: string, options: { x: number; y: number; size: number; font: DocumentFont; color?: ReturnType<typeof rgb> }): void {
    let x = options.x;
    for (const run of directionRuns(line)) {
      const width = this.width(options.font, run, options.size);
      page.drawText(run, { x, y: options.y, size: options.size, font: options.font.font, color: options.color ?? INK });
      x += width;
    }
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    const title = truncate(this.info.title, CONTENT_WIDTH, this.measure(this.bold, 16));
    this.text(this.page, title, { x: MARGIN, y: this.y - 16, size: 16, font: this.bold, color: INK });
    this.y -= 24;
    for (const line of wrap(this.info.subtitle, CONTENT_WIDTH, this.measure(this.regular, 9), 2)) {
      this.text(this.page, line, { x: MARGIN, y: this.y - 9, size: 9, font: this.regular, color: GREY });
      this.y -= 12;
    }
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 2 }, end: { x: A4[0] - MARGIN, y: this.y - 2 }, thickness: 0.8, color: RULE });
    this.y -= 12;
  }

  private get bottom(): number {
    return MARGIN + FOOTER_HEIGHT;
  }

  /** Room left on the page, in points. */
  get room(): number {
    return this.y - this.bottom;
  }

  /** A new page unless `height` points are left on this one. */
  ensure(height: number): void {
    if (this.room < height) this.newPage();
  }

  gap(height: number): void {
    this.y -= height;
  }

  heading(text: string): void {
    this.ensure(40);
    this.gap(6);
    this.text(this.page, truncate(text, CONTENT_WIDTH, this.measure(this.bold, 11.5)), { x: MARGIN, y: this.y - 11.5, size: 11.5, font: this.bold, color: INK });
    this.gap(18);
  }

  /** « Label : value » lines, the value wrapped beside its label. */
  facts(rows: readonly [string, string][], labelWidth = 150): void {
    const size = 9.5;
    const lineHeight = 13;
    const valueWidth = CONTENT_WIDTH - labelWidth;
    for (const [label, value] of rows) {
      const lines = wrap(value, valueWidth, this.measure(this.regular, size), 6);
      this.ensure(lines.length * lineHeight);
      this.text(this.page, truncate(label, labelWidth - 6, this.measure(this.bold, size)), { x: MARGIN, y: this.y - size, size, font: this.bold, color: INK });
      for (const line of lines) {
        this.text(this.page, line, { x: MARGIN + labelWidth, y: this.y - size, size, font: this.regular, color: INK });
        this.y -= lineHeight;
      }
    }
  }

  /** A free text, wrapped, going on to the next page line by line. */
  paragraph(text: string, size = 9.5): void {
    const lineHeight = size * 1.35;
    for (const line of wrapParagraphs(text, CONTENT_WIDTH, this.measure(this.regular, size))) {
      this.ensure(lineHeight);
      if (line !== '') this.text(this.page, line, { x: MARGIN, y: this.y - size, size, font: this.regular, color: INK });
      this.y -= lineHeight;
    }
  }

  /**
   * A table: the header row, then each row; a row that does not fit goes to a new page, the header row drawn
   * again. A row taller than a whole page (a long comment) is split across pages, « (suite) » in its first cell.
   */
  table(columns: readonly Column[], rows: readonly string[][], options: TableOptions = {}): void {
    const size = options.fontSize ?? 8.5;
    const lineHeight = size * 1.3;
    const padding = 4;
    const measure = this.measure(this.regular, size);
    const headerLines = columns.map((c) => wrap(c.title, c.width - 2 * padding, this.measure(this.bold, size), 3));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * padding;
    const drawHeader = () => {
      this.drawRow(columns, headerLines, headerHeight, { font: this.bold, size, lineHeight, padding, fill: true });
    };
    this.ensure(headerHeight + Math.max(options.minRowHeight ?? 0, lineHeight + 2 * padding));
    drawHeader();
    for (const row of rows) {
      let cells = columns.map((c, i) => wrap(row[i] ?? '', c.width - 2 * padding, measure, c.maxLines));
      let first = true;
      let onFreshPage = false;
      for (;;) {
        const lines = Math.max(...cells.map((c) => c.length));
        const height = Math.max(options.minRowHeight ?? 0, lines * lineHeight + 2 * padding);
        if (height <= this.room) {
          this.drawRow(columns, cells, height, { font: this.regular, size, lineHeight, padding, fill: false });
          break;
        }
        const fitting = Math.floor((this.room - 2 * padding) / lineHeight);
        if (!onFreshPage || fitting < 1) {
          this.newPage();
          drawHeader();
          onFreshPage = true;
          continue;
        }
        // Taller than a whole page: what fits here, the rest on the next page.
        this.drawRow(columns, cells.map((c) => c.slice(0, fitting)), fitting * lineHeight + 2 * padding, { font: this.regular, size, lineHeight, padding, fill: false });
        cells = cells.map((c, i) => {
          const rest = c.slice(fitting);
          return i === 0 && first ? ['(suite)', ...rest] : rest;
        });
        first = false;
        onFreshPage = false;
      }
    }
  }

  private drawRow(columns: readonly Column[], cells: readonly string[][], height: number,
    style: { font: DocumentFont; size: number; lineHeight: number; padding: number; fill: boolean }): void {
    let x = MARGIN;
    for (const [i, column] of columns.entries()) {
      this.page.drawRectangle({
        x, y: this.y - height, width: column.width, height, borderColor: RULE, borderWidth: 0.6,
        ...(style.fill ? { color: HEADER_FILL } : {}),
      });
      let lineY = this.y - style.padding - style.size;
      for (const line of cells[i] ?? []) {
        const width = this.measure(style.font, style.size)(line);
        const lineX = column.align === 'center' ? x + (column.width - width) / 2 : x + style.padding;
        this.text(this.page, line, { x: lineX, y: lineY, size: style.size, font: style.font, color: INK });
        lineY -= style.lineHeight;
      }
      x += column.width;
    }
    this.y -= height;
  }

  /** A box to sign in, with its caption above and a name under the caption. */
  signatureBox(caption: string, name: string, width = 240, height = 70): void {
    const size = 9;
    this.ensure(height + 30);
    this.gap(8);
    this.text(this.page, truncate(caption, width, this.measure(this.bold, size)), { x: MARGIN, y: this.y - size, size, font: this.bold, color: INK });
    this.gap(13);
    this.text(this.page, truncate(name, width, this.measure(this.regular, size)), { x: MARGIN, y: this.y - size, size, font: this.regular, color: INK });
    this.gap(14);
    this.page.drawRectangle({ x: MARGIN, y: this.y - height, width, height, borderColor: RULE, borderWidth: 0.8 });
    this.gap(height);
  }

  /** Writes « page i / n » and the footer on every page. */
  finish(): void {
    const pages = this.doc.getPages();
    const size = 7.5;
    for (const [i, page] of pages.entries()) {
      const number = `page ${i + 1} / ${pages.length}`;
      const numberWidth = this.width(this.regular, number, size);
      const footer = truncate(this.info.footer, CONTENT_WIDTH - numberWidth - 12, this.measure(this.regular, size));
      page.drawLine({ start: { x: MARGIN, y: MARGIN + 12 }, end: { x: A4[0] - MARGIN, y: MARGIN + 12 }, thickness: 0.5, color: RULE });
      this.text(page, footer, { x: MARGIN, y: MARGIN, size, font: this.regular, color: GREY });
      this.text(page, number, { x: A4[0] - MARGIN - numberWidth, y: MARGIN, size, font: this.regular, color: GREY });
    }
  }
}
