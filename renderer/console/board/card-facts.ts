import type { LiveCandidate } from '../../../shared/formats/console-api';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/**
 * What a card says, as catalogue keys and their parameters (the card words them): the state line, the last event,
 * the theoretical end. Pure: the facts come from the station's `LiveCandidate`.
 */
export interface Words { key: MessageKey; params?: Record<string, string | number | Date> }

/** The state line: « Pas encore arrivé », « En attente de confirmation », « Question 3 sur 15 », « Suspendu : … »… */
export function stateLine(candidate: LiveCandidate): Words {
  switch (candidate.status) {
    case 'notCheckedIn': return { key: 'board.state.notCheckedIn' };
    case 'waitingForPresence': return { key: 'board.state.waitingForPresence' };
    case 'readyToStart': return { key: 'board.state.readyToStart' };
    case 'inTest': {
      const p = candidate.progress;
      return p ? { key: 'board.state.question', params: { n: currentQuestion(p), total: p.total } } : { key: 'board.state.inTest' };
    }
    case 'suspended': return { key: 'board.state.suspended', params: { cause: suspensionCause(candidate) } };
    case 'waitingForResume': return { key: candidate.resumeExpired ? 'board.state.resumeExpired' : 'board.state.waitingForResume' };
    case 'readyToResume': return { key: 'board.state.readyToResume' };
    case 'completed': return { key: 'board.state.completed' };
    case 'endedByInvigilator': return { key: 'board.state.endedByInvigilator' };
    case 'endedDueToFinalisation': return { key: 'board.state.endedDueToFinalisation' };
  }
}

/** The question on screen, 1-based: the first one not answered (the last one once all are). */
export function currentQuestion(progress: { answered: number; total: number }): number {
  return Math.min(progress.answered + 1, progress.total);
}

/** The cause the kiosk reported (free text from the kiosk, rendered as text), else the signal's kind. */
export function suspensionCause(candidate: LiveCandidate): string {
  return candidate.suspension ? (candidate.suspension.cause || candidate.suspension.kind) : '';
}

/** The latest thing that happened to the pupil that the station tells: a suspension, a warning, the start. */
export function lastEvent(candidate: LiveCandidate): (Words & { at: string }) | null {
  const events: (Words & { at: string })[] = [];
  if (candidate.suspension) events.push({ key: 'board.event.suspended', params: { cause: suspensionCause(candidate), time: new Date(candidate.suspension.at) }, at: candidate.suspension.at });
  if (candidate.lastWarning) events.push({ key: 'board.event.warning', params: { cause: candidate.lastWarning.cause || candidate.lastWarning.kind, time: new Date(candidate.lastWarning.at) }, at: candidate.lastWarning.at });
  if (candidate.startedAt) events.push({ key: 'board.event.started', params: { time: new Date(candidate.startedAt) }, at: candidate.startedAt });
  if (events.length === 0) return null;
  return events.reduce((latest, e) => (Date.parse(e.at) > Date.parse(latest.at) ? e : latest));
}

/** R-GEN-6 — the theoretical end the station computed (the start plus the test's length with the extra time), if started. */
export function theoreticalEnd(candidate: LiveCandidate): Words | null {
  return candidate.theoreticalEndAt ? { key: 'board.theoreticalEnd', params: { time: new Date(candidate.theoreticalEndAt) } } : null;
}

/** Which actions a card offers in this state. */
export interface CardActions { confirmPresence: boolean; authoriseResume: boolean; endTest: boolean; extraTime: boolean; incident: boolean }

export function cardActions(candidate: LiveCandidate): CardActions {
  const s = candidate.status;
  const finished = s === 'completed' || s === 'endedByInvigilator' || s === 'endedDueToFinalisation';
  const started = candidate.startedAt !== null || s === 'inTest' || s === 'suspended' || s === 'waitingForResume' || s === 'readyToResume';
  return {
    confirmPresence: s === 'waitingForPresence',
    authoriseResume: (s === 'waitingForResume' && !candidate.resumeExpired) || s === 'suspended',
    endTest: started && !finished,
    extraTime: !finished,
    // The station refuses an incident before the start (409 testNotStarted).
    incident: started,
  };
}
