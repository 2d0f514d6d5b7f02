import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../../ui/i18n/translate';
import { liveCandidate } from '../testing/live-candidate';
import { cardActions, lastEvent, stateLine, theoreticalEnd, wordsText, type Words } from './card-facts';
import type { LastEvent } from '../../../shared/formats/console-api';
import { addConsoleWords } from '../i18n/console-words';

addConsoleWords(); // As console/main.tsx does: the console's own words.
beforeAll(() => loadLocale('en'));

// Issue 10 §1 — what each card says, worded by the catalogue (French first).

const say = (w: Words) => wordsText((key, params) => translate('fr', key, params), w);

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
  const AT = '2026-11-23T09:42:00.000Z';
  const time = translate('fr', 'board.theoreticalEnd', { time: new Date(AT) }).replace('Fin théorique : ', '');
  const of = (event: LastEvent) => lastEvent(liveCandidate({ candidateId: 1, status: 'inTest', lastEvent: event }))!;
  const text = (e: LastEvent) => say(of(e));

  it('words the latest event the station recorded, with its time (issue 10 §1)', () => {
    expect(time).toMatch(/^\d\d:\d\d$/);
    expect(text({ kind: 'answered', at: AT, question: 5 })).toBe(`${time} — a répondu à la question 5`);
    expect(text({ kind: 'checkedIn', at: AT })).toBe(`${time} — connexion au poste`);
    expect(text({ kind: 'presenceConfirmed', at: AT })).toBe(`${time} — présence confirmée`);
    expect(text({ kind: 'started', at: AT })).toBe(`${time} — début du test`);
    expect(text({ kind: 'completed', at: AT })).toBe(`${time} — fin du test`);
    expect(text({ kind: 'endedByInvigilator', at: AT })).toBe(`${time} — fin du test`);
    expect(text({ kind: 'extraTimeChanged', at: AT, percent: 33 })).toBe(`${time} — temps majoré porté à 33 %`);
    expect(text({ kind: 'incident', at: AT, category: 'E4', question: 3 })).toBe(`${time} — incident signalé sur la question 3 : Le site à visiter est indisponible`);
    expect(text({ kind: 'incident', at: AT, category: 'C6', question: null })).toBe(`${time} — incident signalé : Suspicion de fraude`);
    // A kiosk's alert: its cause as reported, else its signal in words (never the code « focusLost »); shown in orange.
    expect(text({ kind: 'warning', at: AT, signal: 'focusLost', cause: 'Alt+Tab' })).toBe(`${time} — alerte du poste : Alt+Tab`);
    expect(text({ kind: 'warning', at: AT, signal: 'focusLost', cause: '' })).toBe(`${time} — alerte du poste : la page du test a perdu le focus`);
    expect(of({ kind: 'warning', at: AT, signal: 'networkLost', cause: '' }).warning).toBe(true);
    expect(of({ kind: 'answered', at: AT, question: 1 }).warning).toBe(false);
    expect(lastEvent(liveCandidate({ candidateId: 2 }))).toBeNull();
  });

  it('a suspension says its cause once: in the state line, not again in the last event', () => {
    const c = liveCandidate({ candidateId: 1, status: 'suspended', suspension: { kind: 'focusLost', cause: 'fenêtre quittée', at: AT },
      lastEvent: { kind: 'suspended', at: AT, signal: 'focusLost', cause: 'fenêtre quittée' } });
    expect(say(stateLine(c))).toBe('Suspendu : fenêtre quittée');
    expect(say(lastEvent(c)!)).toBe(`${time} — test suspendu`);
    // No cause reported: the signal in words, not its code.
    expect(say(stateLine({ ...c, suspension: { ...c.suspension!, cause: '' } }))).toBe('Suspendu : la page du test a perdu le focus');
  });

  it('every kind the station sends has its words in both languages', () => {
    const kinds: LastEvent[] = [
      ...(['checkedIn', 'presenceConfirmed', 'started', 'resumed', 'reEntered', 'resumeAuthorised', 'suspensionLifted', 'completed',
        'endedByInvigilator', 'endedDueToFinalisation'] as const).map((kind) => ({ kind, at: AT })),
      { kind: 'suspended', at: AT, signal: 'displayAdded', cause: '' },
    ];
    for (const e of kinds) {
      for (const locale of ['fr', 'en'] as const) {
        const words = wordsText((key, params) => translate(locale, key, params), of(e));
        expect(words).toMatch(/^\d\d:\d\d( [AP]M)? — \S/);
        expect(words).not.toContain('board.');
      }
    }
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
