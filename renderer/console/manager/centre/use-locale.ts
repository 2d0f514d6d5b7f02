import { useStore } from 'zustand';
import { localeStore } from '../../../ui/i18n/locale-store';
import type { Locale } from '../../../ui/i18n/translate';

/** The page's language, for dates (`dates.ts`). */
export function useLocale(): Locale {
  return useStore(localeStore, (s) => s.locale);
}
