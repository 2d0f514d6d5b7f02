import { describe, expect, it } from 'vitest';
import type { AnswerStatus } from '../formats/challenge';
import {
  applyFinalisationRules,
  checkFinalisation,
  questionNumbers,
  type FinalisationChallenge,
  type FinalisationInput,
  type IncidentReport,
} from './finalisation';
import type { IncidentCategory } from './incidents';

describe('R-FIN-1 checkFinalisation', () => {
  it('R-FIN-1 accepts completed tests without reason and unfinished ones with a reason', () => {
    expect(checkFinalisation({ finalised: false, tests: [
      { candidateId: 'a', state: 'completed', abortReason: null },
      { candidateId: 'b', state: 'started', abortReason: 'candidate' },
      { candidateId: 'c', state: 'endedByInvigilator', abortReason: 'technical' },
      { candidateId: 'd', state: 'endedDueToFinalisation', abortReason: 'candidate' },
    ] })).toEqual({ ok: true });
  });

  it('R-FIN-1 refuses an already finalised session', () => {
    expect(checkFinalisation({ finalised: true, tests: [{ candidateId: 'a', state: 'completed', abortReason: null }] }))
      .toEqual({ ok: false, errors: [{ code: 'SESSION_ALREADY_FINALISED', message: 'La session est déjà finalisée.' }] });
  });

  it('R-FIN-1 refuses a session where nobody started', () => {
    const result = checkFinalisation({ finalised: false, tests: [] });
    expect(result.ok === false && result.errors.map((e) => e.code)).toEqual(['NO_CANDIDATE_STARTED']);
  });

  it('R-FIN-1 refuses a missing abort reason on every unfinished state and a reason on a completed test, naming each candidate', () => {
    const result = checkFinalisation({ finalised: false, tests: [
      { candidateId: 'c-1', state: 'started', abortReason: null },
      { candidateId: 'c-2', state: 'endedByInvigilator', abortReason: null },
      { candidateId: 'c-3', state: 'endedDueToFinalisation', abortReason: null },
      { candidateId: 'c-4', state: 'completed', abortReason: 'technical' },
      { candidateId: 'c-5', state: 'completed', abortReason: null },
    ] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.candidateId, e.code])).toEqual([
      ['c-1', 'ABORT_REASON_MISSING'], ['c-2', 'ABORT_REASON_MISSING'], ['c-3', 'ABORT_REASON_MISSING'], ['c-4', 'ABORT_REASON_FOR_COMPLETED_TEST'],
    ]);
    expect(result.errors[0]!.message).toBe('Candidat c-1 : test non terminé, indiquez la raison de l’abandon (abandon du candidat ou problème technique).');
    expect(result.errors[3]!.message).toBe('Candidat c-4 : le test est terminé, il ne peut pas avoir de raison d’abandon.');
  });
});

type Facts = Partial<Pick<FinalisationChallenge, 'hasIllustration' | 'hasEmbed' | 'hasAttachment' | 'timed' | 'focused'>>;
/** A challenge answered at minute `minute` (null = unanswered). */
function q(id: string, status: AnswerStatus | null, minute: number | null, facts: Facts = {}): FinalisationChallenge {
  return {
    id, competence: '1.1', type: 'QCU', status,
    answeredAt: minute === null ? null : `2024-05-02T10:${String(minute).padStart(2, '0')}:00Z`,
    hasIllustration: false, hasEmbed: false, hasAttachment: false, timed: false, focused: false, ...facts,
  };
}

function finalise(challenges: FinalisationChallenge[], incidents: IncidentReport[], abortReason: FinalisationInput['abortReason'] = null) {
  return applyFinalisationRules({ challenges, incidents, abortReason });
}

describe('R-INC-1 question numbers', () => {
  it('R-INC-1 chronological answer order, ties by delivery order, then unanswered in delivery order', () => {
    const challenges = [q('a', 'ok', 5), q('b', 'ko', 1), q('c', null, null), q('d', 'ok', 1), q('e', 'aband', 3), q('f', null, null)];
    // b (10:01), d (10:01, delivered after b), e (10:03), a (10:05), then c, f.
    expect(questionNumbers(challenges)).toEqual([4, 1, 5, 2, 3, 6]);
  });

  it('R-INC-1 compares instants, not strings (offsets)', () => {
    const nineUtc = { ...q('y', 'ok', 0), answeredAt: '2024-05-02T09:00:00Z' };
    const eightUtc = { ...q('x', 'ok', 0), answeredAt: '2024-05-02T10:00:00+02:00' };
    expect(questionNumbers([nineUtc, eightUtc])).toEqual([2, 1]);
  });

  it('R-INC-1 an E-code acts on the question number, not the delivery position', () => {
    const { challenges, effects } = finalise([q('a', 'ko', 5), q('b', 'ko', 1)], [{ category: 'E4', questionNumber: 1 }]);
    expect(challenges.map((c) => c.neutralized)).toEqual([false, true]);
    expect(effects).toEqual([{ challengeId: 'b', questionNumber: 1, category: 'E4', effect: 'neutralized', reason: 'E4 : question neutralisée (réponse « ko »)' }]);
  });
});

