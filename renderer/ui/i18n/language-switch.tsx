import { useStore } from 'zustand';
import { localeStore, useTranslate } from './locale-store';
import { LOCALES } from './translate';

/** Two toggle buttons, each language named in itself (`lang` set so a screen reader pronounces it right). */
export function LanguageSwitch() {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const setLocale = useStore(localeStore, (s) => s.setLocale);
  return (
    <div role="group" aria-label={t('language.label')} className="language-switch">
      <span className="label" aria-hidden="true">{t('language.label')}</span>
      {LOCALES.map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={locale === code} onClick={() => setLocale(code)}>
          {t(code === 'fr' ? 'language.fr' : 'language.en')}
        </button>
      ))}
    </div>
  );
}
