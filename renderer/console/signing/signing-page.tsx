import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { localeStore, useTranslate } from '../../ui/i18n/locale-store';
import { placeHash } from '../navigation/place';
import type { SessionPageProps } from '../navigation/page-props';
import { FocusedHeading } from '../screens/focused-heading';
import { DocumentsSection, ExportSection } from './export-section';
import { ProblemAlert } from './problem-view';
import { calendarDate } from './results-list';
import { SendSection } from './send-section';
import { SignedFacts, SignForm } from './sign-section';
import { createSigningStore, isFinalised } from './signing-store';
import './signing.css';

/**
 * `#/signature` (issue 10 §1): once the session is finalised, sign its results with the centre key's password; then
 * the two PDFs to print, the sending to the authority's platform (its progress and the outbox's state), or the
 * export to a USB key and the receipt brought back. Before the finalisation: a link to it.
 */
export function SigningPage({ client, session }: SessionPageProps) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const [store] = useState(() => createSigningStore(client, session.id));
  const { load, status, signature, justSigned, start, stop } = useStore(store);
  useEffect(() => {
    void start();
    return () => stop();
  }, [start, stop]);
  return (
    <main className="screen-main signing-page">
      <FocusedHeading>{t('signing.heading')}</FocusedHeading>
      <p className="session-line">{t('signing.sessionLine', { number: session.number, centre: session.centre, date: calendarDate(session.date, locale) })}</p>
      {load.kind === 'loading' && <p role="status">{t('signing.loading')}</p>}
      {load.kind === 'failed' && (
        <>
          <ProblemAlert problem={load.problem} />
          <button type="button" onClick={() => void start()}>{t('signing.retry')}</button>
        </>
      )}
      {load.kind === 'ready' && !signature && !isFinalised(status) && (
        <div className="not-finalised">
          <p>{t('signing.notFinalised')}</p>
          <p><a href={placeHash({ area: 'invigilator', page: 'finalisation' })}>{t('signing.toFinalisation')}</a></p>
        </div>
      )}
      {load.kind === 'ready' && !signature && isFinalised(status) && <SignForm store={store} />}
      {load.kind === 'ready' && signature && (
        <>
          <SignedFacts signature={signature} focus={justSigned} />
          <DocumentsSection sessionId={session.id} />
          <SendSection store={store} />
          <ExportSection store={store} sessionId={session.id} sessionNumber={session.number} />
        </>
      )}
    </main>
  );
}