describe('R-FIN-2 abort reasons', () => {
  const test = [q('a', 'ok', 1), q('b', null, null), q('c', 'ko', 2), q('d', null, null)];

  it('R-FIN-2 candidate → every unanswered challenge is auto-skipped', () => {
    const { challenges, effects } = finalise(test, [], 'candidate');
    expect(challenges.map((c) => [c.id, c.status, c.autoSkipped, c.neutralized])).toEqual([
      ['a', 'ok', false, false], ['b', null, true, false], ['c', 'ko', false, false], ['d', null, true, false],
    ]);
    expect(effects.map((e) => [e.challengeId, e.questionNumber, e.category, e.effect])).toEqual([['b', 3, 'R-FIN-2', 'autoSkipped'], ['d', 4, 'R-FIN-2', 'autoSkipped']]);
  });

  it('R-FIN-2 technical → every unanswered challenge is neutralised', () => {
    const { challenges, effects } = finalise(test, [], 'technical');
    expect(challenges.map((c) => [c.id, c.autoSkipped, c.neutralized])).toEqual([['a', false, false], ['b', false, true], ['c', false, false], ['d', false, true]]);
    expect(effects.map((e) => e.reason)).toEqual(Array(2).fill('R-FIN-2 : problème technique, question sans réponse neutralisée'));
  });

  it('R-FIN-2 no abort reason (completed test) → nothing changes', () => {
    expect(finalise(test, [])).toEqual({ challenges: test.map((c) => ({ id: c.id, competence: '1.1', type: 'QCU', status: c.status, neutralized: false, autoSkipped: false })), effects: [] });
  });
});

