import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { localeStore, useTranslate } from '../../../ui/i18n/locale-store';
import type { PageProps } from '../../navigation/page-props';
import { placeHash } from '../../navigation/place';
import { FocusedHeading } from '../../screens/focused-heading';
import { CandidatesSection } from './candidates-section';
import { createCandidatesStore } from './candidates-store';
import { InvigilatorPasswordView } from './invigilator-password-view';
import { useLoginEnded } from './manager-login-context';
import { calendarDay, clockTime, sessionEditable } from './session-facts';
import { SessionDetailsView } from './session-details-view';
import { createSessionPageStore } from './session-page-store';
import { createSessionPackagesStore } from './session-packages-store';
import { SessionPackagesView } from './session-packages-view';

/**
 * One session (`#/responsable/sessions/:id`): its details (edit, delete), the invigilator password (drawn again,
 * shown once), its candidates (one by one, or a roster file), its packages.
 */
export function SessionPage({ client, go, sessionId }: PageProps & { sessionId: number }) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const loginEnded = useLoginEnded();
  const [stores] = useState(() => ({
    page: createSessionPageStore(client, sessionId, loginEnded),
    candidates: createCandidatesStore(client, sessionId, loginEnded),
    packages: createSessionPackagesStore(client, sessionId, loginEnded),
  }));
  const details = useStore(stores.page, (s) => s.details);
  useEffect(() => {
    void stores.page.getState().load();
    void stores.candidates.getState().load();
  }, [stores]);
  const back = <p className="back-link"><a href={placeHash({ area: 'manager', page: 'sessions' })}>{t('sessions.backToList')}</a></p>;
  if (details.kind === 'loading') return <main className="screen-main manager-page">{back}<p role="status">{t('sessions.sessionLoading')}</p></main>;
  if (details.kind !== 'loaded') {
    return (
      <main className="screen-main manager-page">
        {back}
        <FocusedHeading>{t('sessions.missingHeading')}</FocusedHeading>
        <p>{details.kind === 'missing' ? t('sessions.missing', { id: sessionId }) : t(details.refusal.key, details.refusal.params)}</p>
      </main>
    );
  }
  const { session } = details;
  const editable = sessionEditable(session.status);
  return (
    <main className="screen-main manager-page">
      {back}
      <FocusedHeading>{t('sessions.sessionHeading', { number: session.number })}</FocusedHeading>
      <p className="session-place">{t('sessions.sessionPlace', { date: calendarDay(session.date, locale), time: clockTime(session.startTime, locale), room: session.room, centre: session.centre })}</p>
      <SessionDetailsView session={session} store={stores.page} editable={editable} onDeleted={() => go({ area: 'manager', page: 'sessions' })} />
      <InvigilatorPasswordView session={session} store={stores.page} editable={editable} />
      <CandidatesSection store={stores.candidates} editable={editable} />
      <SessionPackagesView store={stores.packages} editable={editable} />
    </main>
  );
}
