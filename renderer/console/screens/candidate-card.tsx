import { memo } from 'react';
import type { LiveCandidate } from '../../../shared/formats/console-api';
import { useTranslate } from '../../ui/i18n/locale-store';
import { pendingNeed } from '../board/board-order';
import { cardActions, lastEvent, stateLine, theoreticalEnd, wordsText } from '../board/card-facts';
import type { ActionProblem, CardAction } from '../board/board-store';

/** What a card's buttons do: the board opens a dialog for the three that ask more. */
export interface CardHandlers {
  confirmPresence(candidateId: number): void;
  authoriseResume(candidateId: number): void;
  open(kind: 'endTest' | 'extraTime' | 'incident', candidateId: number, trigger: HTMLElement): void;
}

/** The pupil's name as the invigilator reads it and as every action's accessible name carries it. */
export function fullName(candidate: Pick<LiveCandidate, 'firstName' | 'lastName'>): string {
  return `${candidate.firstName} ${candidate.lastName}`;
}

/** The id of a card's heading: the focus lands there when the button used is gone (presence confirmed, test ended). */
export function cardHeadingId(candidateId: number): string {
  return `candidate-${candidateId}`;
}

/**
 * One pupil on the live board: name, pending need (never hidden), state, kiosk, last event, theoretical end and
 * extra time, and the actions of the moment. Names are React text, never HTML. Memoised: a push about one pupil
 * redraws their card only (the station sends the changed candidate; the others keep their objects).
 */
export const CandidateCard = memo(function CandidateCard({ candidate, busy, problem, handlers }: {
  candidate: LiveCandidate; busy: CardAction | undefined; problem: ActionProblem | null; handlers: CardHandlers;
}) {
  const t = useTranslate();
  const name = fullName(candidate);
  const need = pendingNeed(candidate);
  const state = stateLine(candidate);
  const event = lastEvent(candidate);
  const end = theoreticalEnd(candidate);
  const actions = cardActions(candidate);
  const headingId = cardHeadingId(candidate.candidateId);
  return (
    <li className="card-slot">
      <article className="card" data-need={need ?? undefined} data-status={candidate.status} aria-labelledby={headingId}>
      <h3 id={headingId} className="card-name" tabIndex={-1}>{name}</h3>
      {need && <p className="card-need">{t(`board.need.${need}`)}</p>}
      <p className="card-state">{wordsText(t, state)}</p>
      {candidate.kiosk && <p className="card-detail">{t('board.kiosk', { name: candidate.kiosk.name })}</p>}
      <p className="card-detail" data-warning={event?.warning ? 'true' : undefined}>
        {event ? wordsText(t, event) : t('board.noEvent')}
      </p>
      <p className="card-detail">
        {end && <span>{t(end.key, end.params)} · </span>}
        <span>{t('board.extraTime', { percent: candidate.extraTimePercent })}</span>
      </p>
      {problem && <p role="alert" className="card-problem">{t(problem.key)}</p>}
      <div className="card-actions">
        {actions.confirmPresence && (
          <button type="button" className="primary" disabled={busy !== undefined} aria-label={t('board.action.confirmPresenceOf', { name })}
            onClick={() => handlers.confirmPresence(candidate.candidateId)}>
            {busy === 'confirmPresence' ? t('board.busy') : t('board.action.confirmPresence')}
          </button>
        )}
        {actions.authoriseResume && (
          <button type="button" className="primary" disabled={busy !== undefined} aria-label={t('board.action.authoriseResumeOf', { name })}
            onClick={() => handlers.authoriseResume(candidate.candidateId)}>
            {busy === 'authoriseResume' ? t('board.busy') : t('board.action.authoriseResume')}
          </button>
        )}
        {actions.extraTime && (
          <button type="button" aria-label={t('board.action.extraTimeOf', { name })}
            onClick={(e) => handlers.open('extraTime', candidate.candidateId, e.currentTarget)}>{t('board.action.extraTime')}</button>
        )}
        {actions.incident && (
          <button type="button" aria-label={t('board.action.incidentOf', { name })}
            onClick={(e) => handlers.open('incident', candidate.candidateId, e.currentTarget)}>{t('board.action.incident')}</button>
        )}
        {actions.endTest && (
          <button type="button" className="danger" aria-label={t('board.action.endTestOf', { name })}
            onClick={(e) => handlers.open('endTest', candidate.candidateId, e.currentTarget)}>{t('board.action.endTest')}</button>
        )}
      </div>
      </article>
    </li>
  );
});
