import { useTranslate } from '../../ui/i18n/locale-store';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { placeHash, samePlace, type ConsolePlace } from './place';

export interface NavEntry { place: ConsolePlace; label: MessageKey }

export const INVIGILATOR_NAV: NavEntry[] = [
  { place: { area: 'invigilator', page: 'board' }, label: 'nav.board' },
  { place: { area: 'invigilator', page: 'finalisation' }, label: 'nav.finalisation' },
  { place: { area: 'invigilator', page: 'signing' }, label: 'nav.signing' },
  { place: { area: 'invigilator', page: 'results' }, label: 'nav.results' },
];

export const MANAGER_NAV: NavEntry[] = [
  { place: { area: 'manager', page: 'sessions' }, label: 'nav.sessions' },
  { place: { area: 'manager', page: 'packages' }, label: 'nav.packages' },
  { place: { area: 'manager', page: 'centre' }, label: 'nav.centre' },
];

/**
 * The pages of an area as plain links (`href="#/…"`: Back, a new tab and a screen reader's list of links all work),
 * the current one marked `aria-current="page"`. A session's page counts as the sessions' list.
 */
export function ConsoleNav({ labelKey, entries, current }: { labelKey: MessageKey; entries: NavEntry[]; current: ConsolePlace }) {
  const t = useTranslate();
  const here = current.area === 'manager' && current.page === 'session' ? { area: 'manager', page: 'sessions' } as const : current;
  return (
    <nav aria-label={t(labelKey)} className="console-nav">
      <ul>
        {entries.map((entry) => (
          <li key={entry.label}>
            <a href={placeHash(entry.place)} aria-current={samePlace(entry.place, here) ? 'page' : undefined}>{t(entry.label)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
