import { describe, expect, it } from 'vitest';
import { translate } from '../../ui/i18n/translate';
import { liveCandidate } from '../testing/live-candidate';
import { cardActions, lastEvent, stateLine, theoreticalEnd } from './card-facts';
import { addConsoleWords } from '../i18n/console-words';

addConsoleWords(); // As console/main.tsx does: the console's own words.

// Issue 10 §1 — what each card says, worded by the catalogue (French first).

const say = (w: ReturnType<typeof stateLine>) => translate('fr', w.key, w.params);

describe('stateLine', () => {
  it('words each state', () => {
    expect(say(stateLine(liveCandidate({ candidateId: 1 })))).toBe('Pas encore arrivé');
    expect(say(stateLine(liveCandidate({ candidateId: 1, status: 'waitingForPresence' })))).toBe('En attente de confirmation');
    expect(say(stateLine(liveCandidate({ candidateId: 1, status: 'inTest', progress: { answered: 2, total: 15 } })))).toBe('Question 3 sur 15');
    expect(say(stateLine(liveCandidate({ candidateId: 1, status: 'inTest', progress: { answered: 15, total: 15 } })))).toBe('Question 15 sur 15');
    expect(say(stateLine(liveCandidate({ candidateId: 1, status: 'suspended', suspension: { kind: 'focusLost', cause: 'fenêtre quittée (Alt+Tab)', at: '2026-11-23T18:43:46.000Z' } }))))
      .toBe('Suspendu : fenêtre quittée (Alt+Tab)');
    expect(say(stateLine(liveCandidate({ candidateId: 1, status: 'waitingForResume', resumeExpired: true })))).toMatch(/reprise impossible/);
    expect(say(stateLine(liveCandidate({ candidateId: 1, status: 'completed' })))).toBe('Test terminé');
    expect(say(stateLine(liveCandidate({ candidateId: 1, status: 'endedByInvigilator' })))).toBe('Test arrêté par le surveillant');
  });
});

describe('lastEvent and the theoretical end', () => {
  it('is the latest of the start, the warning and the suspension', () => {
    const c = liveCandidate({ candidateId: 1, status: 'inTest', startedAt: '2026-11-23T08:00:00.000Z',
      lastWarning: { kind: 'focusLost', cause: 'fenêtre quittée', at: '2026-11-23T08:10:00.000Z' } });
    expect(lastEvent(c)!.key).toBe('board.event.warning');
    expect(lastEvent({ ...c, lastWarning: { ...c.lastWarning!, at: '2026-11-23T07:00:00.000Z' } })!.key).toBe('board.event.started');
    expect(lastEvent(liveCandidate({ candidateId: 2 }))).toBeNull();
  });
  it('R-GEN-6: the theoretical end only once started', () => {
    expect(theoreticalEnd(liveCandidate({ candidateId: 1 }))).toBeNull();
    const end = theoreticalEnd(liveCandidate({ candidateId: 1, theoreticalEndAt: '2026-11-23T09:45:00.000Z' }))!;
    expect(translate('fr', end.key, end.params)).toMatch(/^Fin théorique : \d\d:\d\d$/);
  });
});

describe('cardActions', () => {
  it('offers what the state allows', () => {
    expect(cardActions(liveCandidate({ candidateId: 1 }))).toEqual({ confirmPresence: false, authoriseResume: false, endTest: false, extraTime: true, incident: false });
    expect(cardActions(liveCandidate({ candidateId: 1, status: 'waitingForPresence' })).confirmPresence).toBe(true);
    const suspended = cardActions(liveCandidate({ candidateId: 1, status: 'suspended', startedAt: '2026-11-23T08:00:00.000Z' }));
    expect(suspended).toMatchObject({ authoriseResume: true, endTest: true, incident: true });
    // R-GEN-6: more than 24 h after the start, no resume: only the end.
    expect(cardActions(liveCandidate({ candidateId: 1, status: 'waitingForResume', resumeExpired: true, startedAt: '2026-11-23T08:00:00.000Z' })))
      .toMatchObject({ authoriseResume: false, endTest: true });
    expect(cardActions(liveCandidate({ candidateId: 1, status: 'completed', startedAt: '2026-11-23T08:00:00.000Z' })))
      .toEqual({ confirmPresence: false, authoriseResume: false, endTest: false, extraTime: false, incident: true });
  });
});
