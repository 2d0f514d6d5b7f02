import { EARLIEST_BIRTH_DATE, MAX_EXTRA_TIME_PERCENT_EXCLUSIVE } from '../../../../shared/certification/constants';
import { isExistingIsoDate, ISO_DATE_PATTERN } from '../../../../shared/formats/common';
import { isSafeName } from '../../../../shared/formats/safe-text';
import type { Birthplace, Candidate, CandidateInput } from '../../../../shared/formats/session';
import { normaliseName } from '../../../../shared/sessions/names';
import type { ClientError } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { errorKey } from '../../../ui/i18n/translate';
import type { FormProblem, FormReading, Refusal } from './manager-login-form';

/** R-SESS-3 — one candidate as the manager types them (the same fields as a roster's row), read into its body (pure). */
export type BirthplaceKind = Birthplace['kind'];
export interface CandidateFormFields {
  lastName: string; firstName: string; sex: string; birthDate: string;
  birthplaceKind: BirthplaceKind; inseeCode: string; postalCode: string; city: string; country: string;
  externalId: string; email: string; extraTimePercent: string; accessibilityAdjustment: boolean;
}
export type CandidateField = Exclude<keyof CandidateFormFields, 'birthplaceKind' | 'accessibilityAdjustment'> | 'accessibilityAdjustment';

export const CANDIDATE_FIELDS: CandidateField[] = ['lastName', 'firstName', 'sex', 'birthDate', 'inseeCode', 'postalCode', 'city', 'country',
  'externalId', 'email', 'extraTimePercent', 'accessibilityAdjustment'];

/** Each field's label (also used to name it in the list of problems). */
export const CANDIDATE_LABELS: Record<CandidateField, MessageKey> = {
  lastName: 'sessions.candidate.lastName', firstName: 'sessions.candidate.firstName', sex: 'sessions.candidate.sex',
  birthDate: 'sessions.candidate.birthDate', inseeCode: 'sessions.candidate.inseeCode', postalCode: 'sessions.candidate.postalCode',
  city: 'sessions.candidate.city', country: 'sessions.candidate.country', externalId: 'sessions.candidate.externalId',
  email: 'sessions.candidate.email', extraTimePercent: 'sessions.candidate.extraTime', accessibilityAdjustment: 'sessions.candidate.accessibility',
};

/** The three ways a birthplace is given (R-SESS-3), as the form offers them. */
export const PLACE_KIND_LABELS: Record<BirthplaceKind, MessageKey> = {
  insee: 'sessions.candidate.place.insee', postal: 'sessions.candidate.place.postal', foreign: 'sessions.candidate.place.foreign',
};

export const EMPTY_CANDIDATE_FORM: CandidateFormFields = {
  lastName: '', firstName: '', sex: '', birthDate: '', birthplaceKind: 'insee', inseeCode: '', postalCode: '', city: '', country: '',
  externalId: '', email: '', extraTimePercent: '0', accessibilityAdjustment: false,
};

/** `33.5` → `33,5` in French: the field shows the number as the manager would type it. */
function percentText(value: number, locale: string): string {
  return locale === 'fr' ? String(value).replace('.', ',') : String(value);
}

export function candidateFormOf(candidate: Candidate, locale = 'fr'): CandidateFormFields {
  const place = candidate.birthplace;
  return {
    ...EMPTY_CANDIDATE_FORM,
    lastName: candidate.lastName, firstName: candidate.firstName, sex: candidate.sex, birthDate: candidate.birthDate,
    birthplaceKind: place.kind,
    inseeCode: place.kind === 'insee' ? place.code : '',
    postalCode: place.kind === 'postal' ? place.postalCode : '',
    city: place.kind === 'insee' ? '' : place.city,
    country: place.kind === 'foreign' ? place.country : '',
    externalId: candidate.externalId ?? '', email: candidate.email ?? '',
    extraTimePercent: percentText(candidate.extraTimePercent, locale), accessibilityAdjustment: candidate.accessibilityAdjustment,
  };
}

const NAME_LIMIT = 120;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Today as `AAAA-MM-JJ` in local time (a birth date may not be after it). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function readName(value: string, field: 'lastName' | 'firstName', missing: MessageKey, problems: FormProblem<CandidateField>[]): string {
  const text = value.trim();
  if (text === '' || normaliseName(text) === '') problems.push({ field, key: missing });
  else if (text.length > NAME_LIMIT) problems.push({ field, key: 'sessions.tooLong', params: { max: NAME_LIMIT } });
  else if (!isSafeName(text)) problems.push({ field, key: 'sessions.unsafeCharacters' });
  return text;
}

function readPlaceText(value: string, field: 'city' | 'country', missing: MessageKey, problems: FormProblem<CandidateField>[]): string {
  const text = value.trim();
  if (text === '') problems.push({ field, key: missing });
  else if (text.length > NAME_LIMIT) problems.push({ field, key: 'sessions.tooLong', params: { max: NAME_LIMIT } });
  else if (!isSafeName(text)) problems.push({ field, key: 'sessions.unsafeCharacters' });
  return text;
}

