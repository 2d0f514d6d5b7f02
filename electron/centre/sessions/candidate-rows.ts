import { Sex, type Birthplace, type Candidate, type CandidateFields } from '../../../shared/formats/session';
import { normaliseName } from '../../../shared/sessions/names';
import { storedEnum } from '../storage/stored-enum';
import { frenchDate } from './session-rows';

/** A row of `candidates` (001-sessions.sql). */
export interface CandidateRow {
  id: number;
  session_id: number;
  last_name: string;
  first_name: string;
  sex: string;
  birth_date: string;
  birthplace_kind: string;
  birth_insee_code: string | null;
  birth_postal_code: string | null;
  birth_city: string | null;
  birth_country: string | null;
  external_id: string | null;
  email: string | null;
  extra_time_percent: number;
  accessibility_adjustment: number;
  created_at: string;
}

export const CANDIDATE_COLUMNS = 'id, session_id, last_name, first_name, sex, birth_date, birthplace_kind, birth_insee_code, birth_postal_code, birth_city, birth_country, external_id, email, extra_time_percent, accessibility_adjustment, created_at';

const candidateSex = storedEnum(Sex, 'candidates.sex');

export function toCandidate(row: CandidateRow): Candidate {
  return {
    id: row.id,
    sessionId: row.session_id,
    lastName: row.last_name,
    firstName: row.first_name,
    sex: candidateSex(row.sex),
    birthDate: row.birth_date,
    birthplace: toBirthplace(row),
    ...(row.external_id === null ? {} : { externalId: row.external_id }),
    ...(row.email === null ? {} : { email: row.email }),
    extraTimePercent: row.extra_time_percent,
    accessibilityAdjustment: row.accessibility_adjustment === 1,
    createdAt: row.created_at,
  };
}

/** A birthplace column its kind requires (001-sessions.sql checks it; a damaged row is refused, not read as ''). */
function stored(row: CandidateRow, column: 'birth_insee_code' | 'birth_postal_code' | 'birth_city' | 'birth_country'): string {
  const value = row[column];
  if (value === null) throw new Error(`Ligne incohérente en base : candidat ${row.id}, ${column} manquant pour « ${row.birthplace_kind} ».`);
  return value;
}

function toBirthplace(row: CandidateRow): Birthplace {
  switch (row.birthplace_kind) {
    case 'insee': return { kind: 'insee', code: stored(row, 'birth_insee_code') };
    case 'postal': return { kind: 'postal', postalCode: stored(row, 'birth_postal_code'), city: stored(row, 'birth_city') };
    case 'foreign': return { kind: 'foreign', city: stored(row, 'birth_city'), country: stored(row, 'birth_country') };
    default: throw new Error(`Ligne incohérente en base : candidat ${row.id}, birthplace_kind = ${JSON.stringify(row.birthplace_kind)}.`);
  }
}

/** Named parameters for INSERT/UPDATE of the editable candidate columns, with the R-SESS-4 name keys. */
export function candidateParams(fields: CandidateFields) {
  const place = fields.birthplace;
  return {
    last_name: fields.lastName,
    first_name: fields.firstName,
    last_name_key: normaliseName(fields.lastName),
    first_name_key: normaliseName(fields.firstName),
    sex: fields.sex,
    birth_date: fields.birthDate,
    birthplace_kind: place.kind,
    birth_insee_code: place.kind === 'insee' ? place.code : null,
    birth_postal_code: place.kind === 'postal' ? place.postalCode : null,
    birth_city: place.kind === 'insee' ? null : place.city,
    birth_country: place.kind === 'foreign' ? place.country : null,
    external_id: fields.externalId ?? null,
    email: fields.email ?? null,
    extra_time_percent: fields.extraTimePercent,
    accessibility_adjustment: fields.accessibilityAdjustment ? 1 : 0,
  };
}

/** `DUPONT Marie, né(e) le 14/03/2010` — how a candidate is named in messages. */
export function describeCandidate(c: { lastName: string; firstName: string; birthDate: string }): string {
  return `${c.lastName.toUpperCase()} ${c.firstName}, né(e) le ${frenchDate(c.birthDate)}`;
}

