import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The `passation` command, run for real as a child process, as an auditor would. */
const BIN = path.join(__dirname, '..', 'bin', 'passation.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-cli-'));
const write = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('passation validate', () => {
  it('R-VAL-3: prints one status per element, in order (the README examples)', () => {
    const file = write('validate.json', [
      { challenge: { type: 'QCU', solution: { choice: '2' } }, answer: { choice: '2' } },
      { challenge: { type: 'QCM', solution: { choices: ['1', '3'] } }, answer: { choices: ['3', '1'] } },
      { challenge: { type: 'QROC', solution: { variants: ['Paris', 'paris'] } }, answer: { value: 'paris ' } },
      { challenge: { type: 'QROCM-ind', solution: { fields: { a: ['x', 'y'], b: ['z'] } } }, answer: { values: { a: 'x', b: 'z' } } },
      { challenge: { type: 'QROCM-dep', solution: { groups: [['Google'], ['Yahoo', 'Yahoo!']], scoring: { min: 1, max: 2 } } }, answer: { values: { n1: 'yahoo', n2: 'google' } } },
      { challenge: { type: 'QROC', solution: { variants: ['Paris'] }, format: 'phrase' }, answer: { value: 'paris' } },
      { challenge: { type: 'QCU', solution: { choice: '2' } }, answer: { choice: '1' } },
      { challenge: { type: 'QROCM-dep', solution: { groups: [['Google'], ['Yahoo']], scoring: { min: 1, max: 2 } } }, answer: { values: { n1: 'google', n2: 'bing' } } },
      { challenge: { type: 'QCU', solution: { choice: '2' } }, answer: { skipped: true } },
    ]);
    const result = run('validate', file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ko', 'partially', 'aband']);
  });

  it('refuses a bad element with a non-zero exit, naming the index and the field', () => {
    const file = write('bad.json', [
      { challenge: { type: 'QCU', solution: { choice: '2' } }, answer: { choice: '2' } },
      { challenge: { type: 'QCU', solution: { choices: ['2'] } }, answer: { choice: '2' } },
    ]);
    const result = run('validate', file);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('[1].challenge.solution');
  });

  it('names the line and column of a JSON syntax error', () => {
    const result = run('validate', write('syntax.json', '[\n  {"challenge": }\n]'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ligne 2, colonne \d+/);
  });
});

describe('passation score', () => {
  it('R-SCORE-5: scores each input, in order', () => {
    // 5 competences × 3 QCU challenges; 1.1 gets 2 right of 3, the others 3 of 3: 14/15 → rate 93 (≥ 80): every action is V.
    const competences = ['1.1', '2.1', '3.1', '4.1', '5.1'].map((code, i) => ({ code, estimatedLevel: 2 + (i % 2), pixScore: 17 + 8 * (i % 2) }));
    const challenges = competences.flatMap((c) => [0, 1, 2].map((k) => ({
      id: `${c.code}-${k}`, competence: c.code, type: 'QCU', neutralized: false, autoSkipped: false, status: c.code === '1.1' && k === 0 ? 'ko' : 'ok',
    })));
    const file = write('score.json', [{ maxLevel: 5, competences, challenges, abortReason: null, fraud: false }, { maxLevel: 5, competences, challenges, abortReason: null, fraud: true }]);
    const result = run('score', file);
    expect(result.stderr).toBe('');
    const [first, second] = JSON.parse(result.stdout);
    expect(first.status).toBe('validated');
    expect(first.reproducibilityRate).toBe(93);
    expect(first.pix).toBe(17 + 25 + 17 + 25 + 17);
    expect(first.competences[0]).toEqual({ code: '1.1', level: 2, pix: 17, challenges: 3, correct: 2, neutralized: 0 });
    expect(second.status).toBe('rejected');
  });

  it('R-SCORE-5: two QROCM-dep in a competence of 2 (4 weighted challenges) print error with the competence and its three counts', () => {
    const competences = ['1.1', '2.1', '3.1', '4.1', '5.1'].map((code) => ({ code, estimatedLevel: 2, pixScore: 17 }));
    const challenges = competences.flatMap((c) => (c.code === '2.1' ? ['ok', 'partially'] : ['ok', 'ok', 'ok']).map((status, k) => ({
      id: `${c.code}-${k}`, competence: c.code, type: c.code === '2.1' ? 'QROCM-dep' : 'QCU', neutralized: false, autoSkipped: false, status,
    })));
    const result = run('score', write('score-dep.json', [{ maxLevel: 5, competences, challenges, abortReason: null, fraud: false }]));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [only] = JSON.parse(result.stdout);
    expect(only).toMatchObject({ status: 'error', pix: 0, competences: [] });
    expect(only.reason).toMatch(/^R-SCORE-5 : aucune règle de la table pour la compétence 2\.1 : 4 épreuves proposées, 3 réponses correctes et 0 épreuves neutralisées/);
  });

  it('refuses an input with a bad status, naming it', () => {
    const file = write('score-bad.json', [{ maxLevel: 5, competences: [], challenges: [{ id: 'c', competence: '1.1', type: 'QCU', neutralized: false, autoSkipped: false, status: 'bon' }], abortReason: null, fraud: false }]);
    const result = run('score', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('[0].challenges[0].status');
  });
});

describe('passation generate', () => {
  const content = path.join(__dirname, '..', 'fixtures', 'content', 'content-package.json');
  const profiles = path.join(__dirname, '..', 'fixtures', 'profiles', 'profile-package.json');

  it('R-GEN-4: the same seed prints the same test, byte for byte', () => {
    const args = ['generate', '--content', content, '--profile', profiles, '--pupil', 'INE-0006', '--seed', '42'];
    const a = execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    const b = execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    expect(b).toBe(a);
    const test = JSON.parse(a);
    expect(test.seed).toBe(42);
    expect(test.challenges).toHaveLength(48); // 16 competences at level 5 × 3
  });

  it('R-PROF-3: refuses a non-certifiable pupil with the reason', () => {
    const result = run('generate', '--content', content, '--profile', profiles, '--pupil', 'INE-0001', '--seed', '1');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('4 compétences sur 5 au niveau 1');
  });

  it('explains a missing option', () => {
    const result = run('generate', '--content', content);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--seed');
  });
});
