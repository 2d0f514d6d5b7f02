import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { placeHash } from '../../navigation/place';
import { dateTimeText } from './dates';
import { alreadyImported, kindKey, publishedKey, sizeParams, versionText } from './package-facts';
import type { PackagesState } from './packages-store';
import { useLocale } from './use-locale';

/** « Télécharger depuis la plateforme »: what the authority's platform publishes, one download button per package. */
export function PlatformPackages({ store }: { store: StoreApi<PackagesState> }) {
  const t = useTranslate();
  const locale = useLocale();
  const platform = useStore(store, (s) => s.platform);
  const imported = useStore(store, (s) => s.imported);
  const downloads = useStore(store, (s) => s.downloads);
  const here = imported.kind === 'ready' ? imported.packages : [];
  return (
    <section aria-labelledby="platform-heading" className="centre-section">
      <h2 id="platform-heading">{t('centre.platformHeading')}</h2>
      {platform.kind === 'loading' && <p role="status">{t('centre.platformLoading')}</p>}
      {platform.kind === 'noAddress' && (
        <p className="centre-notice">{t('centre.platformNoAddress')} <a href={placeHash({ area: 'manager', page: 'centre' })}>{t('centre.platformSetAddressLink')}</a></p>
      )}
      {platform.kind === 'noAuthority' && <p className="centre-notice">{t('centre.noAuthority')}</p>}
      {platform.kind === 'unreachable' && <p className="centre-notice" role="status">{t('centre.platformUnreachable')}</p>}
      {platform.kind === 'failed' && <p className="centre-notice" role="status">{t(platform.key)}</p>}
      {platform.kind === 'ready' && platform.packages.length === 0 && <p>{t('centre.platformNone')}</p>}
      {platform.kind === 'ready' && platform.packages.length > 0 && (
        <ul className="centre-items">
          {platform.packages.map((p) => {
            const key = publishedKey(p);
            const status = downloads[key];
            const have = alreadyImported(p, here);
            const size = sizeParams(p.bytes);
            const name = t('centre.platformPackageName', { kind: t(kindKey(p.kind)), id: p.packageId, version: versionText(p, locale) });
            return (
              <li key={key} className="centre-item">
                <h3>{t(kindKey(p.kind))} — {p.packageId}</h3>
                <dl className="facts">
                  <div><dt>{t('centre.version')}</dt><dd>{versionText(p, locale)}</dd></div>
                  <div><dt>{t('centre.publishedAt')}</dt><dd>{dateTimeText(locale, p.publishedAt)}</dd></div>
                  <div><dt>{t('centre.size')}</dt><dd>{t(size.key, size.params)}</dd></div>
                </dl>
                <div className="item-action">
                  {have
                    ? <p className="ok-text">{t('centre.platformAlreadyHere')}</p>
                    : (
                      <button type="button" className="primary" disabled={status?.kind === 'sending'} onClick={() => void store.getState().download(p)}>
                        {status?.kind === 'sending' ? t('centre.platformDownloading') : t('centre.platformDownload')}
                        <span className="centre-hidden"> {name}</span>
                      </button>
                    )}
                  <div role="status">
                    {status?.kind === 'imported' && (
                      <Downloaded text={t(status.created ? 'centre.uploadImported' : 'centre.uploadAlreadyThere', { kind: t(kindKey(status.package.kind)), id: status.package.packageId, version: versionText(status.package, locale) })} />
                    )}
                    {status?.kind === 'refused' && <p className="centre-problem">{t(status.key)} {t('centre.nothingImported')}</p>}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {platform.kind !== 'loading' && platform.kind !== 'noAddress' && (
        <button type="button" onClick={() => void store.getState().loadPlatform()}>{t('centre.platformRefresh')}</button>
      )}
    </section>
  );
}

/** The outcome of a download: it takes the focus, as the button that had it is gone (the package is now here). */
function Downloaded({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <p ref={ref} tabIndex={-1} className="ok-text downloaded">{text}</p>;
}
