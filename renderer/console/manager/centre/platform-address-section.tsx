import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { TextField } from '../../../ui/text-field';
import { dateTimeText } from './dates';
import type { PlatformAddressState } from './platform-address-store';
import { useLocale } from './use-locale';

/** « Adresse de la plateforme »: where results are sent and packages downloaded (https only). */
export function PlatformAddressSection({ store }: { store: StoreApi<PlatformAddressState> }) {
  const t = useTranslate();
  const locale = useLocale();
  const { saved, typed, status } = useStore(store);
  const error = status.kind === 'invalid' || status.kind === 'refused' ? t(status.key) : undefined;
  return (
    <section aria-labelledby="address-heading" className="centre-section">
      <h2 id="address-heading">{t('centre.addressHeading')}</h2>
      <p>{t('centre.addressIntro')}</p>
      {saved.kind === 'failed' && <p role="alert" className="centre-problem">{t(saved.key)}</p>}
      {saved.kind === 'ready' && (saved.platformUrl === null
        ? <p className="centre-notice">{t('centre.addressNone')}</p>
        : <p>{t('centre.addressCurrent')} <span className="url-text">{saved.platformUrl}</span>{saved.updatedAt && ` — ${t('centre.addressSavedAt', { at: dateTimeText(locale, saved.updatedAt) })}`}</p>)}
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void store.getState().save(); }}>
        <TextField label={t('centre.addressLabel')} hint={t('centre.addressHint')} type="url" inputMode="url" autoComplete="off" spellCheck={false}
          value={typed} error={error} onValue={(v) => store.getState().type(v)} />
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>{t('centre.addressSubmit')}</button>
      </form>
      <div role="status" className="centre-outcome">
        {status.kind === 'saved' && <p className="ok-text">{t('centre.addressSaved')}</p>}
      </div>
    </section>
  );
}
