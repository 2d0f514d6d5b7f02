import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORY_CODES } from '../../../shared/certification/incidents';
import { en } from '../../ui/i18n/catalogue-en';
import { fr, type MessageKey } from '../../ui/i18n/catalogue-fr';
import { consoleEn } from '../i18n/catalogue-console-en';
import { consoleFr } from '../i18n/catalogue-console-fr';
import { CATEGORY_CHOICES, categoryGroups, prefilledQuestion, readIncident } from './incident-form';
import { readExtraTime } from './extra-time-field';

// R-INC-1 — the categories in plain French, the question prefilled with the one on the pupil's screen.

const question = (position: number, answered: boolean) => ({
  challengeId: `ch_${position}`, position, questionNumber: position, type: 'QCU' as const, answered, answeredAt: null,
  hasIllustration: false, hasEmbed: false, hasAttachment: false, timed: false, focused: false,
});

describe('the incident categories', () => {
  it('list every R-INC-1 code once, C-codes then E-codes, each with its words in French and English', () => {
    expect(CATEGORY_CHOICES.map((c) => c.code)).toEqual([...INCIDENT_CATEGORY_CODES]);
    const [candidate, onQuestion] = categoryGroups();
    expect(candidate!.choices.every((c) => c.code.startsWith('C') && !c.namesQuestion)).toBe(true);
    expect(onQuestion!.choices.every((c) => c.code.startsWith('E') && c.namesQuestion)).toBe(true);
    const french: Partial<Record<MessageKey, string>> = { ...fr, ...consoleFr };
    const english: Partial<Record<MessageKey, string>> = { ...en, ...consoleEn };
    for (const c of CATEGORY_CHOICES) {
      expect(french[c.key], c.code).toBeTruthy();
      expect(english[c.key], c.code).toBeTruthy();
    }
  });
});

describe('prefilledQuestion', () => {
  it('is the first unanswered question in delivery order, the last once all are answered', () => {
    expect(prefilledQuestion([question(3, false), question(1, true), question(2, false)])).toBe('ch_2');
    expect(prefilledQuestion([question(2, true), question(1, true)])).toBe('ch_2');
    expect(prefilledQuestion([])).toBeNull();
  });
});

describe('readIncident', () => {
  it('asks for a category, then a question for an E-code; a C-code names none', () => {
    expect(readIncident(4, { category: '', challengeId: '', description: '' })).toEqual({ ok: false, problems: [{ field: 'category', key: 'incident.categoryMissing' }] });
    expect(readIncident(4, { category: 'E4', challengeId: '', description: '' })).toEqual({ ok: false, problems: [{ field: 'challengeId', key: 'incident.questionMissing' }] });
    expect(readIncident(4, { category: 'E4', challengeId: 'ch_2', description: ' site en panne ' }))
      .toEqual({ ok: true, value: { candidateId: 4, category: 'E4', challengeId: 'ch_2', description: 'site en panne' } });
    expect(readIncident(4, { category: 'C6', challengeId: 'ch_2', description: '' })).toEqual({ ok: true, value: { candidateId: 4, category: 'C6', description: '' } });
  });
});

describe('readExtraTime (R-SESS-3)', () => {
  it('takes a whole number of percent from 0 to 999', () => {
    expect(readExtraTime('30')).toBe(30);
    expect(readExtraTime(' 30 % ')).toBe(30);
    expect(readExtraTime('0')).toBe(0);
    expect(readExtraTime('999')).toBe(999);
    expect(readExtraTime('1000')).toBeNull();
    expect(readExtraTime('-5')).toBeNull();
    expect(readExtraTime('12,5')).toBeNull();
    expect(readExtraTime('')).toBeNull();
  });
});
