import type { Locale } from '../../../ui/i18n/translate';

/** Dates and times as the manager reads them (« 2 décembre 2026 à 08:15 »), in the page's language, by `Intl`. */
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatOf(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' });
    FORMATS.set(key, format);
  }
  return format;
}

/** A date and time; an unreadable date is shown as it came (never « Invalid Date »). */
export function dateTimeText(locale: Locale, iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatOf(locale, true).format(ms);
}

/** A day, without its time. */
export function dateText(locale: Locale, iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatOf(locale, false).format(ms);
}
