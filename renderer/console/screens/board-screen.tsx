import { useCallback, useMemo, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Session } from '../../../shared/formats/session';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { StationStatusState } from '../../ui/station/station-status-store';
import { countBoard, pendingNeed } from '../board/board-order';
import { visibleCards, type BoardState } from '../board/board-store';
import { boardUnreachable, type BoardLink } from '../board/link-state';
import { CandidateCard, cardHeadingId, fullName, type CardHandlers } from './candidate-card';
import { EndTestDialog, ExtraTimeDialog, IncidentDialog } from './card-dialogs';
import { FocusedHeading } from './focused-heading';

type OpenDialog = { kind: 'endTest' | 'extraTime' | 'incident'; candidateId: number; trigger: HTMLElement } | null;

/**
 * The live board (issue 10 §1): the station banner, the check-in alert, the counters, the search and the sound,
 * then one card per pupil, those who need the invigilator first.
 */
export function BoardScreen({ session, board, station, link }: {
  session: Session; board: StoreApi<BoardState>; station: StoreApi<StationStatusState>; link: StoreApi<BoardLink>;
}) {
  const t = useTranslate();
  const state = useStore(board);
  const health = useStore(station, (s) => s.status);
  const linkState = useStore(link);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const cards = visibleCards(state);
  const counters = countBoard(state.candidates);
  const needing = state.candidates.filter((c) => pendingNeed(c) !== null).length;
  const hiddenBySearch = state.candidates.length - cards.length;
  // The same handlers on every render, so that the memoised cards the push did not change are not redrawn.
  const { confirmPresence, authoriseResume } = state;
  const handlers = useMemo<CardHandlers>(() => ({
    // The button used disappears with the state it belonged to: the focus goes to the card's heading, not to the page.
    confirmPresence: (id) => void confirmPresence(id).then((done) => { if (done) document.getElementById(cardHeadingId(id))?.focus(); }),
    authoriseResume: (id) => void authoriseResume(id).then((done) => { if (done) document.getElementById(cardHeadingId(id))?.focus(); }),
    open: (kind, candidateId, trigger) => setDialog({ kind, candidateId, trigger }),
  }), [confirmPresence, authoriseResume]);
  const close = useCallback(() => setDialog(null), []);
  const open = dialog ? state.candidates.find((c) => c.candidateId === dialog.candidateId) : undefined;
  const questions = useCallback(() => (dialog ? board.getState().questions(dialog.candidateId) : Promise.resolve(null)), [board, dialog]);
  const reported = state.reported ? state.candidates.find((c) => c.candidateId === state.reported!.candidateId) : undefined;
  return (
    <>
      <div role="status" className="banner-slot">
        {boardUnreachable(health, linkState) && <p className="banner banner-station">{t('board.stationUnreachable')}</p>}
      </div>
      <main className="board" aria-busy={state.sessionStatus === null}>
        <div className="board-top">
          <div>
            <FocusedHeading>{t('board.heading', { number: session.number })}</FocusedHeading>
            <p className="board-place">{t('board.place', { centre: session.centre, room: session.room })}</p>
          </div>
          <dl className="counters" aria-label={t('board.counters')}>
            <div><dt>{t('board.count.present')}</dt><dd>{counters.present}</dd></div>
            <div><dt>{t('board.count.inTest')}</dt><dd>{counters.inTest}</dd></div>
            <div><dt>{t('board.count.finished')}</dt><dd>{counters.finished}</dd></div>
            <div><dt>{t('board.count.total')}</dt><dd>{counters.total}</dd></div>
          </dl>
        </div>
        {state.checkInAlert && (
          <div role="alert" className="check-in-alert">
            <p>{t('board.checkInAlert', { failures: state.checkInAlert.failures, time: new Date(state.checkInAlert.since) })}</p>
            <button type="button" onClick={() => void state.clearCheckInAlert()}>{t('board.checkInAlertClear')}</button>
          </div>
        )}
        {state.problem && state.problem.candidateId === null && <p role="alert" className="card-problem">{t(state.problem.key)}</p>}
        <div className="board-tools">
          <div className="field search">
            <label htmlFor="board-search">{t('board.search')}</label>
            <p id="board-search-hint" className="hint">{t('board.searchHint')}</p>
            <input id="board-search" type="search" value={state.query} aria-describedby="board-search-hint" autoComplete="off"
              onChange={(e) => state.setQuery(e.target.value)} />
          </div>
          <p role="status" className="needs" data-needs={needing > 0 ? 'true' : undefined}>
            {needing > 0 ? t('board.needs', { n: needing }) : t('board.noNeeds')}
          </p>
          <button type="button" aria-pressed={!state.muted} onClick={state.toggleMuted}>{t('board.sound')}</button>
        </div>
        <div role="status" className="incident-reported">
          {reported && <p>{t('incident.reported', { name: fullName(reported) })}</p>}
        </div>
        {state.sessionStatus === null ? <p>{t('board.loading')}</p> : (
          <section aria-label={t('board.cards')}>
            <ul className="cards">
              {cards.map((c) => (
                <CandidateCard key={c.candidateId} candidate={c} busy={state.busy[c.candidateId]}
                  problem={state.problem && state.problem.candidateId === c.candidateId && !dialog ? state.problem : null} handlers={handlers} />
              ))}
            </ul>
            {hiddenBySearch > 0 && state.query.trim() !== '' && cards.every((c) => pendingNeed(c) !== null) && (
              <p className="no-match">{t('board.noMatch', { query: state.query })}</p>
            )}
          </section>
        )}
      </main>
      {dialog && open && dialog.kind === 'endTest' && (
        <EndTestDialog candidate={open} returnTo={dialog.trigger} onClose={close} onConfirm={() => state.endTest(open.candidateId)} />
      )}
      {dialog && open && dialog.kind === 'extraTime' && (
        <ExtraTimeDialog candidate={open} returnTo={dialog.trigger} onClose={close} onSave={(p) => state.setExtraTime(open.candidateId, p)} />
      )}
      {dialog && open && dialog.kind === 'incident' && (
        <IncidentDialog candidate={open} returnTo={dialog.trigger} onClose={close} loadQuestions={questions} onReport={state.reportIncident} />
      )}
    </>
  );
}