describe('R-INC-1 / R-INC-2 incident effects', () => {
  const effectOf = (challenge: FinalisationChallenge, category: IncidentCategory, abortReason: FinalisationInput['abortReason'] = null) => {
    const result = finalise([challenge], [{ category, questionNumber: 1 }], abortReason);
    const effect = result.effects[result.effects.length - 1];
    return { effect: effect?.effect, reason: effect?.reason, challenge: result.challenges[0]! };
  };

  it('R-INC-1 E1/E2 neutralise when the challenge has an illustration or an embed, else none', () => {
    expect(effectOf(q('a', 'ko', 1, { hasIllustration: true }), 'E1').effect).toBe('neutralized');
    expect(effectOf(q('a', 'aband', 1, { hasEmbed: true }), 'E1').effect).toBe('neutralized');
    expect(effectOf(q('a', 'ko', 1, { hasEmbed: true }), 'E2').effect).toBe('neutralized');
    expect(effectOf(q('a', 'ko', 1, { hasAttachment: true }), 'E2')).toMatchObject({ effect: 'none', reason: 'E2 : la question n’a ni image ni simulateur, rien à neutraliser' });
  });

  it('R-INC-1 E3 neutralises when the challenge has an attachment, else none', () => {
    expect(effectOf(q('a', 'ko', 1, { hasAttachment: true }), 'E3').effect).toBe('neutralized');
    expect(effectOf(q('a', 'ko', 1, { hasIllustration: true }), 'E3').effect).toBe('none');
  });

  it.each(['E4', 'E5', 'E9', 'E11', 'E12'] as const)('R-INC-1 %s neutralises a ko answer', (category) => {
    const { effect, challenge } = effectOf(q('a', 'ko', 1), category);
    expect(effect).toBe('neutralized');
    expect(challenge).toMatchObject({ neutralized: true, status: 'ko' });
  });

  it('R-INC-1 E8 neutralises only a timed challenge', () => {
    expect(effectOf(q('a', 'ko', 1, { timed: true }), 'E8').effect).toBe('neutralized');
    expect(effectOf(q('a', 'ko', 1), 'E8')).toMatchObject({ effect: 'none', reason: 'E8 : la question n’est pas chronométrée, rien à neutraliser' });
  });

  it('R-INC-1 E10 on a focused challenge: focusedOut becomes ok, aband is neutralised, ko is kept', () => {
    expect(effectOf(q('a', 'focusedOut', 1, { focused: true }), 'E10')).toMatchObject({ effect: 'validated', challenge: { status: 'ok', neutralized: false } });
    expect(effectOf(q('a', 'aband', 1, { focused: true }), 'E10')).toMatchObject({ effect: 'neutralized', challenge: { status: 'aband', neutralized: true } });
    expect(effectOf(q('a', 'ko', 1, { focused: true }), 'E10')).toMatchObject({ effect: 'none', challenge: { status: 'ko', neutralized: false } });
  });

  it('R-INC-1 E10 on a challenge that is not focused changes nothing', () => {
    expect(effectOf(q('a', 'focusedOut', 1), 'E10')).toMatchObject({ effect: 'none', challenge: { status: 'focusedOut' } });
  });

  it.each(['ok', 'partially', 'timedout', 'focusedOut'] as const)('R-INC-2 neutralising leaves a %s answer as it is (effect none)', (status) => {
    const { effect, reason, challenge } = effectOf(q('a', status, 1, { hasIllustration: true, timed: true }), 'E4');
    expect(effect).toBe('none');
    expect(reason).toBe(`E4 : R-INC-2, seules les réponses « ko » ou abandonnées sont neutralisées ; la réponse « ${status} » est conservée`);
    expect(challenge).toMatchObject({ status, neutralized: false, autoSkipped: false });
  });

  it('R-INC-2 an auto-skipped challenge counts as abandoned: E4 and E10 neutralise it', () => {
    expect(effectOf(q('a', null, null), 'E4', 'candidate')).toMatchObject({ effect: 'neutralized', challenge: { autoSkipped: true, neutralized: true } });
    expect(effectOf(q('a', null, null, { focused: true }), 'E10', 'candidate')).toMatchObject({ effect: 'neutralized' });
  });

  it('R-INC-2 an already neutralised challenge, or one still unanswered, is left as it is', () => {
    expect(effectOf(q('a', null, null), 'E4', 'technical')).toMatchObject({ effect: 'none', reason: 'E4 : question déjà neutralisée' });
    expect(effectOf(q('a', null, null), 'E4')).toMatchObject({ effect: 'none', challenge: { neutralized: false } });
  });

  it('R-INC-1 an E-code with a missing or out-of-range question number has no effect, with the reason', () => {
    const { challenges, effects } = finalise([q('a', 'ko', 1), q('b', 'ko', 2)], [
      { category: 'E4' }, { category: 'E4', questionNumber: 0 }, { category: 'E5', questionNumber: 3 }, { category: 'E9', questionNumber: 1.5 },
    ]);
    expect(challenges.every((c) => !c.neutralized)).toBe(true);
    expect(effects.map((e) => [e.challengeId, e.questionNumber, e.effect, e.reason])).toEqual([
      [null, null, 'none', 'E4 : numéro de question manquant'],
      [null, 0, 'none', 'E4 : la question n° 0 n’existe pas (le test compte 2 questions)'],
      [null, 3, 'none', 'E5 : la question n° 3 n’existe pas (le test compte 2 questions)'],
      [null, 1.5, 'none', 'E9 : la question n° 1.5 n’existe pas (le test compte 2 questions)'],
    ]);
  });

  it('R-INC-1 C-codes have no automatic effect and leave no effect line', () => {
    const categories = ['C1', 'C2', 'C4', 'C6', 'C7', 'C8'] as const;
    const result = finalise([q('a', 'ko', 1)], categories.map((category) => ({ category, questionNumber: 1 })));
    expect(result.effects).toEqual([]);
    expect(result.challenges[0]).toMatchObject({ status: 'ko', neutralized: false });
  });

  it('R-INC-1 incidents apply in order: E4 then E10 on a focusedOut answer gives none, then ok', () => {
    const { challenges, effects } = finalise([q('a', 'focusedOut', 1, { focused: true })], [{ category: 'E4', questionNumber: 1 }, { category: 'E10', questionNumber: 1 }]);
    expect(effects.map((e) => e.effect)).toEqual(['none', 'validated']);
    expect(challenges[0]).toMatchObject({ status: 'ok', neutralized: false });
  });
});
