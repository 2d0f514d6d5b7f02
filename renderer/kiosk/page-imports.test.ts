import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Issue 8 §5 and « Proof » (JS ≤ 150 kB gzipped) — what the kiosk page is made of, from its entry point
// (renderer/kiosk/main.tsx), followed through every import as a bundler does (esbuild's metafile; CSS and
// assets left out). The instruction arrives as a typed tree (shared/formats/kiosk-instruction.ts): the page
// holds no markdown parser, no HTML sanitiser, no entity decoder and not the station's converter. The lint rule
// refuses a direct import from renderer/; this catches one through any other module.

const ROOT = path.resolve(__dirname, '..', '..');

async function pageInputs(): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['renderer/kiosk/main.tsx'],
    bundle: true, write: false, metafile: true, outdir: path.join(ROOT, '.tmp', 'kiosk-imports'), format: 'esm', jsx: 'automatic',
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty', '.woff2': 'empty' }, logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the kiosk page’s imports', () => {
  it('no markdown, no HTML sanitiser, no entity decoder, not the station’s converter — the tree’s schema and its view', async () => {
    const inputs = await pageInputs();
    expect(inputs.length).toBeGreaterThan(50);
    expect(inputs.filter((file) => /node_modules\/(marked|dompurify|entities)\/|kiosk-instruction-markdown/.test(file))).toEqual([]);
    expect(inputs).toContain('shared/formats/kiosk-instruction.ts');
    expect(inputs).toContain('renderer/kiosk/challenge/instruction-view.tsx');
    expect(inputs.some((file) => file.includes('node_modules/react-dom/'))).toBe(true);
  });
});
