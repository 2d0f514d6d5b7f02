import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { MessageKey } from './catalogue-fr';
import { translate, type Locale, type MessageParams } from './translate';

/** The screen's language: French first. The page's `<html lang>` follows it (screen readers, hyphenation). */
export interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const localeStore = createStore<LocaleState>((set) => ({
  locale: 'fr',
  setLocale: (locale) => set({ locale }),
}));

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
