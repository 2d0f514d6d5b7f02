import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';

/**
 * A TrueType font cut down to the glyphs a text needs, by HarfBuzz's subsetter (hb-subset, the WebAssembly build
 * that npm harfbuzzjs ships). The session PDFs embed such a font per document (report-document.ts): ≈ 10 KB
 * instead of the ≈ 180 KB of the whole cut font.
 *
 * hb-subset is called as npm subset-font 2.9.0 calls it (every layout feature kept, so the ligatures and the Arabic
 * joining forms reachable from the text stay; hinting kept), with what subset-font cannot ask for:
 * - HB_SUBSET_FLAGS_NOTDEF_OUTLINE: without it hb-subset empties glyph 0, and a character DejaVu lacks (CJK, emoji)
 *   would be drawn as nothing instead of the box it is drawn as with the whole font;
 * - a first cut with HB_SUBSET_FLAGS_RETAIN_GIDS, which tells which glyphs the cut keeps, so that the second one
 *   also keeps the cmap entries that reach them in the whole font (see subsetFont: pdf-lib needs them);
 * - the licence's names (13, 14) besides hb-subset's default 0–6 (≈ 2 KB a font, deflated): DejaVu's licence asks
 *   for its notice in every copy of the font.
 * The output is a pure function of the font and the code points (report-fonts.test.ts checks the same bytes come
 * back whatever was cut before, in a new wasm instance too).
 *
 * The .wasm (≈ 0.7 MB) is read at run time from node_modules/harfbuzzjs/dist/ at the first call (fs.readFileSync,
 * which Electron's asar support serves from inside app.asar) and compiled once (≈ 50 ms); the instance is kept for
 * the process's life, so each later cut takes a few milliseconds.
 */
export const HB_SUBSET_WASM = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');

// hb-subset.h, hb-blob.h.
const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x02;
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;
const KEPT_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14];

