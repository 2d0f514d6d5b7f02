import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Test support: poppler's `pdfsig` and `pdftotext` (apt poppler-utils; .ci/run installs it) as independent
 * oracles for the signed PDFs (signpdf cannot verify). Not used by the application.
 */
export interface PdfCheck {
  dir: string;
  /** `pdfsig FILE`: its output and status. */
  pdfsig(pdf: Uint8Array): { status: number | null; out: string };
  /** `pdftotext -layout FILE -`, or in reading order (`layout` false: a wrapped cell's lines follow each other). */
  pdftotext(pdf: Uint8Array, layout?: boolean): string;
  remove(): void;
}

export function pdfCheck(): PdfCheck {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-pdf-'));
  let n = 0;
  const write = (pdf: Uint8Array) => {
    const file = path.join(dir, `document-${n++}.pdf`);
    fs.writeFileSync(file, pdf);
    return file;
  };
  return {
    dir,
    pdfsig(pdf) {
      const run = spawnSync('pdfsig', [write(pdf)], { encoding: 'utf8' });
      return { status: run.status, out: `${run.stdout}${run.stderr}` };
    },
    pdftotext(pdf, layout = true) {
      const run = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), write(pdf), '-'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`pdftotext : ${run.stderr}`);
      return run.stdout;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
