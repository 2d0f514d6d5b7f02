import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from './answer-check';
import { ROOT, SCRIPTS } from './child-processes';
import { isHumanPaced } from './load-generator';
import { percentile } from './load-recorder';
import { letterSuffix } from './synthetic-roster';

/** Runs one of the npm scripts' entry points; resolves with its exit code and stdout. */
function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(SCRIPTS, script), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('the load tools at a tiny size (issue 3, R-VAL-4: an acknowledged answer is stored exactly once)', () => {
  it('bench:station and chaos:station end with their JSON line: nothing lost, nothing doubled, every chain valid', async () => {
    const [bench, chaos] = await Promise.all([
      run('bench-station.ts', ['--kiosks', '5', '--duration', '3', '--raw-seconds', '1']),
      run('chaos-station.ts', ['--kills', '2', '--kiosks', '5', '--min-gap', '1', '--max-gap', '1.5', '--tail', '1']),
    ]);
    expect(bench.code, bench.stderr).toBe(0);
    const b = lastLine(bench.stdout);
    expect(Object.keys(b)).toEqual(['kiosks', 'answersPerSecond', 'p50Ms', 'p95Ms', 'p99Ms', 'lost', 'rssMb', 'rawCommitsPerSecond', 'ratio']);
    expect(b.kiosks).toBe(5);
    expect(b.lost).toBe(0);
    for (const key of ['answersPerSecond', 'p50Ms', 'p95Ms', 'p99Ms', 'rssMb', 'rawCommitsPerSecond', 'ratio']) {
      expect(typeof b[key], key).toBe('number');
      expect(b[key] as number, key).toBeGreaterThan(0);
    }
    expect(bench.stdout).toContain('Latence requête → accusé');

    expect(chaos.code, chaos.stderr).toBe(0);
    const c = lastLine(chaos.stdout);
    expect(Object.keys(c)).toEqual(['kills', 'acknowledged', 'lost', 'duplicated', 'chainsValid']);
    expect(c.kills).toBe(2);
    expect(c.acknowledged as number).toBeGreaterThan(0);
    expect(c.lost).toBe(0);
    expect(c.duplicated).toBe(0);
    expect(c.chainsValid).toBe(true);
  }, 45_000);
});

describe('checkAnswers: what the kiosks were told against the database', () => {
  it('counts an acknowledged answer missing or stored with another acknowledgement as lost, and extra copies as duplicated', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-answer-check-'));
    const file = path.join(dir, 'centre.sqlite');
    const db = new Database(file);
    // Only what checkAnswers reads; no UNIQUE constraint, so that a doubled answer can be written.
    db.exec(`CREATE TABLE tests (id INTEGER PRIMARY KEY, candidate_id INTEGER);
      CREATE TABLE answers (id INTEGER PRIMARY KEY, test_id INTEGER, challenge_id TEXT, client_answer_id TEXT, ack TEXT);
      INSERT INTO tests VALUES (1, 10), (2, 20);
      INSERT INTO answers (test_id, challenge_id, client_answer_id, ack) VALUES
        (1, 'ch_a', 'c10-ch_a', '{"a":1}'), (1, 'ch_b', 'c10-ch_b', '{"b":1}'), (2, 'ch_a', 'c20-ch_a', '{"a":2}'), (2, 'ch_a', 'c20-ch_a', '{"a":2}');`);
    db.close();
    try {
      const result = checkAnswers(file, [
        { candidateId: 10, challengeId: 'ch_a', clientAnswerId: 'c10-ch_a', ack: '{"a":1}' },
        { candidateId: 10, challengeId: 'ch_a', clientAnswerId: 'c10-ch_a', ack: '{"a":1}' },
        { candidateId: 10, challengeId: 'ch_b', clientAnswerId: 'c10-ch_b', ack: '{"b":"autre"}' },
        { candidateId: 10, challengeId: 'ch_c', clientAnswerId: 'c10-ch_c', ack: '{"c":1}' },
        { candidateId: 20, challengeId: 'ch_a', clientAnswerId: 'c20-ch_a', ack: '{"a":2}' },
      ]);
      expect(result).toMatchObject({ acknowledged: 4, lost: 2, duplicated: 1, stored: 4 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('small helpers', () => {
  it('percentile is the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 10)]).toEqual([5, 10, 10, 1]);
    expect(percentile([], 99)).toBe(0);
  });

  it('one kiosk in ten is human-paced, spread evenly', () => {
    const human = Array.from({ length: 20 }, (_, i) => i).filter((i) => isHumanPaced(i, 0.1));
    expect(human).toEqual([9, 19]);
  });

  it('name suffixes are letters only and distinct', () => {
    expect([letterSuffix(0), letterSuffix(1), letterSuffix(26), letterSuffix(17_576)]).toEqual(['Aaa', 'Aab', 'Aba', 'Baaa']);
  });
});
