import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Each layer typechecks alone (tsconfig.<layer>.json, run by `npm run typecheck`): this test runs the real `tsc`
 * with each layer's options on a probe file, so a config change that lets shared/ see Node or the DOM, or the
 * Node layers see the DOM, fails here; and it checks that every TypeScript file of the project is in some layer.
 */
const ROOT = path.join(__dirname, '..');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');
const LAYERS = ['shared', 'renderer', 'node', 'electron', 'e2e'] as const;

// Probes live in a folder of the project root (so that `types: ["node"]` resolves from node_modules/@types) that
// no layer includes: each probe config extends a layer's config and checks only its probe file.
const PROBES = fs.mkdtempSync(path.join(ROOT, '.layer-probe-'));
afterAll(() => fs.rmSync(PROBES, { recursive: true, force: true }));

const PROBE = [
  'export const node = process.env.HOME;',
  'export const dom = document.title;',
  'export const shared = [1, 2].at(-1);',
].join('\n');

/** The diagnostics of `tsc` on the probe with `layer`'s options. */
function typecheckProbe(layer: typeof LAYERS[number]): string {
  const dir = fs.mkdtempSync(path.join(PROBES, `${layer}-`));
  fs.writeFileSync(path.join(dir, 'probe.ts'), PROBE);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: `../../tsconfig.${layer}.json`, include: ['probe.ts'], exclude: [] }));
  const run = spawnSync(TSC, ['-p', path.join(dir, 'tsconfig.json'), '--noEmit'], { cwd: ROOT, encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

const cannotFind = (name: string) => new RegExp(`probe\\.ts\\(\\d+,\\d+\\): error TS\\d+: Cannot find name '${name}'`);

describe('each layer config refuses what its layer must not use', () => {
  it('shared/: neither Node (process) nor the DOM (document)', () => {
    const out = typecheckProbe('shared');
    expect(out).toMatch(cannotFind('process'));
    expect(out).toMatch(cannotFind('document'));
    expect(out.match(/error TS/g)).toHaveLength(2);
  });

  it('renderer/: the DOM, not Node', () => {
    const out = typecheckProbe('renderer');
    expect(out).toMatch(cannotFind('process'));
    expect(out).not.toMatch(cannotFind('document'));
    expect(out.match(/error TS/g)).toHaveLength(1);
  });

  it('electron/centre/, platform/, cli/, scripts/, fixtures/ and electron/kiosk/, electron/station/: Node, not the DOM', () => {
    for (const layer of ['node', 'electron'] as const) {
      const out = typecheckProbe(layer);
      expect(out).toMatch(cannotFind('document'));
      expect(out).not.toMatch(cannotFind('process'));
      expect(out.match(/error TS/g)).toHaveLength(1);
    }
  });

  it('e2e/: Node and the DOM', () => {
    expect(typecheckProbe('e2e')).toBe('');
  });
});

describe('every TypeScript file of the project is checked by some layer', () => {
  it('each tracked .ts, .tsx or .mts file is listed by at least one layer config', () => {
    const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx', '*.mts'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n').filter((f) => f !== '' && !f.startsWith('.layer-probe-'));
    expect(tracked.length).toBeGreaterThan(100);
    const checked = new Set<string>();
    for (const layer of [...LAYERS, 'renderer-tests', 'renderer-worker']) {
      const files = execFileSync(TSC, ['-p', `tsconfig.${layer}.json`, '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
      for (const file of files.split('\n')) if (file !== '') checked.add(path.relative(ROOT, file).split(path.sep).join('/'));
    }
    expect(tracked.filter((f) => !checked.has(f))).toEqual([]);
  });
});
