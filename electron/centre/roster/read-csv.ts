import Papa from 'papaparse';
import { headerScore } from './roster-columns';
import { decodeText } from './decode-text';
import { isBlankCell, textCell, type SheetRow } from './roster-sheet';

/** Separators met in French exports: `;` (Excel and LibreOffice in French), `,`, tab (Excel "texte Unicode"). */
const SEPARATORS = [';', ',', '\t'] as const;

/**
 * The non-empty rows of a CSV file. The separator is the one under which a header row is recognised
 * (with the most known columns; ties go to `;`), not a count of characters, which data can fool.
 * Line numbers are records as a spreadsheet shows them (a quoted cell may span several text lines).
 */
export function readCsvRows(bytes: Uint8Array): SheetRow[] {
  const text = decodeText(bytes).replace(/\r\n?/g, '\n');
  let best: string = SEPARATORS[0];
  let bestScore = 0;
  for (const separator of SEPARATORS) {
    const score = headerScore(parseWith(text, separator, HEADER_PREVIEW_RECORDS));
    if (score > bestScore) [best, bestScore] = [separator, score];
  }
  return parseWith(text, best);
}

/** Enough records to hold the header (it is searched among the first non-empty rows). */
const HEADER_PREVIEW_RECORDS = 100;

function parseWith(text: string, delimiter: string, preview = 0): SheetRow[] {
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false, preview });
  const problems = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.type === 'Quotes' && error.row !== undefined && !problems.has(error.row)) {
      problems.set(error.row, 'guillemet (") non fermé : la suite du fichier est lue comme une seule cellule');
    }
  }
  const rows: SheetRow[] = [];
  parsed.data.forEach((record, i) => {
    const cells = record.map(textCell);
    const problem = problems.get(i);
    if (problem === undefined && cells.every((c) => isBlankCell(c))) return;
    rows.push({ line: i + 1, cells, ...(problem === undefined ? {} : { problem: { cellIndex: Math.max(0, cells.length - 1), message: problem } }) });
  });
  return rows;
}