/** The part of hb-subset's C API the wasm exports and this module calls (pointers are offsets in `memory`). */
interface HbSubset {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

// Node's global WebAssembly (its lib types are the DOM's, not in this project's tsconfig: the part used here).
const wasm = (globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;

let loading: Promise<HbSubset> | undefined;

/** The wasm instance, made once (a failed load is tried again at the next call). */
function harfbuzz(): Promise<HbSubset> {
  if (!loading) {
    loading = (async () => {
      const { instance } = await wasm.instantiate(fs.readFileSync(HB_SUBSET_WASM));
      const hb = instance.exports as unknown as HbSubset;
      hb._initialize();
      return hb;
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/**
 * `font` (TrueType) cut down by hb-subset to `codePoints`: their glyphs, the glyphs the layout may substitute for
 * them (ligatures, positional forms: hb-subset's closure over GSUB), glyph 0 with its outline. Code points the font
 * lacks are ignored. Between the awaited load and the return nothing yields: calls may overlap (Promise.all).
 */
async function hbSubset(font: Uint8Array, codePoints: Iterable<number>, extraFlags = 0): Promise<Buffer> {
  const hb = await harfbuzz();
  // The memory may grow while subsetting, which detaches earlier views: a fresh view at each use.
  const heap = () => new Uint8Array(hb.memory.buffer);
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('Découpage de la police : HarfBuzz n’a pas pu préparer le découpage (mémoire épuisée ?).');
  const fontPointer = hb.malloc(font.byteLength);
  let face = 0;
  try {
    if (fontPointer === 0) throw new Error('Découpage de la police : mémoire épuisée pour copier la police.');
    heap().set(font, fontPointer);
    const blob = hb.hb_blob_create(fontPointer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
    face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    // Every layout feature (fontTools' --layout-features='*', as subset-font does).
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    // The names hb-subset keeps by default (0–6: copyright, family, style, ids, version, PostScript name), and
    // the licence's (13, 14).
    const names = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    for (const id of KEPT_NAME_IDS) hb.hb_set_add(names, id);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NOTDEF_OUTLINE | extraFlags);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const codePoint of codePoints) hb.hb_set_add(unicodes, codePoint);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('Découpage de la police : HarfBuzz a refusé la police (fichier abîmé ?).');
    try {
      const result = hb.hb_face_reference_blob(subset);
      try {
        const data = hb.hb_blob_get_data(result, 0);
        const length = hb.hb_blob_get_length(result);
        if (length === 0) throw new Error('Découpage de la police : HarfBuzz a rendu une police vide.');
        return Buffer.from(heap().slice(data, data + length));
      } finally {
        hb.hb_blob_destroy(result);
      }
    } finally {
      hb.hb_face_destroy(subset);
    }
  } finally {
    hb.hb_subset_input_destroy(input);
    if (face !== 0) hb.hb_face_destroy(face);
    if (fontPointer !== 0) hb.free(fontPointer);
  }
}

/** Which code points of `font`'s cmap reach each glyph (fontkit's own reverse lookup misses format 12 tables). */
const cmapByGlyph = new WeakMap<Uint8Array, Map<number, number[]>>();
function codePointsByGlyph(font: Uint8Array): Map<number, number[]> {
  let byGlyph = cmapByGlyph.get(font);
  if (!byGlyph) {
    byGlyph = new Map();
    const parsed = fontkit.create(font);
    for (const codePoint of parsed.characterSet) {
      const id = parsed.glyphForCodePoint(codePoint).id;
      byGlyph.set(id, [...(byGlyph.get(id) ?? []), codePoint]);
    }
    cmapByGlyph.set(font, byGlyph);
  }
  return byGlyph;
}

/** The glyph ids hb-subset keeps for `codePoints`: with RETAIN_GIDS, the glyphs it drops are left empty, 0 wide. */
async function keptGlyphs(font: Uint8Array, codePoints: ReadonlySet<number>): Promise<number[]> {
  const retained = await hbSubset(font, codePoints, HB_SUBSET_FLAGS_RETAIN_GIDS);
  // Read straight from the sfnt tables (a fontkit parse of its ≈ 2,400 glyphs would take ten times longer).
  const view = new DataView(retained.buffer, retained.byteOffset, retained.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i += 1) {
    const entry = 12 + 16 * i;
    tables.set(retained.toString('latin1', entry, entry + 4), view.getUint32(entry + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`Découpage de la police : la table ${tag} manque.`);
    return offset;
  };
  const [head, maxp, hhea, loca, hmtx] = ['head', 'maxp', 'hhea', 'loca', 'hmtx'].map(table) as [number, number, number, number, number];
  const glyphs = view.getUint16(maxp + 4);
  const longLoca = view.getInt16(head + 50) === 1;
  const offset = (id: number) => (longLoca ? view.getUint32(loca + 4 * id) : 2 * view.getUint16(loca + 2 * id));
  const metrics = view.getUint16(hhea + 34);
  const advance = (id: number) => view.getUint16(hmtx + 4 * Math.min(id, metrics - 1));
  const kept: number[] = [];
  for (let id = 0; id < glyphs; id += 1) {
    if (offset(id + 1) > offset(id) || advance(id) > 0) kept.push(id);
  }
  return kept;
}

/**
 * `font` (TrueType) cut down to what draws `codePoints`, as TrueType bytes: hb-subset's cut (see hbSubset), whose
 * cmap also gives, for each glyph kept, the code points that reach it in `font` — the ligatures' (U+FB01 « ﬁ »)
 * and the Arabic and Hebrew presentation forms' — as the whole cut font's does. pdf-lib (`subset: false`) writes a
 * width (/W) and a ToUnicode entry only for the glyphs the cmap reaches: without them a « fi » drawn as one glyph
 * would be 1 em wide in a reader and lost to copy and search (pdftotext would give « n de test vu »).
 */
export async function subsetFont(font: Uint8Array, codePoints: Iterable<number>): Promise<Buffer> {
  const wanted = new Set(codePoints);
  const byGlyph = codePointsByGlyph(font);
  for (const id of await keptGlyphs(font, wanted)) {
    for (const codePoint of byGlyph.get(id) ?? []) wanted.add(codePoint);
  }
  return hbSubset(font, wanted);
}
