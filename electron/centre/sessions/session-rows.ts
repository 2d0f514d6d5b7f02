import { SessionStatus, type Session, type SessionFields } from '../../../shared/formats/session';
import { Locale } from '../../../shared/formats/common';
import { storedEnum } from '../storage/stored-enum';
import { normaliseName } from '../../../shared/sessions/names';

/** A row of `sessions` (001-sessions.sql). */
export interface SessionRow {
  id: number;
  number: number;
  centre: string;
  site_address: string;
  room: string;
  date: string;
  start_time: string;
  invigilator_name: string;
  description: string | null;
  max_level: number;
  locale: string;
  access_code: string;
  status: string;
  created_at: string;
}

export const SESSION_COLUMNS = 'id, number, centre, site_address, room, date, start_time, invigilator_name, description, max_level, locale, access_code, status, created_at';

const sessionStatus = storedEnum(SessionStatus, 'sessions.status');
const sessionLocale = storedEnum(Locale, 'sessions.locale');

export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    number: row.number,
    centre: row.centre,
    siteAddress: row.site_address,
    room: row.room,
    date: row.date,
    startTime: row.start_time,
    invigilatorName: row.invigilator_name,
    ...(row.description === null ? {} : { description: row.description }),
    maxLevel: row.max_level,
    locale: sessionLocale(row.locale),
    accessCode: row.access_code,
    status: sessionStatus(row.status),
    createdAt: row.created_at,
  };
}

/** Named parameters for INSERT/UPDATE of the editable session columns. */
export function sessionParams(fields: SessionFields) {
  return {
    centre: fields.centre,
    site_address: fields.siteAddress,
    room: fields.room,
    site_key: normaliseName(fields.siteAddress),
    room_key: normaliseName(fields.room),
    date: fields.date,
    start_time: fields.startTime,
    invigilator_name: fields.invigilatorName,
    description: fields.description === undefined || fields.description === '' ? null : fields.description,
    max_level: fields.maxLevel,
    locale: fields.locale,
  };
}

/** `2010-03-14` → `14/03/2010`. */
export function frenchDate(iso: string): string {
  return iso.split('-').reverse().join('/');
}