/** `12`, `33,5`, `33.5 %` → a number; null when it is not one. */
export function readPercent(text: string): number | null {
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export function readCandidateForm(fields: CandidateFormFields, today = localToday()): FormReading<CandidateInput, CandidateField> {
  const problems: FormProblem<CandidateField>[] = [];
  const lastName = readName(fields.lastName, 'lastName', 'sessions.candidate.lastNameMissing', problems);
  const firstName = readName(fields.firstName, 'firstName', 'sessions.candidate.firstNameMissing', problems);
  if (fields.sex !== 'M' && fields.sex !== 'F') problems.push({ field: 'sex', key: 'sessions.candidate.sexMissing' });
  const birthDate = fields.birthDate.trim();
  if (birthDate === '') problems.push({ field: 'birthDate', key: 'sessions.candidate.birthDateMissing' });
  else if (!ISO_DATE_PATTERN.test(birthDate) || !isExistingIsoDate(birthDate)) problems.push({ field: 'birthDate', key: 'sessions.candidate.birthDateInvalid' });
  else if (birthDate <= EARLIEST_BIRTH_DATE) problems.push({ field: 'birthDate', key: 'sessions.candidate.birthDateTooEarly' });
  else if (birthDate > today) problems.push({ field: 'birthDate', key: 'sessions.candidate.birthDateFuture' });

  let birthplace: Birthplace | null = null;
  if (fields.birthplaceKind === 'insee') {
    const code = fields.inseeCode.trim().toUpperCase();
    if (code === '') problems.push({ field: 'inseeCode', key: 'sessions.candidate.inseeMissing' });
    else if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) problems.push({ field: 'inseeCode', key: 'sessions.candidate.inseeInvalid' });
    else birthplace = { kind: 'insee', code };
  } else if (fields.birthplaceKind === 'postal') {
    const postalCode = fields.postalCode.trim();
    if (postalCode === '') problems.push({ field: 'postalCode', key: 'sessions.candidate.postalMissing' });
    else if (!/^\d{5}$/.test(postalCode)) problems.push({ field: 'postalCode', key: 'sessions.candidate.postalInvalid' });
    const city = readPlaceText(fields.city, 'city', 'sessions.candidate.cityMissing', problems);
    if (/^\d{5}$/.test(postalCode) && city !== '') birthplace = { kind: 'postal', postalCode, city };
  } else {
    const city = readPlaceText(fields.city, 'city', 'sessions.candidate.cityMissing', problems);
    const country = readPlaceText(fields.country, 'country', 'sessions.candidate.countryMissing', problems);
    if (country !== '' && normaliseName(country) === 'FRANCE') problems.push({ field: 'country', key: 'sessions.candidate.countryFrance' });
    else if (city !== '' && country !== '') birthplace = { kind: 'foreign', city, country };
  }

  const externalId = fields.externalId.trim();
  if (externalId.length > 64) problems.push({ field: 'externalId', key: 'sessions.tooLong', params: { max: 64 } });
  else if (externalId !== '' && !isSafeName(externalId)) problems.push({ field: 'externalId', key: 'sessions.unsafeCharacters' });
  const email = fields.email.trim();
  if (email !== '' && (email.length > 254 || !EMAIL_PATTERN.test(email))) problems.push({ field: 'email', key: 'sessions.candidate.emailInvalid' });
  const extra = readPercent(fields.extraTimePercent === '' ? '0' : fields.extraTimePercent);
  if (extra === null || extra >= MAX_EXTRA_TIME_PERCENT_EXCLUSIVE) {
    problems.push({ field: 'extraTimePercent', key: 'sessions.candidate.extraTimeInvalid', params: { max: MAX_EXTRA_TIME_PERCENT_EXCLUSIVE } });
  }
  if (problems.length > 0 || birthplace === null || extra === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      lastName, firstName, sex: fields.sex as 'M' | 'F', birthDate, birthplace,
      ...(externalId === '' ? {} : { externalId }), ...(email === '' ? {} : { email }),
      extraTimePercent: extra, accessibilityAdjustment: fields.accessibilityAdjustment,
    },
  };
}

/** The station's field paths (`birthplace.code`) as the form's fields. */
const STATION_FIELDS: Record<string, CandidateField> = {
  lastName: 'lastName', firstName: 'firstName', sex: 'sex', birthDate: 'birthDate', 'birthplace.code': 'inseeCode',
  'birthplace.postalCode': 'postalCode', 'birthplace.city': 'city', 'birthplace.country': 'country', birthplace: 'inseeCode',
  externalId: 'externalId', email: 'email', extraTimePercent: 'extraTimePercent', accessibilityAdjustment: 'accessibilityAdjustment',
};

/** A refused add or edit: the same pupil twice, the same pupil id twice, a field the station refused, or the code's sentence. */
export function candidateRefusal(error: ClientError): { refusal: Refusal; problems: FormProblem<CandidateField>[] } {
  if (error.kind !== 'refused') return { refusal: { key: 'manager.unreachable' }, problems: [] };
  const { code, field, errors } = error.error;
  if (code === 'duplicateCandidate') {
    return { refusal: { key: 'sessions.candidate.duplicate' }, problems: (['lastName', 'firstName', 'birthDate'] as const).map((f) => ({ field: f, key: 'sessions.candidate.duplicateField' })) };
  }
  if (code === 'duplicateExternalId') return { refusal: { key: 'sessions.candidate.duplicateExternalId' }, problems: [{ field: 'externalId', key: 'sessions.candidate.duplicateExternalIdField' }] };
  if (code === 'invalidBody') {
    const named = [...new Set([field, ...(errors ?? []).map((e) => e.field)].map((f) => (f === undefined ? undefined : STATION_FIELDS[f])).filter((f) => f !== undefined))];
    return { refusal: { key: 'sessions.fieldsRefused' }, problems: named.map((f) => ({ field: f, key: 'sessions.fieldRefused' })) };
  }
  if (code === 'sessionLocked') return { refusal: { key: 'sessions.locked' }, problems: [] };
  return { refusal: { key: errorKey(code) }, problems: [] };
}
