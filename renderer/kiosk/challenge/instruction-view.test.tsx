// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { marked } from 'marked';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Challenge } from '../../../shared/formats/content-package';
import { KioskInstruction, type InstructionBlock, type InstructionInline } from '../../../shared/formats/kiosk-instruction';
import { instructionBlocks } from '../../../shared/formats/kiosk-instruction-markdown';
import { InstructionView } from './instruction-view';

// Issue 8 §5, R-CHAL-1 — the instruction's whole path: the content's markdown → the station's tree
// (instructionBlocks) → the kiosk's schema (as the page parses the delivered test) → React elements in the DOM.
// The DOM is inspected as a browser would have it: no element outside the list below, no attribute but a list's
// `start` and the link-as-text class, no address, no script.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(cleanup);

const ALLOWED = new Set(['DIV', 'P', 'BR', 'STRONG', 'EM', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'HR', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN']);

/** What the page does: the delivered tree checked by the schema, then rendered. */
function shown(markdown: string): HTMLElement {
  const tree = KioskInstruction.parse(JSON.parse(JSON.stringify(instructionBlocks(markdown))));
  const host = render(<InstructionView blocks={tree} />).container.firstElementChild as HTMLElement;
  expect(host.className).toBe('challenge-instruction');
  return host;
}

/** Every problem of the rendered DOM: a tag outside the list, an event handler, a URL-bearing or style attribute. */
function problems(host: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of [host, ...host.querySelectorAll('*')]) {
    if (!ALLOWED.has(element.tagName)) found.push(`tag ${element.tagName}`);
    for (const attribute of element.attributes) {
      if (!['start', 'class'].includes(attribute.name)) found.push(`${element.tagName}@${attribute.name}`);
      if (attribute.name === 'class' && !['md-link', 'challenge-instruction'].includes(attribute.value)) found.push(`class ${attribute.value}`);
    }
  }
  return found;
}

/** The markup itself (React escapes text, so every `<` of it opens a real element). */
function hostileMarkup(blocks: KioskInstruction): string[] {
  const tags = renderToStaticMarkup(<InstructionView blocks={blocks} />).match(/<[^>]*>/g) ?? [];
  return tags.filter((tag) => /^<\/?(script|a|img|svg|iframe|style|object|embed|base|meta|form|input)\b|\son\w*\s*=|href|src|style/i.test(tag));
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="https://evil.example"></iframe>',
  '<form action="https://evil.example"><input name=a><button>go</button></form>',
  '<style>body{display:none}</style>',
  '<p style="position:fixed;inset:0">cover</p>',
  '<a href="https://evil.example">clic</a>',
  '<div onclick="alert(1)">x</div>',
  '[clic](javascript:alert(1))',
  '[clic](JaVaScRiPt:alert(1))',
  '[clic](<javascript:alert(1)>)',
  '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[clic](https://evil.example "titre")',
  '[ref][r]\n\n[r]: javascript:alert(1)',
  '<https://evil.example>',
  'www.evil.example',
  'https://evil.example/path?q=1',
  '![x](https://evil.example/pixel.png)',
  '![x](x" onerror="alert(1))',
  '[![img](https://evil.example/a.png)](https://evil.example)',
  '<scr<script>ipt>alert(1)</script>',
  '<<script>script>alert(1)<</script>/script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!-- comment --><img src=x onerror=alert(1)>',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '> <script>alert(1)</script>',
  '- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))',
  '| a |\n|---|\n| <script>alert(1)</script> |',
  '<details open ontoggle=alert(1)>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '[x](&#106;avascript:alert(1))',
];

const FORBIDDEN_ELEMENTS = 'a, img, script, svg, math, iframe, form, input, button, style, object, embed, base, meta, details, noscript';

describe('the instruction, from markdown to the page', () => {
  it('renders the markdown the content uses: emphasis, lists, code blocks, tables', () => {
    const host = shown('Quels sont les **moteurs de recherche** ?\n\n- *un*\n- deux\n\n```python\nprint(1 < 2)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(host.querySelector('strong')!.textContent).toBe('moteurs de recherche');
    expect([...host.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['un', 'deux']);
    expect(host.querySelector('li > p')).toBeNull(); // a tight list has no paragraph in its items
    expect(host.querySelector('em')!.textContent).toBe('un');
    expect(host.querySelector('pre > code')!.textContent).toBe('print(1 < 2)');
    expect([...host.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['a', 'b']);
    expect([...host.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['1', '2']);
  });

  it('the rest of the markdown: ordered lists keep their start, loose items their paragraphs, quotes, rules, line breaks, strike-through, inline code', () => {
    const host = shown('3. un\n\n   suite\n4. deux\n\n> cité\n\n---\n\nligne  \nsuivante ~~barré~~ `x < y`');
    expect(host.querySelector('ol')!.getAttribute('start')).toBe('3');
    expect([...host.querySelectorAll('ol > li > p')].map((p) => p.textContent)).toEqual(['un', 'suite', 'deux']);
    expect(host.querySelector('blockquote > p')!.textContent).toBe('cité');
    expect(host.querySelector('hr')).not.toBeNull();
    expect(host.querySelector('p:last-child br')).not.toBeNull();
    expect(host.querySelector('del')!.textContent).toBe('barré');
    expect(host.querySelector('p > code')!.textContent).toBe('x < y');
  });

  it('starts headings at level 2 (the screen has its own h1)', () => {
    const host = shown('# Un\n\n## Deux\n\n###### Six');
    expect([...host.querySelectorAll('h2, h3, h4, h5, h6')].map((h) => `${h.tagName}:${h.textContent}`)).toEqual(['H2:Un', 'H3:Deux', 'H6:Six']);
    expect(host.querySelector('h1')).toBeNull();
  });

  it('shows raw HTML of the content as text, never as markup', () => {
    const host = shown('Un <b>mot</b> et <script>alert(1)</script>\n\n<div onclick="alert(1)">bloc</div>');
    expect(host.querySelector('b, script, div')).toBeNull();
    expect(host.textContent).toContain('Un <b>mot</b> et <script>alert(1)</script>');
    expect(host.textContent).toContain('<div onclick="alert(1)">bloc</div>');
  });

  it('shows HTML entities of the text as the characters they stand for, and code as it is written', () => {
    const host = shown('R&amp;D, 10&nbsp;% &eacute;t&#233; &lt;b&gt; `&amp;` &copy &inconnu;');
    expect(host.querySelector('p')!.firstChild!.textContent).toBe('R&D, 10\u00a0% été <b> ');
    expect(host.querySelector('code')!.textContent).toBe('&amp;');
    expect(host.textContent!.endsWith(' &copy &inconnu;')).toBe(true);
  });

  it('shows a link as its text, not clickable, whatever its address — and the address never reaches the kiosk', () => {
    const markdown = 'Va sur [le site du collège](https://college.example/cdi) ou <https://autre.example/x>.';
    expect(JSON.stringify(instructionBlocks(markdown))).not.toContain('college.example');
    const host = shown(markdown);
    expect(host.querySelector('a')).toBeNull();
    expect([...host.querySelectorAll('span.md-link')].map((s) => s.textContent)).toEqual(['le site du collège', 'https://autre.example/x']);
    expect(host.textContent!.trim()).toBe('Va sur le site du collège ou https://autre.example/x.');
  });

  it('drops images inside the markdown (and their address), and a task list’s checkboxes', () => {
    const markdown = 'Avant ![une image](https://x.example/a.png) après\n\n- [ ] à faire';
    expect(JSON.stringify(instructionBlocks(markdown))).not.toContain('x.example');
    const host = shown(markdown);
    expect(host.querySelector('img, input')).toBeNull();
    expect(host.querySelector('p')!.textContent).toBe('Avant  après');
    expect(host.querySelector('li')!.textContent).toBe('à faire');
  });

  it('flattens nesting deeper than the bound to text (a thousand quotes or lists do not make a thousand levels)', () => {
    for (const markdown of ['>'.repeat(1000) + ' fond', Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- n${i}`).join('\n'), '*'.repeat(500) + 'x' + '*'.repeat(500)]) {
      const host = shown(markdown);
      let deepest = 0;
      for (const element of host.querySelectorAll('*')) {
        let depth = 0;
        for (let e: Element | null = element; e && e !== host; e = e.parentElement) depth += 1;
        deepest = Math.max(deepest, depth);
      }
      expect(deepest).toBeLessThanOrEqual(30);
      expect(problems(host)).toEqual([]);
    }
  });

  it.each(HOSTILE)('hostile payload %j yields no script, no handler, no address, no foreign element', (payload) => {
    const host = shown(payload);
    expect(problems(host)).toEqual([]);
    expect(host.querySelector(FORBIDDEN_ELEMENTS)).toBeNull();
    expect(hostileMarkup(instructionBlocks(payload))).toEqual([]);
    // An address given as markdown (link, image, reference, autolink) is never in what the kiosk receives.
    const address = /\]\(<?([^)\s>"]+)|^\[r\]: (\S+)/m.exec(payload);
    const url = address?.[1] ?? address?.[2];
    if (url !== undefined && url.length > 4) expect(JSON.stringify(instructionBlocks(payload))).not.toContain(url);
  });

  it('property: random markdown (with HTML, links, images and tricks mixed in) never yields a script, an on* attribute or an href', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(...HOSTILE),
      fc.constantFrom('**', '*', '_', '~~', '`', '```', '\n', '\n\n', '  \n', '# ', '- ', '1. ', '> ', '|', '---', '[', ']', '(', ')', '<', '>', '"', '\'', '=', '!', 'javascript:', 'data:', 'https://', 'on', 'onerror', 'script', 'img', 'svg', 'a href', '&#', '&lt;', '&amp;'),
      fc.tuple(fc.string(), fc.constantFrom('javascript:alert(1)', 'https://e.example', 'data:text/html,x', '//e.example', 'vbscript:x')).map(([text, url]) => `[${text}](${url})`),
      fc.tuple(fc.string(), fc.string()).map(([alt, url]) => `![${alt}](${url})`),
      fc.tuple(fc.constantFrom('a', 'img', 'svg', 'script', 'iframe', 'div', 'p', 'form', 'style'), fc.constantFrom('onclick', 'onerror', 'href', 'src', 'style', 'formaction'), fc.string())
        .map(([tag, attribute, value]) => `<${tag} ${attribute}="${value}">x</${tag}>`),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')), (markdown) => {
      const host = shown(markdown);
      expect(problems(host)).toEqual([]);
      expect(host.querySelector(FORBIDDEN_ELEMENTS)).toBeNull();
      expect(hostileMarkup(instructionBlocks(markdown))).toEqual([]);
      cleanup();
    }), { numRuns: 400 });
  });
});

// The kiosk's own guarantee, whatever the station sent: the tree is text, and the page makes it elements itself.
describe('the kiosk side alone: any tree the schema accepts', () => {
  const hostileText = fc.oneof(fc.string(), fc.constantFrom(...HOSTILE), fc.constantFrom('<img src=x onerror=alert(1)>', '</p><script>alert(1)</script>', '"><svg onload=alert(1)>', 'javascript:alert(1)'));
  const { inline } = fc.letrec<{ inline: InstructionInline }>((tie) => ({
    inline: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileText.map((text) => ({ kind: 'text' as const, text })),
      hostileText.map((text) => ({ kind: 'code' as const, text })),
      fc.constant({ kind: 'lineBreak' as const }),
      fc.tuple(fc.constantFrom('strong', 'emphasis', 'deleted', 'link') as fc.Arbitrary<'strong' | 'emphasis' | 'deleted' | 'link'>, fc.array(tie('inline'), { maxLength: 3 }))
        .map(([kind, children]) => ({ kind, children })),
    ),
  }));
  const inlines = fc.array(inline, { maxLength: 4 });
  const { block } = fc.letrec<{ block: InstructionBlock }>((tie) => ({
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(fc.constantFrom('paragraph', 'inline') as fc.Arbitrary<'paragraph' | 'inline'>, inlines).map(([kind, children]) => ({ kind, children })),
      fc.tuple(fc.constantFrom(2, 3, 4, 5, 6) as fc.Arbitrary<2 | 3 | 4 | 5 | 6>, inlines).map(([level, children]) => ({ kind: 'heading' as const, level, children })),
      hostileText.map((text) => ({ kind: 'codeBlock' as const, text })),
      fc.tuple(fc.boolean(), fc.nat(1000), fc.array(fc.array(tie('block'), { maxLength: 2 }), { maxLength: 3 }))
        .map(([ordered, start, items]) => (ordered ? { kind: 'list' as const, ordered, start, items } : { kind: 'list' as const, ordered, items })),
      fc.array(tie('block'), { maxLength: 2 }).map((children) => ({ kind: 'quote' as const, children })),
      fc.constant({ kind: 'rule' as const }),
      fc.tuple(fc.array(inlines, { maxLength: 3 }), fc.array(fc.array(inlines, { maxLength: 3 }), { maxLength: 2 })).map(([head, rows]) => ({ kind: 'table' as const, head, rows })),
    ),
  }));

  it('property: text containing markup stays text — only the elements the tree names, every text of the tree shown', () => {
    fc.assert(fc.property(fc.array(block, { maxLength: 5 }), (blocks) => {
      const tree = KioskInstruction.parse(blocks);
      const host = render(<InstructionView blocks={tree} />).container.firstElementChild as HTMLElement;
      expect(problems(host)).toEqual([]);
      expect(host.querySelector(FORBIDDEN_ELEMENTS)).toBeNull();
      expect(hostileMarkup(tree)).toEqual([]);
      expect(host.textContent).toBe(textOf(tree));
      cleanup();
    }), { numRuns: 300 });
  });

  it('the schema refuses what the format cannot say: an address, an image, raw HTML, an attribute, an unknown kind', () => {
    const refused: unknown[] = [
      [{ kind: 'paragraph', children: [{ kind: 'link', href: 'https://evil.example', children: [{ kind: 'text', text: 'x' }] }] }],
      [{ kind: 'paragraph', children: [{ kind: 'image', src: 'https://evil.example/a.png', alt: 'x' }] }],
      [{ kind: 'html', html: '<script>alert(1)</script>' }],
      [{ kind: 'paragraph', children: [{ kind: 'text', text: 'x', html: true }] }],
      [{ kind: 'paragraph', style: 'position:fixed', children: [] }],
      [{ kind: 'heading', level: 1, children: [] }],
      [{ kind: 'heading', level: 7, children: [] }],
      [{ kind: 'list', ordered: true, start: -1, items: [] }],
      [{ kind: 'paragraph', children: '<b>x</b>' }],
      '<p>x</p>',
    ];
    for (const tree of refused) expect(KioskInstruction.safeParse(tree).success, JSON.stringify(tree)).toBe(false);
  });
});

/** The text of a tree, as its elements would show it. */
function textOf(blocks: readonly InstructionBlock[]): string {
  const inline = (i: InstructionInline): string => ('text' in i ? i.text : 'children' in i ? i.children.map(inline).join('') : '');
  const cells = (row: InstructionInline[][]) => row.map((cell) => cell.map(inline).join('')).join('');
  const block = (b: InstructionBlock): string => {
    switch (b.kind) {
      case 'paragraph': case 'inline': case 'heading': return b.children.map(inline).join('');
      case 'codeBlock': return b.text;
      case 'list': return b.items.map((item) => item.map(block).join('')).join('');
      case 'quote': return b.children.map(block).join('');
      case 'rule': return '';
      case 'table': return cells(b.head) + b.rows.map(cells).join('');
    }
  };
  return blocks.map(block).join('');
}

// The demo content's instructions, all of them: the page shows what marked's HTML showed before (same elements,
// in the same order, with the same text), headings one level down and nothing else changed.
describe('every instruction of the demo content (fixtures/content)', () => {
  const CONTENT = path.resolve(__dirname, '../../../fixtures/content/content-package.json');
  const demo = (JSON.parse(fs.readFileSync(CONTENT, 'utf8')) as { challenges: Challenge[] }).challenges;

  /** Each element as tag and its text without white space (marked puts new lines between blocks). */
  const outline = (root: Element) => [...root.querySelectorAll('*')].map((e) => `${e.tagName}:${(e.textContent ?? '').replace(/\s+/g, '')}`);

  it('397 challenges: each tree passes the kiosk’s schema and renders as marked’s HTML did', () => {
    expect(demo).toHaveLength(397);
    for (const challenge of demo) {
      const host = shown(challenge.instruction);
      expect(problems(host), challenge.id).toEqual([]);
      const before = document.createElement('div');
      before.innerHTML = marked.parse(challenge.instruction, { gfm: true, breaks: false, async: false });
      const shifted = outline(before).map((line) => line.replace(/^H([1-5]):/, (_, n: string) => `H${Number(n) + 1}:`));
      expect(outline(host), challenge.id).toEqual(shifted);
      expect(host.textContent!.replace(/\s+/g, ''), challenge.id).toBe(before.textContent!.replace(/\s+/g, ''));
      cleanup();
    }
  });
});
