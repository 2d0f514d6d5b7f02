import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** One file of the built kiosk (dist/kiosk/), raw and gzipped (zlib, level 9). */
export interface SizedFile {
  /** Its path under dist/kiosk/ (as served under /kiosk/). */
  file: string;
  bytes: number;
  gzBytes: number;
}

export interface KioskSizes {
  js: SizedFile[];
  css: SizedFile[];
  /** dist/kiosk/service-worker.js, apart: the browser runs it beside the page, not as the page's JS. */
  serviceWorker: SizedFile | null;
  /** Sum of the page's JS files gzipped, in kB (1 kB = 1000 bytes, as Vite reports them). */
  jsKbGz: number;
  cssKbGz: number;
}

export const SERVICE_WORKER = 'service-worker.js';

/** The screens served by the station, each under its own path (bench:console measures the console the same way). */
export type ScreenBase = '/kiosk/' | '/console/';

/** The files index.html itself loads (module scripts, style sheets, module preloads), as paths under `base`. */
export function entryFiles(indexHtml: string, base: ScreenBase = '/kiosk/'): string[] {
  const found: string[] = [];
  for (const tag of indexHtml.matchAll(/<(script|link)\b[^>]*>/g)) {
    const html = tag[0];
    const url = /\b(?:src|href)="([^"]+)"/.exec(html)?.[1];
    if (!url) continue;
    if (tag[1] === 'link' && !/\brel="(stylesheet|modulepreload)"/.test(html)) continue;
    found.push(url);
  }
  return found.map((url) => kioskFile(url, base));
}

/** `/kiosk/assets/x.js` (or a full URL) → `assets/x.js`; the console's with `base` '/console/'. */
export function kioskFile(url: string, base: ScreenBase = '/kiosk/'): string {
  const pathname = url.startsWith('/') ? url : new URL(url).pathname;
  if (!pathname.startsWith(base)) {
    throw new Error(`« ${url} » n’est pas une adresse ${base === '/kiosk/' ? 'du poste candidat' : 'de la console'} (${base}…)`);
  }
  return decodeURIComponent(pathname.slice(base.length));
}

function sized(distDir: string, file: string): SizedFile {
  const full = path.join(distDir, file);
  if (!fs.existsSync(full)) throw new Error(`${full} manque : la page l’a chargé mais il n’est pas dans le build (lancez npm run build:screens)`);
  const body = fs.readFileSync(full);
  return { file, bytes: body.length, gzBytes: zlib.gzipSync(body, { level: 9 }).length };
}

const kb = (files: SizedFile[]) => Math.round(files.reduce((s, f) => s + f.gzBytes, 0) / 100) / 10;

/**
 * The kiosk's JS and CSS as the page loads them (`files`: paths under /kiosk/, e.g. from entryFiles and the
 * responses the page received), each measured from `distDir` (dist/kiosk/); the service worker apart.
 */
export function kioskSizes(distDir: string, files: readonly string[]): KioskSizes {
  const unique = [...new Set(files)].filter((f) => f !== SERVICE_WORKER).sort();
  const js = unique.filter((f) => f.endsWith('.js')).map((f) => sized(distDir, f));
  const css = unique.filter((f) => f.endsWith('.css')).map((f) => sized(distDir, f));
  const serviceWorker = fs.existsSync(path.join(distDir, SERVICE_WORKER)) ? sized(distDir, SERVICE_WORKER) : null;
  return { js, css, serviceWorker, jsKbGz: kb(js), cssKbGz: kb(css) };
}
