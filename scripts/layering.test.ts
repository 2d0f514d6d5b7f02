import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
