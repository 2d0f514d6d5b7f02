/**
 * Fitting what people typed (names, comments) into a PDF cell: pure functions over a `measure` (the width of a
 * text at the cell's font and size), so they are tested without a PDF. A text never overflows its cell: it is
 * wrapped on spaces, a word wider than the cell is cut, and what is beyond the last allowed line ends in « … ».
 */
export type Measure = (text: string) => number;

export const ELLIPSIS = '…';

// Control characters, lone surrogates and bidi controls cannot be drawn: each becomes a space (or U+FFFD for a
// lone surrogate, which stands for a lost character). The stores already refuse or strip them (safe-text.ts);
// the PDFs do not rely on it.
// oxlint-disable-next-line no-control-regex -- replacing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line of drawable text: NFC, no control character, runs of white space as one space, trimmed. */
export function drawableLine(text: string): string {
  return text.normalize('NFC').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Paragraphs of a free text (line breaks kept), each drawable; empty ones kept as blank lines. */
export function drawableParagraphs(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').map(drawableLine);
}

/** The longest start of `text` that fits `width` with « … » after it (the whole text when it fits). */
export function truncate(text: string, width: number, measure: Measure): string {
  if (measure(text) <= width) return text;
  const points = Array.from(text);
  let low = 0;
  let high = points.length;
  // Widths grow with the number of characters kept: binary search on the longest prefix that fits.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(points.slice(0, middle).join('').trimEnd() + ELLIPSIS) <= width) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? (measure(ELLIPSIS) <= width ? ELLIPSIS : '') : points.slice(0, low).join('').trimEnd() + ELLIPSIS;
}

/** Cuts a word wider than `width` into pieces that fit (at least one character a piece). */
function cutWord(word: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const point of word) {
    if (piece !== '' && measure(piece + point) > width) {
      pieces.push(piece);
      piece = point;
    } else {
      piece += point;
    }
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * One line of text wrapped into lines no wider than `width`; with `maxLines`, the last line kept ends in « … »
 * when text is left over. An empty text gives one empty line.
 */
export function wrap(text: string, width: number, measure: Measure, maxLines = Infinity): string[] {
  const line = drawableLine(text);
  if (line === '') return [''];
  const lines: string[] = [];
  let current = '';
  // Break at spaces, and after the hyphens of compound names (« Marie-| Thérèse »).
  const pieces = line.split(' ').flatMap((word) => word.split(/(?<=-)(?=.)/u).map((piece, i) => ({ piece, joined: i > 0 })));
  for (const { piece, joined } of pieces) {
    const candidate = current === '' ? piece : joined ? `${current}${piece}` : `${current} ${piece}`;
    if (measure(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    if (measure(piece) <= width) {
      current = piece;
    } else {
      const cut = cutWord(piece, width, measure);
      lines.push(...cut.slice(0, -1));
      current = cut.at(-1) ?? '';
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // The next line did not fit beside the last one kept: together they are too wide, so truncate adds « … ».
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, width, measure);
  return kept;
}

/** Every paragraph of a free text wrapped (no line limit). */
export function wrapParagraphs(text: string, width: number, measure: Measure): string[] {
  return drawableParagraphs(text).flatMap((p) => wrap(p, width, measure));
}

// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms).
const RTL_RUN = /([\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+(?:[ \u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])?)/u;

/**
 * A line cut into runs of one direction, in logical order, for a left-to-right line: the font's layout reverses a
 * whole string once it finds a right-to-left letter in it (« محمد Léo » drawn « oéL محمد »), so each run is laid
 * out alone and the runs are placed left to right.
 */
export function directionRuns(line: string): string[] {
  return line.split(RTL_RUN).filter((run) => run !== '');
}
