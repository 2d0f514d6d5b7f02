import type { RosterError, SheetRow } from './roster-sheet';

/** The roster columns we read; other columns (Classe, Division…) are ignored. */
export type RosterField =
  | 'lastName' | 'firstName' | 'sex' | 'birthDate'
  | 'inseeCode' | 'postalCode' | 'city' | 'country'
  | 'externalId' | 'email' | 'extraTime' | 'accessibility';

/** The name we use for a column the file lacks. */
export const FIELD_LABELS: Record<RosterField, string> = {
  lastName: 'Nom',
  firstName: 'Prénom',
  sex: 'Sexe',
  birthDate: 'Date de naissance',
  inseeCode: 'Code INSEE',
  postalCode: 'Code postal',
  city: 'Commune de naissance',
  country: 'Pays de naissance',
  externalId: 'Identifiant',
  email: 'E-mail',
  extraTime: 'Temps majoré',
  accessibility: 'Aménagement',
};

/** Header spellings met in school exports, once normalised by `headerKey`. */
const ALIASES: Record<RosterField, string[]> = {
  lastName: ['nom', 'noms', 'nomdefamille', 'nomdenaissance', 'nomeleve', 'nomdeleleve', 'nomcandidat', 'nomducandidat', 'lastname'],
  firstName: ['prenom', 'prenoms', 'premierprenom', 'prenomeleve', 'prenomdeleleve', 'prenomcandidat', 'prenomducandidat', 'firstname'],
  sex: ['sexe', 'genre', 'sex'],
  birthDate: ['datedenaissance', 'datenaissance', 'naissance', 'nele', 'neele', 'ddn', 'birthdate'],
  inseeCode: ['codeinsee', 'insee', 'codeinseedenaissance', 'codeinseecommunedenaissance', 'codeinseedelacommunedenaissance', 'codecommune', 'codecommunedenaissance'],
  postalCode: ['codepostal', 'codepostaldenaissance', 'cp', 'cpdenaissance'],
  city: ['commune', 'communedenaissance', 'ville', 'villedenaissance', 'lieudenaissance'],
  country: ['pays', 'paysdenaissance'],
  externalId: ['identifiant', 'identifiantlocal', 'identifiantnational', 'identifiantexterne', 'ine', 'numeroine', 'id', 'numeroeleve', 'numerodeleve'],
  email: ['email', 'mail', 'courriel', 'adresseemail', 'adressemail', 'adressecourriel', 'adresseelectronique', 'emaildenvoidesresultats'],
  extraTime: ['tempsmajore', 'tempsmajoration', 'majorationdetemps', 'majorationtemps', 'tempssupplementaire', 'majoration'],
  accessibility: ['amenagement', 'amenagements', 'amenagementaccessibilite', 'accessibilite', 'amenagementdepassation'],
};

const FIELD_BY_KEY = new Map<string, RosterField>(
  (Object.entries(ALIASES) as [RosterField, string[]][]).flatMap(([field, keys]) => keys.map((key) => [key, field] as const)));

/** `Date de naissance (JJ/MM/AAAA)` → `datedenaissance`: no parenthesised hint, no accent, no case, letters and digits only. */
export function headerKey(header: string): string {
  if (header.length > MAX_HEADER_LENGTH) return '';
  return header.replace(/\([^)]*\)/g, '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}
/** Longer than any header spelling: cannot be one. */
const MAX_HEADER_LENGTH = 80;

export interface Header {
  line: number;
  /** Where each recognised field is (cell index). */
  index: Partial<Record<RosterField, number>>;
  /** Header text of every cell, for messages (`colonne N` where the header is blank). */
  names: string[];
}

export function columnName(header: Header, cellIndex: number): string {
  return header.names[cellIndex] || `colonne ${cellIndex + 1}`;
}

export function fieldColumn(header: Header, field: RosterField): string {
  const i = header.index[field];
  return i === undefined ? FIELD_LABELS[field] : columnName(header, i);
}

/** How many of the first non-empty rows may come before the header (a title, a date…). */
const HEADER_SEARCH_ROWS = 10;

/** The header: the first row (among the first few) naming both Nom and Prénom. Null when there is none. */
export function findHeader(rows: readonly SheetRow[]): { header: Header; errors: RosterError[] } | null {
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const fields = row.cells.map((cell) => FIELD_BY_KEY.get(headerKey(cell.text)));
    if (!fields.includes('lastName') || !fields.includes('firstName')) continue;
    const header: Header = { line: row.line, index: {}, names: row.cells.map((c) => c.text) };
    const errors: RosterError[] = [];
    fields.forEach((field, i) => {
      if (field === undefined) return;
      const first = header.index[field];
      if (first === undefined) header.index[field] = i;
      else errors.push({ line: row.line, column: columnName(header, i), message: `deux colonnes donnent ${FIELD_LABELS[field].toLowerCase()} : « ${columnName(header, first)} » et « ${columnName(header, i)} » ; gardez-en une seule` });
    });
    for (const field of ['sex', 'birthDate'] as const) {
      if (header.index[field] === undefined) errors.push({ line: row.line, column: FIELD_LABELS[field], message: `colonne « ${FIELD_LABELS[field]} » absente de la ligne d’en-tête` });
    }
    if (header.index.inseeCode === undefined && header.index.postalCode === undefined && header.index.country === undefined) {
      errors.push({ line: row.line, column: FIELD_LABELS.inseeCode, message: 'lieu de naissance absent : il faut une colonne « Code INSEE », ou « Code postal » et « Commune », ou « Commune » et « Pays »' });
    } else if ((header.index.postalCode !== undefined || header.index.country !== undefined) && header.index.city === undefined) {
      errors.push({ line: row.line, column: FIELD_LABELS.city, message: 'colonne « Commune de naissance » absente (nécessaire avec le code postal ou le pays)' });
    }
    return { header, errors };
  }
  return null;
}

/** How many columns of `rows`' header we recognise (0 without a header): chooses the CSV separator. */
export function headerScore(rows: readonly SheetRow[]): number {
  const found = findHeader(rows);
  return found ? Object.keys(found.header.index).length : 0;
}
