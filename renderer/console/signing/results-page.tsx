import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { Session } from '../../../shared/formats/session';
import type { StoredReceiptAnswer } from '../../../shared/formats/sending';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { localeStore, useTranslate } from '../../ui/i18n/locale-store';
import { placeHash } from '../navigation/place';
import type { SessionPageProps } from '../navigation/page-props';
import { FocusedHeading } from '../screens/focused-heading';
import { outboxView } from './outbox-view';
import { ProblemAlert, SaidText } from './problem-view';
import { calendarDate, competencesShown, dateTime, resultCounts, resultRows } from './results-list';
import { createResultsStore } from './results-store';
import './signing.css';

/**
 * `#/resultats` (issue 10 §1): the platform's results for each candidate (status, pix /640, level per competence,
 * verification code) and « Imprimer la liste » (the print stylesheet: A4, black on white, only the session's
 * facts and one row per pupil). Before any receipt: where the sending stands.
 */
export function ResultsPage({ client, session }: SessionPageProps) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const [store] = useState(() => createResultsStore(client, session.id));
  const { results, load } = useStore(store);
  useEffect(() => { void load(); }, [load]);
  return (
    <main className="screen-main results-page">
      <FocusedHeading>{t('results.heading')}</FocusedHeading>
      <p className="session-line">{t('signing.sessionLine', { number: session.number, centre: session.centre, date: calendarDate(session.date, locale) })}</p>
      {results.kind === 'loading' && <p role="status">{t('results.loading')}</p>}
      {results.kind === 'failed' && (
        <>
          <ProblemAlert problem={results.problem} />
          <button type="button" onClick={() => void load()}>{t('signing.retry')}</button>
        </>
      )}
      {results.kind === 'none' && (
        <div className="results-none">
          <p>{t('results.none')}</p>
          {results.outbox && (
            <p>{t('results.sendingState')} <SaidText said={outboxView(results.outbox, locale).state} /></p>
          )}
          <p><a href={placeHash({ area: 'invigilator', page: 'signing' })}>{t('results.toSigning')}</a></p>
        </div>
      )}
      {results.kind === 'received' && <ResultsList session={session} receipt={results.receipt} readAt={results.readAt} />}
    </main>
  );
}

function ResultsList({ session, receipt, readAt }: { session: Session; receipt: StoredReceiptAnswer; readAt: string }) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const rows = resultRows(receipt.candidates);
  const counts = resultCounts(rows);
  const competences = competencesShown(rows);
  const competenceName = (code: string) => t(`results.competence.${code}` as MessageKey);
  return (
    <>
      <div className="results-tools">
        <button type="button" className="primary" onClick={() => window.print()}>{t('results.print')}</button>
        <p>{t('results.printHint')}</p>
      </div>
      <section aria-labelledby="results-facts" className="results-facts">
        <h2 id="results-facts" className="print-only">{t('results.facts')}</h2>
        <dl className="facts">
          <div><dt>{t('results.fact.session')}</dt><dd>{t('results.fact.sessionValue', { number: session.number })}</dd></div>
          <div><dt>{t('results.fact.centre')}</dt><dd>{session.centre} — {session.siteAddress}</dd></div>
          <div><dt>{t('results.fact.room')}</dt><dd>{session.room}</dd></div>
          <div><dt>{t('results.fact.date')}</dt><dd>{calendarDate(session.date, locale)}</dd></div>
          <div><dt>{t('results.fact.invigilator')}</dt><dd>{session.invigilatorName}</dd></div>
          <div><dt>{t('results.fact.receivedAt')}</dt><dd>{dateTime(receipt.receivedAt, locale)}</dd></div>
          <div><dt>{t('results.fact.source')}</dt><dd>{t(receipt.source === 'file' ? 'results.source.file' : 'results.source.network')}</dd></div>
          <div><dt>{t('results.fact.signer')}</dt><dd>{receipt.signer}</dd></div>
        </dl>
      </section>
      <p className="results-counts">{t('results.counts', counts)}</p>
      <div className="results-table-wrap">
        <table className="results-table">
          <caption>{t('results.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.col.candidate')}</th>
              <th scope="col">{t('results.col.birthDate')}</th>
              <th scope="col">{t('results.col.status')}</th>
              <th scope="col">{t('results.col.pix')}</th>
              <th scope="col">{t('results.col.levels')}</th>
              <th scope="col">{t('results.col.code')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.candidateId}>
                <th scope="row">{row.lastName} {row.firstName}</th>
                <td data-label={t('results.col.birthDate')}>{calendarDate(row.birthDate, locale)}</td>
                <td data-label={t('results.col.status')}>{t(row.status)}{row.reason !== null && <span className="reason">{row.reason}</span>}</td>
                <td data-label={t('results.col.pix')} className="number">{t('results.pix', { pix: row.pix })}</td>
                <td data-label={t('results.col.levels')}>
                  <ul className="levels">
                    {row.levels.map((l) => (
                      <li key={l.code}>{l.level === null ? t('results.levelNone', { code: l.code }) : t('results.level', { code: l.code, level: l.level })}</li>
                    ))}
                  </ul>
                </td>
                <td data-label={t('results.col.code')}><span className="verification" translate="no">{row.verificationCode}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="results-legend" className="results-legend">
        <h2 id="results-legend">{t('results.legend')}</h2>
        <dl>
          {competences.map((code) => (
            <div key={code}><dt>{code}</dt><dd>{competenceName(code)}</dd></div>
          ))}
        </dl>
      </section>
      <p>{t('results.verifyNote')}</p>
      <p className="print-only">{t('results.printedAt', { date: dateTime(readAt, locale) })}</p>
    </>
  );
}
