import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { localeStore, useTranslate } from '../../ui/i18n/locale-store';
import { placeHash } from '../navigation/place';
import { outboxView } from './outbox-view';
import { ManagerCentreLink, ProblemAlert, SaidText } from './problem-view';
import type { SigningState } from './signing-store';

/**
 * « 3. Envoyer à la plateforme de l'autorité »: the button, the outbox's state in plain French (`role="status"`:
 * read out politely when it changes), the upload's progress bar, the attempts and the next try.
 */
export function SendSection({ store }: { store: StoreApi<SigningState> }) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const { outbox, ask, askSending } = useStore(store);
  const barLabel = useId();
  if (!outbox) return null;
  const view = outboxView(outbox, locale);
  return (
    <section aria-labelledby="send-heading" className="signing-step">
      <h2 id="send-heading">{t('signing.send.heading')}</h2>
      <p>{t('signing.send.intro')}</p>
      <div role="status" className="outbox-state" data-state={outbox.state}>
        <p className="outbox-line"><SaidText said={view.state} /></p>
        {view.detail && <p><SaidText said={view.detail} /></p>}
        {view.platformReason !== null && <p>{t('signing.send.platformReason')} <q>{view.platformReason}</q></p>}
      </div>
      {view.managerMustSetPlatform && <p><ManagerCentreLink /></p>}
      {view.percent !== null && (
        <div className="upload-progress">
          <span id={barLabel}>{t('signing.send.progressLabel')}</span>
          <progress aria-labelledby={barLabel} max={100} value={view.percent} />
          <span aria-hidden="true">{t('signing.send.percent', { percent: view.percent })}</span>
        </div>
      )}
      {outbox.state !== 'notRequested' && outbox.state !== 'received' && <p className="outbox-attempts">{t('signing.send.attempts', { n: view.attempts })}</p>}
      {ask.kind === 'failed' && <ProblemAlert problem={ask.problem} />}
      {view.canAskSending && (
        <button type="button" className={outbox.state === 'notRequested' ? 'primary' : undefined} disabled={ask.kind === 'asking'} onClick={() => void askSending()}>
          {ask.kind === 'asking' ? t('signing.send.asking') : t(outbox.state === 'notRequested' ? 'signing.send.submit' : 'signing.send.retryNow')}
        </button>
      )}
      {outbox.state === 'received' && <p><a href={placeHash({ area: 'invigilator', page: 'results' })}>{t('signing.send.toResults')}</a></p>}
    </section>
  );
}
