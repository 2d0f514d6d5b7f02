import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shipped CLI loads each command's module only when that command runs (cli/main.ts): `passation validate`
 * never loads the fixture sources (fixtures/src/, about 6,800 lines), the centre server, SQLite or the PKI.
 * Run for real in a child process, as bin/passation.js runs it; the modules it loaded are read from `require.cache`.
 */
const ROOT = path.join(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-cli-loading-'));

function loadedBy(args: string[]): string[] {
  const script = `
    require('tsx/cjs');
    process.argv = [process.argv[0], 'passation', ...${JSON.stringify(args)}];
    process.on('exit', () => {
      process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n');
    });
    require('./cli/main.ts');`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (line === undefined) throw new Error(`no module list: ${run.stderr}`);
  expect(run.status).toBe(0);
  return (JSON.parse(line.slice('LOADED '.length)) as string[]).map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
}

describe('passation validate loads only what it needs', () => {
  const file = path.join(dir, 'validate.json');
  fs.writeFileSync(file, JSON.stringify([{ challenge: { type: 'QCU', solution: { choice: '2' } }, answer: { choice: '2' } }]));
  const loaded = loadedBy(['validate', file]);

  it('runs cli/main.ts and the validation rules (the probe sees what it should)', () => {
    expect(loaded).toContain('cli/main.ts');
    expect(loaded).toContain('cli/commands.ts');
    expect(loaded.some((f) => f.startsWith('shared/certification/validation/'))).toBe(true);
  });

  it('never loads the fixture sources, the centre server, the station command nor their heavy dependencies', () => {
    const forbidden = loaded.filter((f) => f.startsWith('fixtures/src/') || f.startsWith('electron/')
      || f === 'cli/station-command.ts' || f === 'cli/centre-commands.ts' || f === 'cli/demo.ts'
      || /^node_modules\/(fastify|better-sqlite3|node-forge|@fastify|ws|jszip)\//.test(f));
    expect(forbidden).toEqual([]);
  });
});

describe('the probe fires', () => {
  it('the demo, which reads the fixture paths, loads fixtures/paths.ts but not fixtures/src/', () => {
    // `demo-pki` needs no server: it loads the centre commands and the fixture paths.
    const loaded = loadedBy(['demo-pki', path.join(dir, 'pki')]);
    expect(loaded).toContain('cli/centre-commands.ts');
    expect(loaded).toContain('fixtures/paths.ts');
    expect(loaded.filter((f) => f.startsWith('fixtures/src/'))).toEqual([]);
  });
});
