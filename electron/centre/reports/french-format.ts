/**
 * Dates and times in the PDFs: French, in the report's time zone (given in the data), never the machine's, so
 * that the same data gives the same bytes anywhere.
 */
const formatters = new Map<string, { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();

function formattersOf(timeZone: string) {
  let found = formatters.get(timeZone);
  if (!found) {
    found = {
      time: new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
      dateTime: new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
    };
    formatters.set(timeZone, found);
  }
  return found;
}

/** « 09:05 » for an ISO instant; « — » for none. */
export function frenchTime(iso: string | null, timeZone: string): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formattersOf(timeZone).time.format(date);
}

/** « 14/03/2026 09:05 » for an ISO instant. */
export function frenchDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formattersOf(timeZone).dateTime.format(date).replace(',', '').replace(' à ', ' ');
}

/** « 14/03/2026 » for a calendar date `AAAA-MM-JJ`. */
export function frenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

export const yesNo = (value: boolean): string => (value ? 'Oui' : 'Non');
