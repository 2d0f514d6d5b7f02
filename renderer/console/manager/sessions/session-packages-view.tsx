import { useEffect, useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PackageSummary } from '../../../../shared/formats/centre-api';
import { localeStore, useTranslate } from '../../../ui/i18n/locale-store';
import { placeHash } from '../../navigation/place';
import type { PackageKind, SessionPackagesState } from './session-packages-store';

const KINDS: PackageKind[] = ['content', 'profile'];

function describe(pkg: PackageSummary, t: ReturnType<typeof useTranslate>, locale: string): string {
  const at = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(pkg.importedAt));
  return t('sessions.packages.option', { id: pkg.packageId, version: pkg.version, signer: pkg.signer, at });
}

/** The session's content and profile packages, chosen among those imported (« Paquets signés » to import more). */
export function SessionPackagesView({ store, editable }: { store: StoreApi<SessionPackagesState>; editable: boolean }) {
  const t = useTranslate();
  const id = useId();
  const locale = useStore(localeStore, (s) => s.locale);
  const { view, choice, saving, pick, use } = useStore(store);
  useEffect(() => { void store.getState().load(); }, [store]);
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-heading">{t('sessions.packages.heading')}</h2>
      <p>{t('sessions.packages.intro')} <a href={placeHash({ area: 'manager', page: 'packages' })}>{t('sessions.packages.importMore')}</a></p>
      {view.kind === 'loading' && <p role="status">{t('sessions.packages.loading')}</p>}
      {view.kind === 'failed' && <div role="alert" className="form-error"><p>{t(view.refusal.key, view.refusal.params)}</p></div>}
      {view.kind === 'loaded' && KINDS.map((kind) => {
        const used = view.used[kind];
        const available = view.available[kind];
        const state = saving[kind];
        return (
          <div key={kind} className="package-choice">
            <h3>{t(kind === 'content' ? 'sessions.packages.content' : 'sessions.packages.profile')}</h3>
            <p className={used ? undefined : 'missing-note'}>
              {used ? t('sessions.packages.used', { what: describe(used, t, locale) }) : t('sessions.packages.noneUsed')}
            </p>
            {available.length === 0 && <p className="calm-note">{t('sessions.packages.noneImported')}</p>}
            {editable && available.length > 0 && (
              <div className="inline-form">
                <div className="field">
                  <label htmlFor={`${id}-${kind}`}>{t(kind === 'content' ? 'sessions.packages.chooseContent' : 'sessions.packages.chooseProfile')}</label>
                  <select id={`${id}-${kind}`} value={choice[kind]} onChange={(e) => pick(kind, e.target.value)}>
                    {available.map((p) => <option key={p.id} value={String(p.id)}>{describe(p, t, locale)}</option>)}
                  </select>
                </div>
                <button type="button" disabled={state.kind === 'sending' || String(used?.id ?? '') === choice[kind]} onClick={() => void use(kind)}>
                  {t(kind === 'content' ? 'sessions.packages.useContent' : 'sessions.packages.useProfile')}
                </button>
              </div>
            )}
            <div aria-live="polite" className="live-slot">{state.kind === 'saved' && <p className="ok-note">{t('sessions.packages.saved')}</p>}</div>
            {state.kind === 'refused' && <div role="alert" className="form-error"><p>{t(state.refusal.key, state.refusal.params)}</p></div>}
          </div>
        );
      })}
    </section>
  );
}
