/**
 * CSV and spreadsheet injection: a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return followed
 * by one) is read as a formula by spreadsheet programs. Any CSV or ODS the project writes passes each text cell
 * through this function first: such a cell gets a leading apostrophe, which the programs show as text.
 * (Nothing writes CSV or ODS for users yet: the exports of Steps 5 and 6 use it.)
 */
const FORMULA_START = /^[\t\r]*[=+\-@]/;

export function neutraliseSpreadsheetCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
