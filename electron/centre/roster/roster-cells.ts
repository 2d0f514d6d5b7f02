import type { Cell } from './roster-sheet';

/** A cell read as a field value, or the French reason it cannot be. */
export type CellRead<T> = { ok: true; value: T } | { ok: false; message: string };

const good = <T>(value: T): CellRead<T> => ({ ok: true, value });
const bad = (message: string): CellRead<never> => ({ ok: false, message });

/** Upper case, no accent, letters and digits only: for matching words like `Féminin` or `oui`. */
const word = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^0-9A-Z]/g, '');

const SEXES: Record<string, 'M' | 'F'> = {
  M: 'M', H: 'M', G: 'M', MASCULIN: 'M', HOMME: 'M', GARCON: 'M',
  F: 'F', FEMININ: 'F', FEMME: 'F', FILLE: 'F',
};

/** R-SESS-3 — sex M or F; `H`, `Masculin`, `Garçon`, `Féminin`, `Fille`… are understood. */
export function readSex(cell: Cell): CellRead<'M' | 'F'> {
  const sex = SEXES[word(cell.text)];
  return sex ? good(sex) : bad(cell.text === '' ? 'sexe manquant (M ou F)' : `sexe « ${cell.text} » : M ou F attendu`);
}

/**
 * A birth date as an ISO string: an ODS date cell, or text `JJ/MM/AAAA`, `J/M/AAAA` (also with `-` or `.`),
 * or `AAAA-MM-JJ`, optionally followed by a midnight time as Excel writes it. Existence and range are checked
 * afterwards by the candidate schema (R-SESS-3).
 */
export function readDate(cell: Cell): CellRead<string> {
  if (cell.type === 'date' && cell.value && /^\d{4}-\d{2}-\d{2}/.test(cell.value)) return good(cell.value.slice(0, 10));
  const text = cell.text.replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, '').trim();
  if (text === '') return bad('date de naissance manquante');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return good(`${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (!french) return bad(`date « ${cell.text} » : format JJ/MM/AAAA attendu`);
  if (french[3]!.length === 2) return bad(`date « ${cell.text} » : écrivez l’année sur 4 chiffres (JJ/MM/AAAA)`);
  return good(`${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`);
}

/**
 * R-SESS-3 — extra time in percent. `30`, `30 %`, `30%`, `33,5` and an ODS percentage cell (0.3 → 30) are read
 * as percentages; a blank cell is 0. A bare number strictly between 0 and 1 (`0,5`) is refused as ambiguous
 * (0.5 % or 50 %?); written with the sign (`0,5 %`) it is 0.5 %.
 */
export function readExtraTime(cell: Cell): CellRead<number> {
  if (cell.type === 'percentage' && cell.value !== undefined && Number.isFinite(Number(cell.value))) {
    return good(Math.round(Number(cell.value) * 100 * 1e6) / 1e6);
  }
  const compact = cell.text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return good(0);
  const match = /^(\d+(?:[.,]\d+)?)(%?)$/.exec(compact);
  if (!match) return bad(`temps majoré « ${cell.text} » : pourcentage attendu, par exemple 30 ou 30 %`);
  const value = Number(match[1]!.replace(',', '.'));
  if (match[2] === '' && value > 0 && value < 1) {
    return bad(`temps majoré « ${cell.text} » ambigu : écrivez le pourcentage, par exemple ${Math.round(value * 100)} pour ${Math.round(value * 100)} %`);
  }
  return good(value);
}

const YES = new Set(['OUI', 'O', 'X', '1', 'VRAI', 'YES', 'Y', 'TRUE']);
const NO = new Set(['NON', 'N', '0', 'FAUX', 'NO', 'FALSE', '']);

/** R-SESS-3 — the accessibility adjustment flag: oui/non, x or blank, 1/0, vrai/faux, ODS booleans. */
export function readYesNo(cell: Cell): CellRead<boolean> {
  if (cell.type === 'boolean' && (cell.value === 'true' || cell.value === 'false')) return good(cell.value === 'true');
  const w = word(cell.text);
  if (YES.has(w)) return good(true);
  if (NO.has(w)) return good(false);
  return bad(`« ${cell.text} » : oui ou non attendu (ou x pour oui, vide pour non)`);
}

/**
 * An INSEE or postal code: upper-cased, spaces removed; 4 digits get back the leading zero a spreadsheet
 * dropped by reading `01004` as a number.
 */
export function readCode(cell: Cell): string {
  const code = (cell.text || cell.value || '').replace(/[\s\u00a0\u202f]/g, '').toUpperCase();
  return /^\d{4}$/.test(code) ? `0${code}` : code;
}

/** Optional text: blank → undefined. */
export function readOptional(cell: Cell | undefined): string | undefined {
  const text = cell?.text ?? '';
  return text === '' ? undefined : text;
}
