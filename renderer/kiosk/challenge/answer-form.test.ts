import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preTreat, validateAnswer } from '../../../shared/certification/validation';
import { Answer, type ValidationChallenge } from '../../../shared/formats/challenge';
import type { Challenge } from '../../../shared/formats/content-package';
import { answerFormFor, answerFrom, EMPTY_STATE, fieldsOf, isEmptyAnswer, setFieldValue, toggleChoice, type AnswerForm, type FormState } from './answer-form';

// R-CHAL-2, R-VAL-3 — the form a challenge shows and the answer it makes, judged by the station's own validator
// (shared/certification/validation), not by a copy of this module's logic.

const CONTENT = path.resolve(__dirname, '../../../fixtures/content/content-package.json');
const challenges = (JSON.parse(fs.readFileSync(CONTENT, 'utf8')) as { challenges: Challenge[] }).challenges;

/** The pupil fills the form with the first accepted variant of each field, choosing it from a select's options. */
function rightState(challenge: Challenge, form: AnswerForm): FormState {
  const type = (value: string, key: string): string => {
    const field = fieldsOf(form).find((f) => f.key === key);
    if (field?.kind !== 'select') return value;
    const option = field.options.find((o) => preTreat(o) === preTreat(value));
    if (option === undefined) throw new Error(`${challenge.id}: « ${value} » n’est pas une option de ${key}`);
    return option;
  };
  const keys = form.kind === 'fields' ? form.keys : [];
  let state = EMPTY_STATE;
  switch (challenge.type) {
    case 'QCU': return toggleChoice(form, state, challenge.solution.choice, true);
    case 'QCM':
      for (const choice of challenge.solution.choices) state = toggleChoice(form, state, choice, true);
      return state;
    case 'QROC': return setFieldValue(state, keys[0]!, type(challenge.solution.variants[0]!, keys[0]!));
    case 'QROCM-ind':
      for (const [key, variants] of Object.entries(challenge.solution.fields)) {
        expect(keys, `${challenge.id}: a field for every key of the solution`).toContain(key);
        state = setFieldValue(state, key, type(variants[0]!, key));
      }
      return state;
    case 'QROCM-dep':
      keys.forEach((key, i) => {
        const group = challenge.solution.groups[i];
        if (group) state = setFieldValue(state, key, type(group[0]!, key));
      });
      return state;
  }
}

describe('the answer form of every demo challenge (fixtures/content)', () => {
  it('has the five types, and some selects and placeholders among them', () => {
    expect(new Set(challenges.map((c) => c.type))).toEqual(new Set(['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep']));
    const fields = challenges.flatMap((c) => fieldsOf(answerFormFor(c)));
    expect(fields.some((f) => f.kind === 'select')).toBe(true);
    expect(fields.some((f) => f.kind === 'input' && f.placeholder !== undefined)).toBe(true);
  });

  it.each(challenges.map((c) => [c.id, c] as const))('%s: the right inputs make an answer the shared validator judges ok', (_id, challenge) => {
    const form = answerFormFor(challenge);
    const state = rightState(challenge, form);
    expect(isEmptyAnswer(form, state)).toBe(false);
    const answer = answerFrom(form, state);
    expect(Answer.safeParse(answer).success).toBe(true);
    expect(validateAnswer(challenge as ValidationChallenge, answer).status).toBe('ok');
    // And an untouched form is empty, which the validator judges ko.
    expect(isEmptyAnswer(form, EMPTY_STATE)).toBe(true);
    expect(validateAnswer(challenge as ValidationChallenge, answerFrom(form, EMPTY_STATE)).status).toBe('ko');
  });
});

