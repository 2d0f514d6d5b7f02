import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { isBlankCell, MAX_COLUMNS, MAX_ROWS, type Cell, type SheetRead, type SheetRow } from './roster-sheet';

type XmlNode = Record<string, unknown>;

const fileError = (message: string): SheetRead => ({ ok: false, errors: [{ line: 1, column: '(fichier)', message }] });

/**
 * The non-empty rows of the first sheet of an ODS file (LibreOffice, Excel "Feuille de calcul OpenDocument"):
 * repeated rows and columns, covered (merged) cells, typed cells (date, float, percentage, boolean),
 * and the thousands of empty rows and columns a spreadsheet writes at the end.
 */
export async function readOdsRows(bytes: Uint8Array): Promise<SheetRead> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return fileError('fichier ODS illisible (archive endommagée)');
  }
  const content = zip.file('content.xml');
  if (!content) {
    return fileError(zip.file('xl/workbook.xml')
      ? 'fichier Excel (.xlsx) : enregistrez-le au format ODS ou CSV (Fichier > Enregistrer sous)'
      : 'ce n’est pas un fichier ODS (content.xml absent)');
  }
  let xml: string;
  try {
    xml = await content.async('string');
  } catch {
    return fileError('fichier ODS illisible (content.xml endommagé)');
  }
  // Spreadsheets never declare entities; refusing a DOCTYPE rules out entity expansion tricks.
  if (/<!DOCTYPE/i.test(xml)) return fileError('fichier ODS inattendu (déclaration DOCTYPE)');
  let document: XmlNode[];
  try {
    document = new XMLParser({
      ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true,
      parseTagValue: false, parseAttributeValue: false, trimValues: false, htmlEntities: true,
    }).parse(xml) as XmlNode[];
  } catch {
    return fileError('fichier ODS illisible (XML invalide)');
  }
  const table = findFirst(document, 'table:table');
  if (!table) return fileError('le fichier ODS ne contient aucune feuille');
  return collectRows(table);
}

function collectRows(table: XmlNode): SheetRead {
  const rows: SheetRow[] = [];
  let line = 1;
  for (const row of tableRows(children(table))) {
    const repeat = count(attributes(row)['table:number-rows-repeated']);
    const cells = readCells(row);
    if (cells.every((c) => isBlankCell(c))) {
      line += repeat;
      continue;
    }
    if (rows.length + repeat > MAX_ROWS) return fileError(`plus de ${MAX_ROWS} lignes : ce n’est pas une liste de candidats`);
    for (let k = 0; k < repeat; k++) rows.push({ line: line++, cells });
  }
  return { ok: true, rows };
}

/** Rows directly in the table or inside header-rows, row groups and `table:table-rows`, in order. */
function* tableRows(nodes: XmlNode[]): Generator<XmlNode> {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'table:table-row') yield node;
    else if (tag === 'table:table-header-rows' || tag === 'table:table-row-group' || tag === 'table:table-rows') yield* tableRows(children(node));
  }
}

/** At most MAX_COLUMNS + 1 cells: a value beyond the header is reported later, beyond that nothing is read. */
function readCells(row: XmlNode): Cell[] {
  const cells: Cell[] = [];
  for (const node of children(row)) {
    const tag = tagOf(node);
    if (tag !== 'table:table-cell' && tag !== 'table:covered-table-cell') continue;
    const repeat = Math.min(count(attributes(node)['table:number-columns-repeated']), MAX_COLUMNS + 1 - cells.length);
    const cell: Cell = tag === 'table:covered-table-cell' ? { text: '' } : readCell(node);
    for (let k = 0; k < repeat; k++) cells.push(cell);
    if (cells.length > MAX_COLUMNS) break;
  }
  while (cells.length > 0 && isBlankCell(cells[cells.length - 1])) cells.pop();
  return cells;
}

function readCell(node: XmlNode): Cell {
  const a = attributes(node);
  const type = a['office:value-type'] ?? a['calcext:value-type'];
  const value = a['office:value'] ?? a['office:date-value'] ?? a['office:boolean-value'] ?? a['office:time-value'] ?? a['office:string-value'];
  const text = children(node).filter((n) => tagOf(n) === 'text:p').map((p) => textOf(children(p))).join('\n').trim();
  return { text, ...(type === undefined ? {} : { type }), ...(value === undefined ? {} : { value }) };
}

/** Text of a paragraph: spans and links flattened, `text:s` spaces, tabs and line breaks spelled out, comments left out. */
function textOf(nodes: XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text') out += String(node['#text']);
    else if (tag === 'text:s') out += ' '.repeat(Math.min(count(attributes(node)['text:c']), 100));
    else if (tag === 'text:tab') out += '\t';
    else if (tag === 'text:line-break') out += '\n';
    else if (tag !== 'office:annotation' && tag !== 'text:note') out += textOf(children(node));
  }
  return out;
}

function findFirst(nodes: XmlNode[], wanted: string): XmlNode | null {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === wanted) return node;
    if (tag === '#text') continue;
    const found = findFirst(children(node), wanted);
    if (found) return found;
  }
  return null;
}

const tagOf = (node: XmlNode): string => Object.keys(node).find((k) => k !== ':@') ?? '';
const children = (node: XmlNode): XmlNode[] => {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};
const attributes = (node: XmlNode): Record<string, string | undefined> => (node[':@'] ?? {}) as Record<string, string>;
/** A repeat count attribute: a positive integer, 1 when absent or malformed. */
const count = (raw: string | undefined): number => {
  const n = Number(raw ?? 1);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
};
