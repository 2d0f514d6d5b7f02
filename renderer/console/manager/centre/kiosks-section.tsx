import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { BoardDialog } from '../../screens/board-dialog';
import { dateTimeText } from './dates';
import { pairedByWho, shortBuild } from './kiosk-facts';
import type { KiosksState } from './kiosks-store';
import { useLocale } from './use-locale';

/** « Postes candidats appairés »: name, paired when, last seen, build; « Révoquer » after a confirmation naming the kiosk. */
export function KiosksSection({ store }: { store: StoreApi<KiosksState> }) {
  const t = useTranslate();
  const locale = useLocale();
  const { kiosks, confirming, revoking, revokeProblem, revoked } = useStore(store);
  const [opener, setOpener] = useState<HTMLElement | null>(null);
  return (
    <section aria-labelledby="kiosks-heading" className="centre-section">
      <h2 id="kiosks-heading" tabIndex={-1}>{t('centre.kiosksHeading')}</h2>
      <div role="status">{revoked && <p className="ok-text">{t('centre.kioskRevokedDone', { name: revoked.name })}</p>}</div>
      {kiosks.kind === 'loading' && <p>{t('centre.loading')}</p>}
      {kiosks.kind === 'failed' && <p role="alert" className="centre-problem">{t(kiosks.key)}</p>}
      {kiosks.kind === 'ready' && kiosks.kiosks.length === 0 && <p>{t('centre.kiosksNone')}</p>}
      {kiosks.kind === 'ready' && kiosks.kiosks.length > 0 && (
        <ul className="centre-items">
          {kiosks.kiosks.map((k) => {
            const build = shortBuild(k.buildHash);
            const who = pairedByWho(k.pairedBy);
            return (
              <li key={k.id} className="centre-item" data-revoked={k.revokedAt ? 'true' : undefined}>
                <h3>{k.name}</h3>
                <dl className="facts">
                  <div><dt>{t('centre.kioskPairedAt')}</dt><dd>{dateTimeText(locale, k.pairedAt)}</dd></div>
                  <div><dt>{t('centre.kioskPairedBy')}</dt><dd>{who.kind === 'manager' ? t('centre.kioskByManager') : who.kind === 'invigilator' ? t('centre.kioskByInvigilator') : k.pairedBy}</dd></div>
                  <div><dt>{t('centre.kioskLastSeen')}</dt><dd>{k.lastSeenAt ? dateTimeText(locale, k.lastSeenAt) : t('centre.kioskNeverSeen')}</dd></div>
                  <div><dt>{t('centre.kioskBuild')}</dt><dd>{build ? <code>{build}</code> : t('centre.kioskNoBuild')}</dd></div>
                  <div>
                    <dt>{t('centre.kioskState')}</dt>
                    <dd className={k.revokedAt ? 'problem-text' : 'ok-text'}>{k.revokedAt ? t('centre.kioskRevokedOn', { at: dateTimeText(locale, k.revokedAt) }) : t('centre.kioskActive')}</dd>
                  </div>
                </dl>
                {!k.revokedAt && (
                  <div className="item-action">
                    <button type="button" className="danger" onClick={(e) => { setOpener(e.currentTarget); store.getState().askRevoke(k); }}>
                      {t('centre.kioskRevoke')}<span className="centre-hidden"> {k.name}</span>
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {confirming && (
        <BoardDialog heading={t('centre.revokeHeading', { name: confirming.name })} onClose={() => store.getState().cancelRevoke()}
          returnTo={opener} fallbackId="kiosks-heading">
          <p>{t('centre.revokeExplain')}</p>
          {revokeProblem && <p role="alert" className="centre-problem">{t(revokeProblem)}</p>}
          <div className="dialog-actions">
            <button type="button" className="danger-strong" disabled={revoking} onClick={() => void store.getState().revoke()}>{t('centre.revokeConfirm')}</button>
            <button type="button" onClick={() => store.getState().cancelRevoke()}>{t('centre.revokeCancel')}</button>
          </div>
        </BoardDialog>
      )}
    </section>
  );
}