describe('answerFormFor', () => {
  it('QCU/QCM: one option per line, valued "1".."n" as solutions are', () => {
    const form = answerFormFor({ type: 'QCM', proposals: '- Qwant\n\nWikipédia\n  Google  ', format: 'mots' });
    expect(form).toEqual({ kind: 'multiple', options: [{ value: '1', text: 'Qwant' }, { value: '2', text: 'Wikipédia' }, { value: '3', text: 'Google' }] });
  });

  it('QROCM: inputs, placeholders and selects inside the text, each labelled by the words of its line', () => {
    const form = answerFormFor({ type: 'QROCM-ind', proposals: 'rapport.odt : ${f1 options=["texte","image"]}\nLa capitale est ${ville#une ville}.\n${n} km', format: 'petit' });
    expect(form.kind === 'fields' && form.segments).toEqual([
      { kind: 'text', text: 'rapport.odt : ' },
      { kind: 'select', key: 'f1', options: ['texte', 'image'], label: 'rapport.odt', index: 0 },
      { kind: 'text', text: '\nLa capitale est ' },
      { kind: 'input', key: 'ville', placeholder: 'une ville', label: 'La capitale est', index: 1 },
      { kind: 'text', text: '.\n' },
      { kind: 'input', key: 'n', label: 'km', index: 2 },
      { kind: 'text', text: ' km' },
    ]);
    expect(form.kind === 'fields' && form.keys).toEqual(['f1', 'ville', 'n']);
  });

  it('QROC: only the first field is shown (the validator reads that one); without a block, one field after the text', () => {
    const two = answerFormFor({ type: 'QROC', proposals: 'A ${a} B ${b}', format: 'mots' });
    expect(fieldsOf(two).map((f) => f.key)).toEqual(['a']);
    const none = answerFormFor({ type: 'QROC', proposals: 'Votre réponse :', format: 'paragraphe' });
    expect(fieldsOf(none)).toEqual([{ kind: 'input', key: 'reponse', label: 'Votre réponse', index: 0 }]);
    expect(none.kind === 'fields' && none.long).toBe(true);
    expect(answerFrom(none, setFieldValue(EMPTY_STATE, 'reponse', 'Un texte.'))).toEqual({ value: 'Un texte.' });
  });

  it('a malformed block stays text (the shared parser is total)', () => {
    const form = answerFormFor({ type: 'QROCM-dep', proposals: 'a ${ b ${c options=[]} ${ok}', format: 'mots' });
    expect(fieldsOf(form).map((f) => f.key)).toEqual(['ok']);
  });

  it('a key used twice is one value, shown in both fields', () => {
    const form = answerFormFor({ type: 'QROCM-ind', proposals: '${a} et encore ${a}', format: 'mots' });
    expect(fieldsOf(form).map((f) => f.key)).toEqual(['a', 'a']);
    expect(answerFrom(form, setFieldValue(EMPTY_STATE, 'a', 'x'))).toEqual({ values: { a: 'x' } });
  });
});

// Random proposals: text with input and select blocks, as authors write them.
const blockKey = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
const proposalsText = fc.array(fc.oneof(
  fc.string({ maxLength: 12 }).filter((s) => !s.includes('${')),
  fc.constantFrom('\n', ' : ', 'Réponse : '),
  blockKey.map((k) => `\${${k}}`),
  fc.tuple(blockKey, fc.string({ maxLength: 8 }).filter((s) => !/[}\n]/.test(s))).map(([k, p]) => `\${${k}#${p}}`),
  fc.tuple(blockKey, fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 })).map(([k, o]) => `\${${k} options=${JSON.stringify(o)}}`),
), { maxLength: 10 }).map((parts) => parts.join(''));
const typed = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', ' ', '\u00a0', '\u202f\t', ' x ', 'é', 'e\u0301'));
const noTolerance = { t1: false, t2: false, t3: false };

