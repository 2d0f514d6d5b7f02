import { describe, expect, it } from 'vitest';
import type { Answer, ValidationChallenge } from '../../formats/challenge';
import { validateAnswer } from './validate-answer';

const status = (challenge: ValidationChallenge, answer: Answer) => validateAnswer(challenge, answer).status;
const qroc = (variants: string[], extra: Partial<ValidationChallenge> = {}): ValidationChallenge =>
  ({ type: 'QROC', solution: { variants }, ...extra }) as ValidationChallenge;

describe('README examples of passation validate', () => {
  it.each<[string, ValidationChallenge, Answer]>([
    ['QCU', { type: 'QCU', solution: { choice: '2' } }, { choice: '2' }],
    ['QCM', { type: 'QCM', solution: { choices: ['1', '3'] } }, { choices: ['3', '1'] }],
    ['QROC', { type: 'QROC', solution: { variants: ['Paris', 'paris'] } }, { value: 'paris ' }],
    ['QROCM-ind', { type: 'QROCM-ind', solution: { fields: { a: ['x', 'y'], b: ['z'] } } }, { values: { a: 'x', b: 'z' } }],
    [
      'QROCM-dep with grid',
      { type: 'QROCM-dep', solution: { groups: [['Google'], ['Yahoo', 'Yahoo!']], scoring: { min: 1, max: 2 } } },
      { values: { n1: 'yahoo', n2: 'google' } },
    ],
    ['QROCM-dep without grid', { type: 'QROCM-dep', solution: { groups: [['Google'], ['Yahoo', 'Yahoo!']] } }, { values: { n1: 'yahoo', n2: 'google' } }],
  ])('R-VAL-3 %s gives ok', (_, challenge, answer) => {
    expect(status(challenge, answer)).toBe('ok');
  });
  it.each<ValidationChallenge>([
    { type: 'QCU', solution: { choice: '2' } },
    { type: 'QCM', solution: { choices: ['1'] } },
    qroc(['Paris']),
    { type: 'QROCM-ind', solution: { fields: { a: ['x'] } } },
    { type: 'QROCM-dep', solution: { groups: [['x']] } },
  ])('R-VAL-4 {"skipped": true} gives aband ($type)', (challenge) => {
    expect(status(challenge, { skipped: true })).toBe('aband');
  });
});

describe('QCU and QCM', () => {
  const qcu: ValidationChallenge = { type: 'QCU', solution: { choice: '2' } };
  const qcm: ValidationChallenge = { type: 'QCM', solution: { choices: ['1', '3'] } };
  it('R-VAL-3 QCU: same option is ok, another is ko', () => {
    expect(status(qcu, { choice: '2' })).toBe('ok');
    expect(status(qcu, { choice: '3' })).toBe('ko');
  });
  it('R-VAL-3 QCM: same set in any order, duplicates ignored', () => {
    expect(status(qcm, { choices: ['3', '1'] })).toBe('ok');
    expect(status(qcm, { choices: ['1', '3', '1'] })).toBe('ok');
  });
  it('R-VAL-3 QCM: a subset or a superset is ko', () => {
    expect(status(qcm, { choices: ['1'] })).toBe('ko');
    expect(status(qcm, { choices: ['1', '2', '3'] })).toBe('ko');
  });
});

describe('R-VAL-3 an answer with no filled field is ko', () => {
  it.each<[ValidationChallenge, Answer]>([
    [{ type: 'QCU', solution: { choice: '1' } }, { choice: '' }],
    [{ type: 'QCM', solution: { choices: ['1'] } }, { choices: [] }],
    [{ type: 'QCM', solution: { choices: ['1'] } }, { choices: ['', ' '] }],
    [qroc(['Paris']), { value: ' \u00A0\t' }],
    [{ type: 'QROCM-ind', solution: { fields: { a: ['x'] } } }, { values: {} }],
    [{ type: 'QROCM-dep', solution: { groups: [['x']], scoring: { min: 0, max: 1 } } }, { values: { n1: ' ' } }],
  ])('%j / %j', (challenge, answer) => {
    expect(status(challenge, answer)).toBe('ko');
  });
});

