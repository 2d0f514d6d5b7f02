import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { centreLayerViolations, fileViolations } from './centre-layers';

/**
 * The layering rule (style.md, architecture §1) is enforced by the lint configuration: this test runs the real
 * oxlint with the project's .oxlintrc.json on probe files, so a config change that stops catching a bad import fails here.
 */
const ROOT = path.join(__dirname, '..');
const OXLINT = path.join(ROOT, 'node_modules', '.bin', 'oxlint');

function lint(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-layering-'));
  fs.copyFileSync(path.join(ROOT, '.oxlintrc.json'), path.join(dir, '.oxlintrc.json'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const result = spawnSync(OXLINT, ['-c', '.oxlintrc.json', '--deny-warnings', '.'], { cwd: dir, encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

describe('layering lint rule', () => {
  it('fails when shared/ imports Node, the DOM or Electron', () => {
    const out = lint({
      'shared/a.ts': "import fs from 'node:fs';\nexport const a = fs;\n",
      'shared/b.ts': "import { app } from 'electron';\nexport const b = app;\n",
      'shared/c.ts': 'export const c = () => document.title;\n',
      'shared/d.ts': "import path from 'path';\nexport const d = path;\n",
    });
    expect(out).toContain("'node:fs' import is restricted");
    expect(out).toContain("'electron' import is restricted");
    expect(out).toContain("Unexpected use of 'document'");
    expect(out).toContain("'path' import is restricted");
  });

  it('fails when electron/centre/ or platform/ imports electron', () => {
    const out = lint({
      'electron/centre/a.ts': "import { app } from 'electron';\nexport const a = app;\n",
      'platform/b.ts': "import { safeStorage } from 'electron';\nexport const b = safeStorage;\n",
    });
    expect(out.match(/'electron' import is restricted/g)).toHaveLength(2);
  });

  it('lets electron/kiosk/ import electron and shared/ import pure packages', () => {
    const out = lint({
      'electron/kiosk/a.ts': "import { app } from 'electron';\nexport const a = app;\n",
      'shared/ok.ts': "import { z } from 'zod';\nexport const ok = z.string();\n",
    });
    expect(out).toContain('Found 0 warnings and 0 errors');
  });
});

describe('folder order inside electron/centre/ (scripts/centre-layers.ts)', () => {
  function plant(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-centre-layers-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }
  const run = (dir: string) => spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'scripts', 'check-centre-layers.ts'), dir], { cwd: ROOT, encoding: 'utf8' });

  it('passes on the real tree', () => {
    expect(centreLayerViolations(path.join(ROOT, 'electron', 'centre'))).toEqual([]);
  });

  it('fails on a planted back-import, naming the file, the line and the layers', () => {
    const dir = plant({
      'records/store.ts': "import type { X } from '../storage/database';\nimport { y } from '../delivery/kiosk-routes';\nexport const z = y;\n",
      'storage/database.ts': 'export type X = number;\n',
      'delivery/kiosk-routes.ts': "import { a } from '../records/store';\nexport const y = a;\n",
    });
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'records/store.ts')}:2 : « records » ne peut pas importer « delivery »`);
    expect(result.stderr).toContain('1 import(s) à contre-sens');
  });

  it('refuses a folder missing from the table, an import of the composition root or of testing/', () => {
    const violations = [
      ...fileViolations('newfolder/a.ts', 'export const a = 1;\n'),
      ...fileViolations('server/b.ts', "import { createCentreServer } from '../centre-server';\n"),
      ...fileViolations('delivery/c.ts', "export { startHarness } from '../testing/test-harness';\n"),
      ...fileViolations('auth/d.ts', "const lazy = () => import('../supervision/live-state');\n"),
    ];
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringContaining('« newfolder » n’est pas dans la table'),
      expect.stringContaining('importe la racine de composition'),
      expect.stringContaining('importe testing/'),
      expect.stringContaining('« auth » ne peut pas importer « supervision »'),
    ]);
  });

  it('lets the root, testing/ and test files import anything, and any file import shared/', () => {
    expect([
      ...fileViolations('centre-server.ts', "import { x } from './delivery/kiosk-routes';\n"),
      ...fileViolations('testing/test-server.ts', "import { x } from '../centre-server';\n"),
      ...fileViolations('storage/db.test.ts', "import { x } from '../testing/test-server';\n"),
      ...fileViolations('storage/db.ts', "import { x } from '../../../shared/formats/common';\n"),
    ]).toEqual([]);
  });
});
