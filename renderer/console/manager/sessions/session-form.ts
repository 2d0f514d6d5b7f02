import { DEFAULT_MAX_LEVEL, HIGHEST_MAX_LEVEL } from '../../../../shared/certification/constants';
import { isExistingIsoDate, ISO_DATE_PATTERN } from '../../../../shared/formats/common';
import { isSafeName } from '../../../../shared/formats/safe-text';
import type { Session, SessionInput } from '../../../../shared/formats/session';
import { normaliseName } from '../../../../shared/sessions/names';
import type { ClientError } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { errorKey } from '../../../ui/i18n/translate';
import type { FormProblem, FormReading, Refusal } from './manager-login-form';

/** R-SESS-1 — what the manager types for a session (every field the station takes), read into its body (pure). */
export interface SessionFormFields {
  centre: string; siteAddress: string; room: string; date: string; startTime: string; invigilatorName: string;
  description: string; maxLevel: string; locale: string;
}
export type SessionField = keyof SessionFormFields;

/** The order of the fields on the form (the problems are listed in it). */
export const SESSION_FIELDS: SessionField[] = ['centre', 'siteAddress', 'room', 'date', 'startTime', 'invigilatorName', 'description', 'maxLevel', 'locale'];

/** Each field's label (also used to name it in the list of problems). */
export const SESSION_LABELS: Record<SessionField, MessageKey> = {
  centre: 'sessions.label.centre', siteAddress: 'sessions.label.siteAddress', room: 'sessions.label.room', date: 'sessions.label.date',
  startTime: 'sessions.label.startTime', invigilatorName: 'sessions.label.invigilatorName', description: 'sessions.label.description',
  maxLevel: 'sessions.label.maxLevel', locale: 'sessions.label.locale',
};

export const EMPTY_SESSION_FORM: SessionFormFields = {
  centre: '', siteAddress: '', room: '', date: '', startTime: '', invigilatorName: '', description: '',
  maxLevel: String(DEFAULT_MAX_LEVEL), locale: 'fr',
};

/** A new session's form starts from the centre and address of the last one (a centre rarely changes its name). */
export function newSessionForm(sessions: readonly Session[]): SessionFormFields {
  const last = sessions.reduce<Session | null>((a, s) => (a === null || s.id > a.id ? s : a), null);
  return last ? { ...EMPTY_SESSION_FORM, centre: last.centre, siteAddress: last.siteAddress } : EMPTY_SESSION_FORM;
}

export function sessionFormOf(session: Session): SessionFormFields {
  return {
    centre: session.centre, siteAddress: session.siteAddress, room: session.room, date: session.date, startTime: session.startTime,
    invigilatorName: session.invigilatorName, description: session.description ?? '', maxLevel: String(session.maxLevel), locale: session.locale,
  };
}

