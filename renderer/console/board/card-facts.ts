import type { LiveCandidate } from '../../../shared/formats/console-api';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/**
 * What a card says, as catalogue keys and their parameters (the card words them): the state line, the last event,
 * the theoretical end. Pure: the facts come from the station's `LiveCandidate`.
 */
export interface Words {
  key: MessageKey;
  params?: Record<string, string | number | Date>;
  /** Parameters that are themselves catalogue words (an incident's category, a signal's kind): the card words them first. */
  words?: Record<string, MessageKey>;
}

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
    // The cause is said here and only here: the last event of a suspension says when, not why again.
    case 'suspended': return suspensionCause(candidate);
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

/** « Suspendu : » and the cause the kiosk reported (free text, rendered as text), else its signal in words. */
function suspensionCause(candidate: LiveCandidate): Words {
  const s = candidate.suspension;
  if (s?.cause) return { key: 'board.state.suspended', params: { cause: s.cause } };
  return s ? { key: 'board.state.suspended', words: { cause: `suspension.${s.kind}` as MessageKey } } : { key: 'board.state.suspended', params: { cause: '' } };
}

/**
 * Issue 10 §1 — the latest thing the station recorded about the pupil (`lastEvent`), with its time: « 10:42 — a
 * répondu à la question 5 ». Null before anything happened. `warning` marks a kiosk's alert (shown in orange).
 */
export function lastEvent(candidate: LiveCandidate): (Words & { warning: boolean }) | null {
  const e = candidate.lastEvent;
  if (!e) return null;
  const time = new Date(e.at);
  switch (e.kind) {
    case 'answered': return { key: 'board.lastEvent.answered', params: { time, n: e.question }, warning: false };
    case 'warning': return e.cause
      ? { key: 'board.lastEvent.warning', params: { time, cause: e.cause }, warning: true }
      : { key: 'board.lastEvent.warning', params: { time }, words: { cause: `suspension.${e.signal}` as MessageKey }, warning: true };
    case 'incident': return e.question === null
      ? { key: 'board.lastEvent.incident', params: { time }, words: { category: `incident.${e.category}` as MessageKey }, warning: false }
      : { key: 'board.lastEvent.incidentOnQuestion', params: { time, n: e.question }, words: { category: `incident.${e.category}` as MessageKey }, warning: false };
    case 'extraTimeChanged': return { key: 'board.lastEvent.extraTimeChanged', params: { time, percent: e.percent }, warning: false };
    default: return { key: `board.lastEvent.${e.kind}`, params: { time }, warning: false };
  }
}

/** The words of `w` in the current language (`say` is the card's `useTranslate()`), nested words first. */
export function wordsText(say: (key: MessageKey, params?: Record<string, string | number | Date>) => string, w: Words): string {
  const nested = w.words ? Object.fromEntries(Object.entries(w.words).map(([name, key]) => [name, say(key)])) : {};
  return say(w.key, { ...w.params, ...nested });
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