describe('R-VAL-3 an answer of the wrong shape is ko', () => {
  it.each<[ValidationChallenge, Answer]>([
    [qroc(['2']), { choice: '2' }],
    [{ type: 'QCU', solution: { choice: '2' } }, { value: '2' }],
    [{ type: 'QCM', solution: { choices: ['2'] } }, { choice: '2' }],
    [{ type: 'QROCM-ind', solution: { fields: { a: ['x'] } } }, { value: 'x' }],
    [{ type: 'QROCM-dep', solution: { groups: [['x']] } }, { choices: ['x'] }],
  ])('%j / %j', (challenge, answer) => {
    expect(status(challenge, answer)).toBe('ko');
  });
});

describe('QROC and the tolerances', () => {
  // Variant "Été": "ete" needs T1, "Été ?!" needs T2, "Étés" needs T3 (1 / 4 = 0.25, the boundary).
  it.each([
    [true, true, true, 'ok', 'ok', 'ok'],
    [true, true, false, 'ok', 'ok', 'ko'],
    [true, false, true, 'ok', 'ko', 'ok'],
    [true, false, false, 'ok', 'ko', 'ko'],
    [false, true, true, 'ko', 'ok', 'ok'],
    [false, true, false, 'ko', 'ok', 'ko'],
    [false, false, true, 'ko', 'ko', 'ok'],
    [false, false, false, 'ko', 'ko', 'ko'],
  ])('R-VAL-2 t1=%s t2=%s t3=%s', (t1, t2, t3, needsT1, needsT2, needsT3) => {
    const challenge = qroc(['Été'], { tolerances: { t1, t2, t3 } });
    expect(status(challenge, { value: 'Été' })).toBe('ok');
    expect(status(challenge, { value: 'ete' })).toBe(needsT1);
    expect(status(challenge, { value: 'Été ?!' })).toBe(needsT2);
    expect(status(challenge, { value: 'Étés' })).toBe(needsT3);
  });
  it('R-VAL-2 all tolerances are on when absent', () => {
    expect(status(qroc(['Été']), { value: ' ÉTÉS !' })).toBe('ok');
  });
  it('R-VAL-2 T3 accepts exactly 0.25 and refuses just over', () => {
    expect(status(qroc(['abcdefgh']), { value: 'abcdefXY' })).toBe('ok'); // 2 / 8
    expect(status(qroc(['abcdefg']), { value: 'abcdeXY' })).toBe('ko'); // 2 / 7
  });
  it('R-VAL-2 T3 takes the best variant', () => {
    expect(status(qroc(['Marseille', 'Lyon']), { value: 'Lyom' })).toBe('ok');
  });
  it('R-VAL-1 NFC: a decomposed answer matches a composed variant with every tolerance off', () => {
    const strict = { tolerances: { t1: false, t2: false, t3: false } };
    expect(status(qroc(['No\u00EBl'], strict), { value: 'Noe\u0308l' })).toBe('ok');
    expect(status(qroc(['a b'], strict), { value: 'a\u00A0b' })).toBe('ok');
    expect(status(qroc(['a b'], strict), { value: 'a\u202Fb' })).toBe('ok');
    expect(status(qroc(['a b'], strict), { value: 'a  b' })).toBe('ko');
  });
});

describe('QROC in format nombre', () => {
  const nombre = (variants: string[]) => qroc(variants, { format: 'nombre' });
  it.each([
    ['3,5', '3.5'],
    ['3.50', '3,5'],
    ['1 000', '1000'],
    ['1\u202F000,0', '1000'],
    ['+12', '12'],
    ['-0', '0'],
    ['0012', '12'],
    [',5', '0.5'],
    ['12345678901234567890', '12345678901234567890'],
  ])('R-VAL-3 %j equals %j as numbers', (answer, variant) => {
    expect(status(nombre([variant]), { value: answer })).toBe('ok');
  });
  it('R-VAL-3 numbers that differ are ko, even when T3 would accept them as text', () => {
    expect(status(nombre(['1000']), { value: '1001' })).toBe('ko');
    expect(status(nombre(['12345678901234567890']), { value: '12345678901234567891' })).toBe('ko');
    expect(status(qroc(['1000']), { value: '1001' })).toBe('ok'); // not nombre: text, 1 / 4
  });
  it('R-VAL-3 a non-numeric side is compared as text', () => {
    expect(status(nombre(['trois']), { value: 'Trois' })).toBe('ok');
    expect(status(nombre(['3']), { value: 'trois' })).toBe('ko');
    expect(status(nombre(['1.000,5']), { value: '1.000,5' })).toBe('ok');
  });
});

