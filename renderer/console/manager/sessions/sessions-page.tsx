import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { localeStore } from '../../../ui/i18n/locale-store';
import type { PageProps } from '../../navigation/page-props';
import { placeHash } from '../../navigation/place';
import { FocusedHeading } from '../../screens/focused-heading';
import { CreatedSessionNotice } from './created-session-notice';
import { FocusedSubheading } from './focus-on-show';
import { useLoginEnded } from './manager-login-context';
import { calendarDay, clockTime, STATUS_KEYS } from './session-facts';
import { SessionFormView } from './session-form-view';
import { createSessionsListStore } from './sessions-list-store';

/** The centre’s sessions (R-SESS-1): number, date, room, status, number of candidates; « Nouvelle session ». */
export function SessionsPage({ client, go }: PageProps) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const loginEnded = useLoginEnded();
  const [store] = useState(() => createSessionsListStore(client, loginEnded));
  const { list, creating, created, startCreating, cancelCreating, dismissCreated } = useStore(store);
  useEffect(() => { void store.getState().load(); }, [store]);
  return (
    <main className="screen-main manager-page">
      <FocusedHeading>{t('sessions.heading')}</FocusedHeading>
      <p>{t('sessions.intro')}</p>
      {created && (
        <CreatedSessionNotice created={created} onDismiss={dismissCreated}
          onOpen={() => go({ area: 'manager', page: 'session', sessionId: created.session.id })} />
      )}
      {creating ? (
        <section className="panel" aria-labelledby="new-session-heading">
          <FocusedSubheading id="new-session-heading">{t('sessions.newHeading')}</FocusedSubheading>
          <SessionFormView editor={creating} submitLabel={t('sessions.create')} onCancel={cancelCreating} />
        </section>
      ) : (
        <p><button type="button" className="primary" onClick={startCreating}>{t('sessions.new')}</button></p>
      )}
      {list.kind === 'loading' && <p role="status">{t('sessions.loading')}</p>}
      {list.kind === 'failed' && <div role="alert" className="form-error"><p>{t(list.refusal.key, list.refusal.params)}</p></div>}
      {list.kind === 'loaded' && list.sessions.length === 0 && <p className="calm-note">{t('sessions.none')}</p>}
      {list.kind === 'loaded' && list.sessions.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="sessions-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="sessions-caption">{t('sessions.tableCaption', { count: list.sessions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.col.number')}</th>
                <th scope="col">{t('sessions.col.date')}</th>
                <th scope="col">{t('sessions.col.room')}</th>
                <th scope="col">{t('sessions.col.centre')}</th>
                <th scope="col">{t('sessions.col.status')}</th>
                <th scope="col">{t('sessions.col.candidates')}</th>
              </tr>
            </thead>
            <tbody>
              {list.sessions.map((s) => {
                const count = list.candidates[s.id];
                return (
                  <tr key={s.id}>
                    <th scope="row"><a href={placeHash({ area: 'manager', page: 'session', sessionId: s.id })}>{t('sessions.numberLink', { number: s.number })}</a></th>
                    <td>{t('sessions.dateAt', { date: calendarDay(s.date, locale), time: clockTime(s.startTime, locale) })}</td>
                    <td>{s.room}</td>
                    <td>{s.centre}</td>
                    <td>{t(STATUS_KEYS[s.status])}</td>
                    <td>{count === null || count === undefined ? t('sessions.countUnknown') : t('sessions.candidateCount', { count })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