/** The station's limits (shared/formats/session.ts), so a too long text is named here, in French, before sending. */
const TEXT_LIMITS = { centre: 200, siteAddress: 300, room: 100, invigilatorName: 200 } as const;
const MISSING: Record<keyof typeof TEXT_LIMITS, MessageKey> = {
  centre: 'sessions.field.centre.missing', siteAddress: 'sessions.field.siteAddress.missing',
  room: 'sessions.field.room.missing', invigilatorName: 'sessions.field.invigilatorName.missing',
};
const DESCRIPTION_LIMIT = 2000;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export function readSessionForm(fields: SessionFormFields): FormReading<SessionInput, SessionField> {
  const problems: FormProblem<SessionField>[] = [];
  const texts = {} as Record<keyof typeof TEXT_LIMITS, string>;
  for (const field of Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]) {
    const value = fields[field].trim();
    texts[field] = value;
    if (value === '') problems.push({ field, key: MISSING[field] });
    else if (value.length > TEXT_LIMITS[field]) problems.push({ field, key: 'sessions.tooLong', params: { max: TEXT_LIMITS[field] } });
    else if (!isSafeName(value)) problems.push({ field, key: 'sessions.unsafeCharacters' });
  }
  const date = fields.date.trim();
  if (date === '') problems.push({ field: 'date', key: 'sessions.field.date.missing' });
  else if (!ISO_DATE_PATTERN.test(date) || !isExistingIsoDate(date)) problems.push({ field: 'date', key: 'sessions.field.date.invalid' });
  const startTime = fields.startTime.trim();
  if (startTime === '') problems.push({ field: 'startTime', key: 'sessions.field.startTime.missing' });
  else if (!TIME_PATTERN.test(startTime)) problems.push({ field: 'startTime', key: 'sessions.field.startTime.invalid' });
  const description = fields.description.trim();
  if (description.length > DESCRIPTION_LIMIT) problems.push({ field: 'description', key: 'sessions.tooLong', params: { max: DESCRIPTION_LIMIT } });
  const maxLevel = Number(fields.maxLevel);
  if (!/^\d+$/.test(fields.maxLevel) || maxLevel < 1 || maxLevel > HIGHEST_MAX_LEVEL) {
    problems.push({ field: 'maxLevel', key: 'sessions.field.maxLevel.invalid', params: { max: HIGHEST_MAX_LEVEL } });
  }
  if (fields.locale !== 'fr' && fields.locale !== 'en') problems.push({ field: 'locale', key: 'sessions.field.locale.invalid' });
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => SESSION_FIELDS.indexOf(a.field) - SESSION_FIELDS.indexOf(b.field)) };
  return {
    ok: true,
    value: {
      ...texts, date, startTime, maxLevel, locale: fields.locale as 'fr' | 'en',
      ...(description === '' ? {} : { description }),
    },
  };
}

/**
 * R-SESS-1 — the session already there at the same site, room, date and time (as the station compares them:
 * names without accents, case or punctuation), other than the one being edited.
 */
export function sameSlotAs(sessions: readonly Session[], input: Pick<SessionInput, 'siteAddress' | 'room' | 'date' | 'startTime'>, exceptId = 0): Session | null {
  const site = normaliseName(input.siteAddress);
  const room = normaliseName(input.room);
  return sessions.find((s) => s.id !== exceptId && normaliseName(s.siteAddress) === site && normaliseName(s.room) === room
    && s.date === input.date && s.startTime === input.startTime) ?? null;
}

export interface SessionRefusal {
  /** Shown above the form, in its alert. */
  refusal: Refusal;
  /** The fields the station named (shown next to them). */
  problems: FormProblem<SessionField>[];
}

const isSessionField = (field: string | undefined): field is SessionField => SESSION_FIELDS.includes(field as SessionField);

/** A refused create or update, in plain French: the duplicate (naming the other session), a field the station refused, or the code's sentence. */
export function sessionRefusal(error: ClientError, duplicate: Session | null): SessionRefusal {
  if (error.kind !== 'refused') return { refusal: { key: 'manager.unreachable' }, problems: [] };
  const { code, field, errors } = error.error;
  if (code === 'duplicateSession') {
    const slot: SessionField[] = ['siteAddress', 'room', 'date', 'startTime'];
    return {
      refusal: duplicate ? { key: 'sessions.duplicateNamed', params: { number: duplicate.number } } : { key: 'sessions.duplicate' },
      problems: slot.map((f) => ({ field: f, key: 'sessions.duplicateField' })),
    };
  }
  if (code === 'invalidBody') {
    const named = [...new Set([field, ...(errors ?? []).map((e) => e.field)].filter(isSessionField))];
    return { refusal: { key: 'sessions.fieldsRefused' }, problems: named.map((f) => ({ field: f, key: 'sessions.fieldRefused' as MessageKey })) };
  }
  if (code === 'sessionLocked') return { refusal: { key: 'sessions.locked' }, problems: [] };
  return { refusal: { key: errorKey(code) }, problems: [] };
}