describe('QROCM-ind', () => {
  const challenge: ValidationChallenge = { type: 'QROCM-ind', solution: { fields: { a: ['Paris'], b: ['Rome', 'Roma'] } } };
  it('R-VAL-3 every field matching its own variants is ok, with per-field results', () => {
    expect(validateAnswer(challenge, { values: { a: 'paris', b: 'roma' } })).toEqual({ status: 'ok', fields: { a: true, b: true } });
  });
  it('R-VAL-3 one wrong field is ko and says which', () => {
    expect(validateAnswer(challenge, { values: { a: 'Rome', b: 'Rome' } })).toEqual({ status: 'ko', fields: { a: false, b: true } });
  });
  it('R-VAL-3 a missing field is ko', () => {
    expect(validateAnswer(challenge, { values: { a: 'Paris' } })).toEqual({ status: 'ko', fields: { a: true, b: false } });
  });
  it('R-VAL-2 tolerances apply to every field', () => {
    const strict = { ...challenge, tolerances: { t1: false, t2: false, t3: false } } as ValidationChallenge;
    expect(status(strict, { values: { a: 'paris', b: 'Rome' } })).toBe('ko');
    expect(status(strict, { values: { a: 'Paris', b: 'Rome' } })).toBe('ok');
  });
});

describe('select blocks', () => {
  const ind: ValidationChallenge = {
    type: 'QROCM-ind',
    proposals: 'Couleur : ${c options=["Rouge", "Vert clair"]} Ville : ${v}',
    solution: { fields: { c: ['Vert clair'], v: ['Paris'] } },
  };
  it('R-VAL-2 a select block is compared exactly, without T1, T2 or T3', () => {
    expect(status(ind, { values: { c: 'Vert clair', v: 'paris' } })).toBe('ok');
    expect(validateAnswer(ind, { values: { c: 'vert clair', v: 'paris' } }).fields).toEqual({ c: false, v: true });
    expect(status(ind, { values: { c: 'Vertclair', v: 'paris' } })).toBe('ko');
    expect(status(ind, { values: { c: 'Vert clai', v: 'paris' } })).toBe('ko');
    expect(status(ind, { values: { c: 'Vert clair ', v: 'paris' } })).toBe('ko');
  });
  it('R-VAL-1 a select block is still pre-treated', () => {
    expect(status(ind, { values: { c: 'Vert\u00A0clair', v: 'paris' } })).toBe('ok');
  });
  it('R-VAL-2 a QROC whose one block is a select is compared exactly', () => {
    const challenge = qroc(['Oui'], { proposals: 'Vrai ? ${r options=["Oui","Non"]}' });
    expect(status(challenge, { value: 'Oui' })).toBe('ok');
    expect(status(challenge, { value: 'oui' })).toBe('ko');
  });
  it('R-VAL-2 a QROCM-dep select is compared exactly', () => {
    const dep: ValidationChallenge = {
      type: 'QROCM-dep',
      proposals: '${a options=["Oui","Non"]} ${b}',
      solution: { groups: [['Oui'], ['Paris']] },
    };
    expect(status(dep, { values: { a: 'Oui', b: 'paris' } })).toBe('ok');
    expect(status(dep, { values: { a: 'oui', b: 'paris' } })).toBe('ko');
  });
});

