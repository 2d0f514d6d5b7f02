import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslate } from '../../ui/i18n/locale-store';
import { FocusedHeading } from '../screens/focused-heading';
import type { SessionPageProps } from '../navigation/page-props';
import { createFinalisationStore } from './finalisation-store';
import { FinalisationWizard } from './finalisation-wizard';
import { ResultsReview } from './results-review-view';
import './finalisation.css';

/**
 * `#/finalisation` (issue 10 §1, R-FIN-1..3): the wizard while the session is open, then — and whenever the page
 * is opened on a finalised session — the review of the provisional results from the unsigned results document.
 */
export function FinalisationPage({ client, session, go }: SessionPageProps) {
  const t = useTranslate();
  const [store] = useState(() => createFinalisationStore({ client, sessionId: session.id }));
  const phase = useStore(store, (s) => s.phase);
  useEffect(() => { void store.getState().load(); }, [store]);

  if (phase.name === 'review') return <ResultsReview review={phase.review} store={store} />;
  if (phase.name === 'wizard' || phase.name === 'sending') return <FinalisationWizard session={session} store={store} go={go} />;
  return (
    <main className="screen-main finalisation">
      <FocusedHeading>{t('finalisation.heading', { number: session.number })}</FocusedHeading>
      {phase.name === 'loading' && <p role="status">{t('finalisation.loading')}</p>}
      {phase.name === 'loadFailed' && (
        <div role="alert" className="form-error">
          <p>{t(phase.key)}</p>
          <button type="button" onClick={() => void store.getState().load()}>{t('finalisation.retry')}</button>
        </div>
      )}
    </main>
  );
}
