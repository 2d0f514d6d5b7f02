import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { AnswerFormat, Tolerances, ValidationChallenge } from '../../formats/challenge';
import { validateAnswer } from './validate-answer';

const RUNS = { numRuns: 200 };
const asciiWord = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
const combiningAccent = fc.integer({ min: 0x300, max: 0x36f }).map((code) => String.fromCharCode(code));
const whiteSpace = fc.constantFrom(' ', '\t', '\n', '\u00A0', '\u202F', '  ');
const tolerances: fc.Arbitrary<Tolerances> = fc.record({ t1: fc.boolean(), t2: fc.boolean(), t3: fc.boolean() });

/** The word with random case, random combining accents after letters and random white space between characters. */
const disguised = (word: string) =>
  fc
    .tuple(
      ...[...word].map((char) =>
        fc.record({
          upper: fc.boolean(),
          accents: /[A-Za-z]/.test(char) ? fc.array(combiningAccent, { maxLength: 2 }) : fc.constant([]),
          space: fc.option(whiteSpace, { nil: '' }),
        }),
      ),
    )
    .map((parts) =>
      parts.map(({ upper, accents, space }, i) => {
        const char = [...word][i] ?? '';
        return (upper ? char.toUpperCase() : char.toLowerCase()) + accents.join('') + space;
      }).join(''),
    );

describe('validation properties', () => {
  it('R-VAL-2 with T1 on, a QROC ignores case, accents and white space (T2 and T3 off)', () => {
    fc.assert(
      fc.property(
        asciiWord.chain((word) => fc.tuple(fc.constant(word), disguised(word), whiteSpace)),
        ([word, answer, around]) => {
          const challenge: ValidationChallenge = { type: 'QROC', solution: { variants: [word] }, tolerances: { t1: true, t2: false, t3: false } };
          return validateAnswer(challenge, { value: around + answer + around }).status === 'ok';
        },
      ),
      RUNS,
    );
  });

  it('R-VAL-2 with T1 on, a QROCM-ind ignores case, accents and white space in every field', () => {
    fc.assert(
      fc.property(
        fc.tuple(asciiWord, asciiWord).chain(([a, b]) => fc.tuple(fc.constant([a, b]), disguised(a), disguised(b))),
        ([[a, b], answerA, answerB]) => {
          const challenge = {
            type: 'QROCM-ind',
            solution: { fields: { a: [a], b: [b] } },
            tolerances: { t1: true, t2: false, t3: false },
          } as ValidationChallenge;
          return validateAnswer(challenge, { values: { a: answerA, b: answerB } }).status === 'ok';
        },
      ),
      RUNS,
    );
  });

  it('R-VAL-3 a QROC variant always validates itself, whatever the tolerances and format', () => {
    const variant = fc
      .tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.stringMatching(/^[a-z0-9]$/), fc.string({ unit: 'binary', maxLength: 20 }))
      .map((parts) => parts.join(''));
    const format = fc.constantFrom<AnswerFormat | undefined>(undefined, 'nombre', 'mots');
    fc.assert(
      fc.property(variant, tolerances, format, (v, t, f) => {
        const challenge = { type: 'QROC', solution: { variants: ['autre', v] }, tolerances: t, format: f } as ValidationChallenge;
        return validateAnswer(challenge, { value: v }).status === 'ok';
      }),
      RUNS,
    );
  });

  it('R-VAL-3 a QCM answered with any permutation of its solution is ok', () => {
    const solution = fc.uniqueArray(fc.integer({ min: 1, max: 9 }).map(String), { minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(
        solution.chain((choices) => fc.tuple(fc.constant(choices), fc.shuffledSubarray(choices, { minLength: choices.length }))),
        ([choices, permutation]) =>
          validateAnswer({ type: 'QCM', solution: { choices } }, { choices: permutation }).status === 'ok',
      ),
      RUNS,
    );
  });

  it('R-VAL-3 a QROCM-dep status does not depend on which field holds which value', () => {
    const groups = [['Paris', 'Lyon'], ['Paris'], ['Nice', 'Lyon']];
    const value = fc.constantFrom('Paris', 'Lyon', 'Nice', 'Rome', '');
    const grid = fc.option(fc.constant({ min: 1, max: 3 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 4 }).chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length }), grid)),
        ([values, shuffled, scoring]) => {
          const challenge: ValidationChallenge = { type: 'QROCM-dep', solution: { groups, scoring } };
          const asFields = (list: string[]) => Object.fromEntries(list.map((v, i) => [`n${i + 1}`, v]));
          return validateAnswer(challenge, { values: asFields(values) }).status === validateAnswer(challenge, { values: asFields(shuffled) }).status;
        },
      ),
      RUNS,
    );
  });
});
