import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { MessageKey } from './catalogue-fr';
import { isLoaded, loadLocale, translate, type Locale, type MessageParams } from './translate';

/** The screen's language: French first. The page's `<html lang>` follows it (screen readers, hyphenation). */
export interface LocaleState {
  locale: Locale;
  /**
   * Switches to `locale` at once when its words are loaded; otherwise loads them (its chunk) and switches then, so
   * the page stays in the current language meanwhile, never half-translated. If the chunk cannot be had, the page
   * stays as it is (pressing the button again retries). When another choice came during the load, it wins.
   */
  setLocale(locale: Locale): void;
}

export const localeStore = createStore<LocaleState>((set, get) => {
  let wanted: Locale = 'fr';
  return {
    locale: 'fr',
    setLocale: (locale) => {
      wanted = locale;
      if (isLoaded(locale)) { set({ locale }); return; }
      loadLocale(locale).then(() => { if (wanted === locale) set({ locale }); }, () => { if (wanted === locale) wanted = get().locale; });
    },
  };
});

/** Keeps `document.documentElement.lang` equal to the store's locale; returns the unsubscribe function. */
export function bindHtmlLang(root: { lang: string } = document.documentElement): () => void {
  root.lang = localeStore.getState().locale;
  return localeStore.subscribe((state) => { root.lang = state.locale; });
}

/** For components: the current locale's `t`. */
export function useTranslate(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useStore(localeStore, (s) => s.locale);
  return (key, params) => translate(locale, key, params);
}
