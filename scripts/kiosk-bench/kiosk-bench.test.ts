import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { answerLatencies, percentile, summarise, type PageMark } from './answer-latency';
import { entryFiles, kioskFile, kioskSizes } from './kiosk-size';

// bench:kiosk's parts, quickly, so that they do not rot between runs (the bench itself drives Chromium: too long for
// the unit tests). No timing is asserted.

describe('percentiles (nearest rank)', () => {
  it('known values: 1…100 has p50 50, p95 95; one value is every percentile', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 100)).toBe(100);
    expect(summarise([7.5])).toEqual({ n: 1, p50: 7.5, p95: 7.5, max: 7.5 });
    expect(summarise([10, 40, 20, 30])).toEqual({ n: 4, p50: 20, p95: 40, max: 40 });
  });

  it('is one of the values, between min and max, at least p % of them at or below it, and grows with p', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 200 }),
      fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (values, p, q) => {
        const v = percentile(values, p);
        expect(values).toContain(v);
        expect(values.filter((x) => x <= v).length).toBeGreaterThanOrEqual(Math.ceil((p / 100) * values.length));
        expect(values.filter((x) => x < v).length).toBeLessThan(Math.ceil((p / 100) * values.length));
        if (p <= q) expect(v).toBeLessThanOrEqual(percentile(values, q));
      }));
  });

  it('refuses no values and a percentile outside ]0, 100], in French', () => {
    expect(() => percentile([], 50)).toThrow('aucune mesure');
    expect(() => percentile([1], 0)).toThrow('n’est pas dans ]0, 100]');
    expect(() => percentile([1], 101)).toThrow('n’est pas dans ]0, 100]');
  });
});

const mark = (name: string, startTime: number): PageMark => ({ name: `passation:${name}`, startTime });

describe('the answers’ latencies from the page’s marks', () => {
  it('pairs each answer with the next painted mark, splits it at kept and rendered, and leaves the others out', () => {
    const marks = [
      mark('rendered', 95), mark('painted', 100), // question 1 shown: no answer before it
      mark('answer', 1000), mark('kept', 1004), mark('rendered', 1010), mark('painted', 1016), // → the next question
      mark('answer', 2000), mark('kept', 2003), mark('rendered', 2009), mark('painted', 2020), // → a timed warning
      mark('rendered', 2500), mark('painted', 2505), // « Commencer »: not an answer
      { name: 'autre', startTime: 2600 },
      mark('answer', 3000), mark('kept', 3002), // the last: « Test terminé » is no challenge
    ];
    const shuffled = [...marks].reverse();
    const result = answerLatencies(shuffled);
    expect(result.latenciesMs).toEqual([16, 20]);
    expect(result.stages).toEqual([{ keptMs: 4, renderedMs: 6, frameMs: 6 }, { keptMs: 3, renderedMs: 6, frameMs: 11 }]);
    expect(result.unpaired).toBe(1);
  });

  it('counts an answer left without a painted mark before the next answer (the screen never moved)', () => {
    const result = answerLatencies([mark('answer', 0), mark('answer', 50), mark('painted', 60)]);
    expect(result.latenciesMs).toEqual([10]);
    expect(result.stages).toEqual([{ keptMs: null, renderedMs: null, frameMs: null }]);
    expect(result.unpaired).toBe(1);
  });
});

describe('the kiosk’s size, gzipped, from dist/kiosk/', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-size-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const gzipCli = (file: string) => execFileSync('gzip', ['-9', '-n', '-c', file]).length;

  it('reads the entry files of index.html (module script, style sheet, module preload; not the icon)', () => {
    const html = '<link rel="icon" href="/kiosk/assets/favicon.svg"><script type="module" crossorigin src="/kiosk/assets/index-a.js"></script>'
      + '<link rel="modulepreload" href="/kiosk/assets/chunk-b.js"><link rel="stylesheet" crossorigin href="/kiosk/assets/style-c.css">';
    expect(entryFiles(html)).toEqual(['assets/index-a.js', 'assets/chunk-b.js', 'assets/style-c.css']);
    expect(kioskFile('https://127.0.0.1:4443/kiosk/assets/x%20y.js')).toBe('assets/x y.js');
    expect(() => kioskFile('/console/assets/a.js')).toThrow('n’est pas une adresse du poste candidat');
  });

  it('sums each JS and CSS file once, gzip level 9 (as the gzip tool finds it), the service worker apart', () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    const js = Array.from({ length: 4000 }, (_, i) => `export const v${i} = ${i * 7919 % 1000};`).join('\n');
    fs.writeFileSync(path.join(dir, 'assets', 'index-a.js'), js);
    fs.writeFileSync(path.join(dir, 'assets', 'lazy-b.js'), 'export const lazy = "paresseux";\n'.repeat(50));
    fs.writeFileSync(path.join(dir, 'assets', 'style-c.css'), 'body { margin: 0 }\n.a { color: #123 }\n'.repeat(100));
    fs.writeFileSync(path.join(dir, 'service-worker.js'), 'self.addEventListener("fetch", () => {});\n'.repeat(30));
    const sizes = kioskSizes(dir, ['assets/index-a.js', 'assets/style-c.css', 'assets/lazy-b.js', 'assets/index-a.js', 'service-worker.js', 'assets/favicon.svg']);
    expect(sizes.js.map((f) => f.file)).toEqual(['assets/index-a.js', 'assets/lazy-b.js']);
    expect(sizes.css.map((f) => f.file)).toEqual(['assets/style-c.css']);
    for (const f of [...sizes.js, ...sizes.css, sizes.serviceWorker!]) {
      const full = path.join(dir, f.file);
      expect(f.bytes).toBe(fs.statSync(full).size);
      expect(f.gzBytes).toBeLessThan(f.bytes);
      expect(Math.abs(f.gzBytes - gzipCli(full))).toBeLessThanOrEqual(Math.max(8, 0.02 * f.gzBytes));
    }
    expect(sizes.serviceWorker!.file).toBe('service-worker.js');
    expect(sizes.jsKbGz).toBe(Math.round((sizes.js[0]!.gzBytes + sizes.js[1]!.gzBytes) / 100) / 10);
    expect(sizes.cssKbGz).toBe(Math.round(sizes.css[0]!.gzBytes / 100) / 10);
  });

  it('says which file is missing from the build, in French', () => {
    expect(() => kioskSizes(dir, ['assets/gone.js'])).toThrow(/gone\.js manque .*npm run build:screens/);
  });

  const dist = path.join(__dirname, '..', '..', 'dist', 'kiosk');
  const built = fs.existsSync(path.join(dist, 'index.html'));
  if (!built) console.warn('kiosk-bench.test.ts : dist/kiosk/ absent (npm run build:screens), la mesure du vrai build est ignorée');
  it.skipIf(!built)('measures the real build: every entry file of dist/kiosk/index.html is there, the service worker apart', () => {
    const entries = entryFiles(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'));
    expect(entries.some((f) => f.endsWith('.js'))).toBe(true);
    expect(entries.some((f) => f.endsWith('.css'))).toBe(true);
    const sizes = kioskSizes(dist, entries);
    expect(sizes.js.length + sizes.css.length).toBe(entries.length);
    expect(sizes.jsKbGz).toBeGreaterThan(0);
    expect(sizes.serviceWorker).not.toBeNull();
  });
});
