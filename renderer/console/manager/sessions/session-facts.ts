import type { Birthplace, SessionStatus } from '../../../../shared/formats/session';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import type { Locale } from '../../../ui/i18n/translate';

/** How a session and a candidate read on the manager's pages (pure): the status in words, dates in the reader's language. */
export const STATUS_KEYS: Record<SessionStatus, MessageKey> = {
  created: 'sessions.status.created',
  finalised: 'sessions.status.finalised',
  sent: 'sessions.status.sent',
  resultsReceived: 'sessions.status.resultsReceived',
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, style: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${locale}-${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format;
}

/** `2026-03-14` → « samedi 14 mars 2026 » (long) or « 14/03/2026 » (short); a calendar day, never shifted by a time zone. */
export function calendarDay(isoDate: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const at = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? isoDate : dateFormat(locale, style).format(at);
}

/** `09:00` → « 09:00 » in French, « 9:00 AM » in English. */
export function clockTime(time: string, locale: Locale): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return time;
  const at = new Date(Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2])));
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at);
}

/** The birthplace as one line: the INSEE code, the postal code and town, or the town and country. */
export function birthplaceParams(place: Birthplace): { key: MessageKey; params: Record<string, string> } {
  if (place.kind === 'insee') return { key: 'sessions.candidate.placeInsee', params: { code: place.code } };
  if (place.kind === 'postal') return { key: 'sessions.candidate.placePostal', params: { postalCode: place.postalCode, city: place.city } };
  return { key: 'sessions.candidate.placeForeign', params: { city: place.city, country: place.country } };
}

/** A session is editable (its details, its candidates, its roster) until it is finalised. */
export function sessionEditable(status: SessionStatus): boolean {
  return status === 'created';
}