describe('properties against the shared validator', () => {
  it('QROC: empty exactly when the validator, with the typed text as the only variant, still says ko', () => {
    fc.assert(fc.property(proposalsText, typed, fc.constantFrom('mots', 'phrase', 'paragraphe', 'petit') , (proposals, value, format) => {
      const form = answerFormFor({ type: 'QROC', proposals, format });
      const key = form.kind === 'fields' ? form.keys[0]! : '';
      const state = setFieldValue(EMPTY_STATE, key, value);
      const answer = answerFrom(form, state);
      expect(Answer.safeParse(answer).success).toBe(true);
      expect(answer).toEqual({ value });
      const challenge: ValidationChallenge = { type: 'QROC', proposals, format, tolerances: noTolerance, solution: { variants: [value] } };
      const field = fieldsOf(form)[0]!;
      if (field.kind === 'select') return; // a select holds one of its options: covered by the fixtures
      expect(validateAnswer(challenge, answer).status === 'ok').toBe(!isEmptyAnswer(form, state));
    }), { numRuns: 300 });
  });

  it('QCU/QCM: empty exactly when nothing is chosen; what is chosen is what the validator compares', () => {
    const lines = fc.array(fc.string({ maxLength: 10 }).filter((s) => s.trim() !== '' && !/[\r\n]/.test(s)), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(lines, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (options, picks, multiple) => {
      const proposals = options.join('\n');
      const form = answerFormFor({ type: multiple ? 'QCM' : 'QCU', proposals, format: 'mots' });
      let state = EMPTY_STATE;
      const count = form.kind === 'fields' ? 0 : form.options.length;
      for (const pick of picks) state = toggleChoice(form, state, String((pick % count) + 1), pick % 3 !== 0);
      const answer = answerFrom(form, state);
      expect(Answer.safeParse(answer).success).toBe(true);
      const chosen = 'choice' in answer ? [answer.choice].filter((c) => c !== '') : 'choices' in answer ? answer.choices : [];
      expect(chosen.length === 0).toBe(isEmptyAnswer(form, state));
      if (chosen.length === 0) return;
      const challenge: ValidationChallenge = multiple
        ? { type: 'QCM', proposals, solution: { choices: [...chosen].reverse() } }
        : { type: 'QCU', proposals, solution: { choice: chosen[0]! } };
      expect(validateAnswer(challenge, answer).status).toBe('ok');
      if (!multiple) expect(chosen.length).toBe(1);
    }), { numRuns: 300 });
  });

  it('QROCM: one value per block key; empty ⇒ ko even against a solution that is exactly what was typed; all filled ⇒ ok', () => {
    fc.assert(fc.property(proposalsText, fc.array(typed, { maxLength: 10 }), fc.constantFrom('QROCM-ind' as const, 'QROCM-dep' as const), (proposals, texts, type) => {
      const form = answerFormFor({ type, proposals, format: 'mots' });
      if (form.kind !== 'fields' || form.keys.length === 0) return;
      const fields = fieldsOf(form);
      let state = EMPTY_STATE;
      form.keys.forEach((key, i) => {
        const field = fields.find((f) => f.key === key)!;
        const text = texts[i] ?? '';
        state = setFieldValue(state, key, field.kind === 'select' ? (field.options[text.length % field.options.length] ?? '') : text);
      });
      const answer = answerFrom(form, state);
      expect(Answer.safeParse(answer).success).toBe(true);
      expect('values' in answer && Object.keys(answer.values)).toEqual(form.keys);
      const values = 'values' in answer ? answer.values : {};
      const challenge: ValidationChallenge = type === 'QROCM-ind'
        ? { type, proposals, format: 'mots', tolerances: noTolerance, solution: { fields: Object.fromEntries(form.keys.map((k) => [k, [values[k]!]])) } }
        : { type, proposals, format: 'mots', tolerances: noTolerance, solution: { groups: form.keys.map((k) => [values[k]!]) } };
      const status = validateAnswer(challenge, answer).status;
      if (isEmptyAnswer(form, state)) expect(status).toBe('ko');
      const allFilled = form.keys.every((k) => preTreat(values[k]!).trim() !== '');
      if (allFilled) expect(status).toBe('ok');
    }), { numRuns: 300 });
  });
});
