/** One cell of a roster. CSV cells have only `text`; ODS cells also carry their type and raw value. */
export interface Cell {
  /** What the spreadsheet displays, trimmed. */
  text: string;
  /** ODS `office:value-type` (`float`, `percentage`, `date`, `boolean`, `string`…). */
  type?: string;
  /** ODS `office:value`, `office:date-value` or `office:boolean-value`. */
  value?: string;
}

/** A non-empty row, with its 1-based line number as the spreadsheet shows it (header = line 1 usually). */
export interface SheetRow {
  line: number;
  cells: Cell[];
  /** A structural problem of the CSV (unclosed quote) in cell `cellIndex`. */
  problem?: { cellIndex: number; message: string };
}

/** An error the teacher can find: line as in the spreadsheet, column by its header, a French reason. */
export interface RosterError {
  /** 1-based; 1 is usually the header; 0 when the problem is not tied to the file (e.g. the session). */
  line: number;
  column: string;
  message: string;
}

export type SheetRead = { ok: true; rows: SheetRow[] } | { ok: false; errors: RosterError[] };

/** Rosters are a few hundred rows; more is a wrong file, and would only fill the memory. */
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 200;

export function isBlankCell(cell: Cell | undefined): boolean {
  return cell === undefined || (cell.text === '' && (cell.value === undefined || cell.value === ''));
}

export function textCell(text: string): Cell {
  return { text: text.trim() };
}
