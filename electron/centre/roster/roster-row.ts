import { CandidateInput, type CandidateFields } from '../../../shared/formats/session';
import { parseWith } from '../../../shared/formats/parse';
import { normaliseName } from '../../../shared/sessions/names';
import { readCode, readDate, readExtraTime, readOptional, readSex, readYesNo, type CellRead } from './roster-cells';
import { columnName, fieldColumn, type Header, type RosterField } from './roster-columns';
import { isBlankCell, type Cell, type RosterError, type SheetRow } from './roster-sheet';

/** Which roster column a field of CandidateInput comes from (for schema errors). */
const FIELD_OF_PATH: Record<string, RosterField> = {
  lastName: 'lastName',
  firstName: 'firstName',
  sex: 'sex',
  birthDate: 'birthDate',
  'birthplace.code': 'inseeCode',
  'birthplace.postalCode': 'postalCode',
  'birthplace.city': 'city',
  'birthplace.country': 'country',
  externalId: 'externalId',
  email: 'email',
  extraTimePercent: 'extraTime',
  accessibilityAdjustment: 'accessibility',
};

/** One data row read as a candidate (R-SESS-3), or every reason it cannot be, each naming its column. */
export function readRosterRow(row: SheetRow, header: Header): { candidate: CandidateFields } | { errors: RosterError[] } {
  const errors: RosterError[] = [];
  const failed = new Set<RosterField>();
  const fail = (field: RosterField, message: string): undefined => {
    failed.add(field);
    errors.push({ line: row.line, column: fieldColumn(header, field), message });
    return undefined;
  };
  const cell = (field: RosterField): Cell => {
    const i = header.index[field];
    return (i === undefined ? undefined : row.cells[i]) ?? { text: '' };
  };
  const read = <T>(field: RosterField, result: CellRead<T>): T | undefined => {
    if (result.ok) return result.value;
    fail(field, result.message);
    return undefined;
  };

  if (row.problem) errors.push({ line: row.line, column: columnName(header, row.problem.cellIndex), message: row.problem.message });
  const stray = row.cells.findIndex((c, i) => i >= header.names.length && !isBlankCell(c));
  if (stray >= 0) {
    errors.push({ line: row.line, column: columnName(header, stray), message: `valeur « ${row.cells[stray]!.text} » hors des colonnes de l’en-tête (un séparateur dans une valeur sans guillemets ?)` });
  }

  const input = {
    lastName: cell('lastName').text,
    firstName: cell('firstName').text,
    sex: read('sex', readSex(cell('sex'))),
    birthDate: read('birthDate', readDate(cell('birthDate'))),
    birthplace: readBirthplace(cell, header, fail),
    externalId: readOptional(cell('externalId')),
    email: readOptional(cell('email')),
    extraTimePercent: header.index.extraTime === undefined ? 0 : read('extraTime', readExtraTime(cell('extraTime'))),
    accessibilityAdjustment: header.index.accessibility === undefined ? false : read('accessibility', readYesNo(cell('accessibility'))),
  };
  const parsed = parseWith(CandidateInput, input);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      // A missing birthplace was already reported on the column that lacks it.
      if (error.path === 'birthplace') continue;
      const field = FIELD_OF_PATH[error.path] ?? 'lastName';
      if (failed.has(field)) continue;
      failed.add(field);
      const shown = cell(field).text;
      errors.push({ line: row.line, column: fieldColumn(header, field), message: shown === '' ? error.message : `« ${shown} » : ${error.message}` });
    }
  }
  return errors.length > 0 || !parsed.ok ? { errors } : { candidate: parsed.value };
}

/** R-SESS-3 — a foreign country wins, then the INSEE code, then postal code + city. */
function readBirthplace(cell: (field: RosterField) => Cell, header: Header, fail: (field: RosterField, message: string) => undefined): CandidateInput['birthplace'] | undefined {
  const insee = readCode(cell('inseeCode'));
  const postal = readCode(cell('postalCode'));
  const city = cell('city').text;
  const country = cell('country').text;
  if (country !== '' && normaliseName(country) !== 'FRANCE') {
    if (city === '') return fail('city', `commune de naissance manquante (né(e) à l’étranger : ${country})`);
    return { kind: 'foreign', city, country };
  }
  if (insee !== '') return { kind: 'insee', code: insee };
  if (postal !== '') {
    if (city === '') return fail('city', 'commune de naissance manquante (nécessaire avec le code postal)');
    return { kind: 'postal', postalCode: postal, city };
  }
  const where = (['inseeCode', 'postalCode', 'country'] as const).find((f) => header.index[f] !== undefined) ?? 'inseeCode';
  return fail(where, 'lieu de naissance manquant : code INSEE, ou code postal et commune, ou commune et pays');
}