describe('QROCM-dep', () => {
  const groups = [['Google'], ['Yahoo', 'Yahoo!'], ['Bing']];
  const noGrid: ValidationChallenge = { type: 'QROCM-dep', solution: { groups } };
  const grid: ValidationChallenge = { type: 'QROCM-dep', solution: { groups, scoring: { min: 1, max: 3 } } };
  it('R-VAL-3 without grid: ok when every value is good', () => {
    expect(validateAnswer(noGrid, { values: { n1: 'bing', n2: 'yahoo!', n3: 'Google' } })).toEqual({
      status: 'ok',
      fields: { n1: true, n2: true, n3: true },
    });
    expect(status(noGrid, { values: { n1: 'bing', n2: 'yahoo' } })).toBe('ok');
    expect(status(noGrid, { values: { n1: 'bing', n2: 'Qwant' } })).toBe('ko');
  });
  it('R-VAL-3 a group counts once', () => {
    expect(validateAnswer(noGrid, { values: { n1: 'Google', n2: 'google' } })).toEqual({
      status: 'ko',
      fields: { n1: true, n2: false },
    });
    expect(status(grid, { values: { n1: 'Google', n2: 'google', n3: 'GOOGLE' } })).toBe('partially');
    expect(status(grid, { values: { n1: 'Yahoo', n2: 'Yahoo!', n3: 'Google' } })).toBe('partially');
  });
  it('R-VAL-3 with grid: good ≥ max → ok, ≥ min → partially, else ko', () => {
    expect(status(grid, { values: { n1: 'Google', n2: 'Bing', n3: 'Yahoo' } })).toBe('ok');
    expect(status(grid, { values: { n1: 'Google', n2: 'Bing', n3: 'Qwant' } })).toBe('partially');
    expect(status(grid, { values: { n1: 'Google', n2: 'Ecosia', n3: 'Qwant' } })).toBe('partially');
    expect(status(grid, { values: { n1: 'Lycos', n2: 'Ecosia', n3: 'Qwant' } })).toBe('ko');
  });
  it('R-VAL-3 with grid min 0, a filled wrong answer is partially', () => {
    const lenient: ValidationChallenge = { type: 'QROCM-dep', solution: { groups, scoring: { min: 0, max: 2 } } };
    expect(status(lenient, { values: { n1: 'Lycos' } })).toBe('partially');
  });
  it('R-VAL-3 the count does not depend on field order (maximum matching, not first come)', () => {
    const overlapping: ValidationChallenge = { type: 'QROCM-dep', solution: { groups: [['Paris', 'Lyon'], ['Paris']] } };
    // A greedy pass would give n1 "Paris" the first group and leave "Lyon" without one.
    expect(status(overlapping, { values: { n1: 'Paris', n2: 'Lyon' } })).toBe('ok');
    expect(status(overlapping, { values: { n1: 'Lyon', n2: 'Paris' } })).toBe('ok');
    expect(status(overlapping, { values: { n2: 'Paris', n1: 'Lyon' } })).toBe('ok');
    expect(status(overlapping, { values: { n1: 'Paris', n2: 'Paris' } })).toBe('ok');
    expect(status(overlapping, { values: { n1: 'Lyon', n2: 'Lyon' } })).toBe('ko');
  });
  it('R-VAL-3 an empty field is never good', () => {
    expect(validateAnswer(noGrid, { values: { n1: 'Google', n2: '' } })).toEqual({ status: 'ko', fields: { n1: true, n2: false } });
  });
  it('R-VAL-3 blocks of the proposals left out of the answer are empty fields', () => {
    const withProposals = { ...noGrid, proposals: '${n1} ${n2#moteur} ${n3}' } as ValidationChallenge;
    expect(validateAnswer(withProposals, { values: { n1: 'Google', n2: 'Bing' } })).toEqual({
      status: 'ko',
      fields: { n1: true, n2: true, n3: false },
    });
    const withGrid = { ...grid, proposals: '${n1} ${n2} ${n3}' } as ValidationChallenge;
    expect(status(withGrid, { values: { n1: 'Google', n2: 'Bing' } })).toBe('partially');
  });
});
