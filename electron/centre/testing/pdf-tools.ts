import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Test support: poppler's `pdfsig`, `pdftotext` and `pdftoppm` (apt poppler-utils; .ci/run installs it) as independent
 * oracles for the signed PDFs (signpdf cannot verify). Not used by the application.
 */
export interface PdfCheck {
  dir: string;
  /** `pdfsig FILE`: its output and status. */
  pdfsig(pdf: Uint8Array): { status: number | null; out: string };
  /** `pdftotext -layout FILE -`, or in reading order (`layout` false: a wrapped cell's lines follow each other). */
  pdftotext(pdf: Uint8Array, layout?: boolean): string;
  /** `pdftoppm -png`: each page as poppler draws it (PNG bytes), at `dpi`. */
  pdftoppm(pdf: Uint8Array, dpi?: number): Buffer[];
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
    pdftoppm(pdf, dpi = 72) {
      const file = write(pdf);
      const prefix = `${file}-page`;
      const run = spawnSync('pdftoppm', ['-png', '-r', String(dpi), file, prefix], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`pdftoppm : ${run.stderr}`);
      // prefix-1.png, prefix-2.png… (numbers padded to the page count's width)
      const pages = fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.png'))
        .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]));
      return pages.map((f) => fs.readFileSync(path.join(dir, f)));
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
