import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 10 §1 — no word the invigilator or the manager reads is written in a console component (every folder): every one comes from the
// catalogue. The same scan as the kiosk's (renderer/kiosk/screens/no-hard-coded-words.test.ts).

const ROOT = path.join(__dirname, '..');
const FILES = (fs.readdirSync(ROOT, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx')).map((f) => path.join(ROOT, f));

function hardCodedWords(source: string): string[] {
  const found: string[] = [];
  const markup = source.replace(/\b(?:[A-Z]\w*<[^/<>()][^<>()]*>|\w+<[A-Z][^<>()]*>)/g, '');
  for (const m of markup.matchAll(/[>}]([^<>{}]*\p{L}[^<>{}]*)[<{]/gu)) {
    const text = m[1]!.trim();
    if (/[;=()`&]|^(return|else|try|catch|finally|do)\b|^[\w.]+$/u.test(text) && !/^\p{Lu}\p{Ll}+$/u.test(text)) continue;
    found.push(text);
  }
  for (const m of markup.matchAll(/\b(aria-label|title|alt|placeholder|label)="([^"]*\p{L}[^"]*)"/gu)) found.push(`${m[1]}="${m[2]}"`);
  return found;
}

describe('the console components', () => {
  it('scan: the detector finds hard-coded words when there are some', () => {
    expect(hardCodedWords('<p className="x">Bonjour</p>')).toEqual(['Bonjour']);
    expect(hardCodedWords('<button aria-label="Fermer">{t(k)}</button>')).toEqual(['aria-label="Fermer"']);
    expect(hardCodedWords('<optgroup label="Une question">')).toEqual(['label="Une question"']);
    expect(hardCodedWords('<p>{t(\'a.b\')}</p>')).toEqual([]);
  });
  it.each(FILES.map((f) => [path.basename(f), f]))('%s writes no word itself', (_name, file) => {
    expect(hardCodedWords(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
});
