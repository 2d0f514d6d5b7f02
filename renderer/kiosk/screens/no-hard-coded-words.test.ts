import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 8 §4 — no word a pupil reads is written in a component: every one comes from the catalogue.
// Scans the kiosk's components (and the shared field) for JSX text and for literal accessible names.

const CHALLENGE_DIR = path.resolve(__dirname, '../challenge');
const FILES = [
  ...fs.readdirSync(__dirname).filter((f) => f.endsWith('.tsx')).map((f) => path.join(__dirname, f)),
  // The challenge screens (issue 8 §1), their tests apart.
  ...fs.readdirSync(CHALLENGE_DIR).filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx')).map((f) => path.join(CHALLENGE_DIR, f)),
  path.resolve(__dirname, '../../ui/text-field.tsx'),
];

/** JSX text with a letter between a tag's end and the next tag, outside `{…}`; literal `aria-label`, `title`, `alt`, `placeholder`. */
function hardCodedWords(source: string): string[] {
  const found: string[] = [];
  // Type arguments (`StoreApi<PairingState>`, `useRef<HTMLHeadingElement>`) are not tags.
  const markup = source.replace(/\b(?:[A-Z]\w*<[^/<>()][^<>()]*>|\w+<[A-Z][^<>()]*>)/g, '');
  // Text after a tag or an expression and before a tag or an expression, that is not code (no `;`, `=`, `(`, keyword).
  for (const m of markup.matchAll(/[>}]([^<>{}]*\p{L}[^<>{}]*)[<{]/gu)) {
    const text = m[1]!.trim();
    if (/[;=()`&]|^(return|else|try|catch|finally|do|case|default)\b|^[\w.]+$/u.test(text) && !/^\p{Lu}\p{Ll}+$/u.test(text)) continue;
    found.push(text);
  }
  for (const m of markup.matchAll(/\b(aria-label|title|alt|placeholder)="([^"]*\p{L}[^"]*)"/gu)) found.push(`${m[1]}="${m[2]}"`);
  return found;
}

describe('the kiosk components', () => {
  it('scan: the detector finds hard-coded words when there are some', () => {
    expect(hardCodedWords('<p className="x">Bonjour</p>')).toEqual(['Bonjour']);
    expect(hardCodedWords('<button aria-label="Fermer">{t(k)}</button>')).toEqual(['aria-label="Fermer"']);
    expect(hardCodedWords('<p>{t(\'a.b\')}</p>')).toEqual([]);
    expect(hardCodedWords('<p>{t(\'a.b\')} et voilà</p>')).toEqual(['et voilà']);
    expect(hardCodedWords('<p>{t(\'a.b\')} Merci</p>')).toEqual(['Merci']);
    expect(hardCodedWords('if (x) { y(); } else { z(); }')).toEqual([]);
    expect(hardCodedWords('switch (k) { case \'a\': return <p>{x}</p>; }\n    case \'quote\': return <blockquote>{y}</blockquote>;')).toEqual([]);
    expect(hardCodedWords('case \'quote\': return <blockquote>Citation</blockquote>;')).toEqual(['Citation']);
    expect(hardCodedWords('function A({ s }: { s: StoreApi<State>; l: StoreApi<Link> }) { return <p>Salut</p>; }')).toEqual(['Salut']);
  });

  it.each(FILES.map((f) => [path.basename(f), f]))('%s writes no word itself', (_name, file) => {
    expect(hardCodedWords(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
});
