// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderInstruction } from './markdown';

// Issue 8 §5, R-CHAL-1 — the instruction's markdown, rendered then sanitised. The output is parsed by the DOM
// (as the page will) and inspected: no element outside the allowed list, no on* attribute, no href/src at all.

const ALLOWED = new Set(['P', 'BR', 'STRONG', 'EM', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'HR', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN']);

function parsed(markdown: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderInstruction(markdown);
  return host;
}

/** Every problem the rendered HTML has: a tag outside the list, an event handler, a URL-bearing or style attribute. */
function problems(markdown: string): string[] {
  const found: string[] = [];
  for (const element of parsed(markdown).querySelectorAll('*')) {
    if (!ALLOWED.has(element.tagName)) found.push(`tag ${element.tagName}`);
    for (const attribute of element.attributes) {
      if (!['start', 'class'].includes(attribute.name)) found.push(`${element.tagName}@${attribute.name}`);
      if (attribute.name === 'class' && attribute.value !== 'md-link') found.push(`class ${attribute.value}`);
    }
  }
  return found;
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

describe('renderInstruction (markdown → sanitised HTML)', () => {
  it('renders the markdown the content uses: emphasis, lists, code blocks, tables', () => {
    const host = parsed('Quels sont les **moteurs de recherche** ?\n\n- *un*\n- deux\n\n```python\nprint(1 < 2)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(host.querySelector('strong')!.textContent).toBe('moteurs de recherche');
    expect([...host.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['un', 'deux']);
    expect(host.querySelector('em')!.textContent).toBe('un');
    expect(host.querySelector('pre code')!.textContent).toBe('print(1 < 2)\n');
    expect([...host.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1', '2']);
  });

  it('starts headings at level 2 (the screen has its own h1)', () => {
    const host = parsed('# Un\n\n## Deux\n\n###### Six');
    expect([...host.querySelectorAll('h2, h3, h4, h5, h6')].map((h) => `${h.tagName}:${h.textContent}`)).toEqual(['H2:Un', 'H3:Deux', 'H6:Six']);
    expect(host.querySelector('h1')).toBeNull();
  });

  it('shows raw HTML of the content as text, never as markup', () => {
    const host = parsed('Un <b>mot</b> et <script>alert(1)</script>');
    expect(host.querySelector('b, script')).toBeNull();
    expect(host.textContent).toContain('<b>mot</b>');
    expect(host.textContent).toContain('<script>alert(1)</script>');
  });

  it('shows a link as its text, not clickable, whatever its address', () => {
    const host = parsed('Va sur [le site du collège](https://college.example) ou https://autre.example.');
    expect(host.querySelector('a')).toBeNull();
    expect(host.textContent!.trim()).toBe('Va sur le site du collège ou https://autre.example.');
  });

  it('drops images inside the markdown', () => {
    const host = parsed('Avant ![une image](https://x.example/a.png) après');
    expect(host.querySelector('img')).toBeNull();
    expect(host.textContent!.trim()).toBe('Avant  après');
  });

  it.each(HOSTILE)('hostile payload %j yields no script, no handler, no address, no foreign tag', (payload) => {
    expect(problems(payload)).toEqual([]);
    const host = parsed(payload);
    expect(host.querySelector('a, img, script, svg, math, iframe, form, input, style, object, embed, base, meta')).toBeNull();
  });

  it('property: random markdown (with HTML, links, images and tricks mixed in) never yields a script, an on* attribute or an href', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(...HOSTILE),
      fc.constantFrom('**', '*', '`', '```', '\n', '\n\n', '# ', '- ', '1. ', '> ', '|', '[', ']', '(', ')', '<', '>', '"', '\'', '=', '!', 'javascript:', 'data:', 'https://', 'on', 'onerror', 'script', 'img', 'svg', 'a href', '&#', '&lt;'),
      fc.tuple(fc.string(), fc.constantFrom('javascript:alert(1)', 'https://e.example', 'data:text/html,x', '//e.example', 'vbscript:x')).map(([text, url]) => `[${text}](${url})`),
      fc.tuple(fc.string(), fc.string()).map(([alt, url]) => `![${alt}](${url})`),
      fc.tuple(fc.constantFrom('a', 'img', 'svg', 'script', 'iframe', 'div', 'p', 'form', 'style'), fc.constantFrom('onclick', 'onerror', 'href', 'src', 'style', 'formaction'), fc.string())
        .map(([tag, attribute, value]) => `<${tag} ${attribute}="${value}">x</${tag}>`),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')), (markdown) => {
      expect(problems(markdown)).toEqual([]);
      // The markup itself (text is escaped, so every `<` of the output opens a real tag).
      const tags = renderInstruction(markdown).match(/<[^>]*>/g) ?? [];
      expect(tags.filter((tag) => /^<\/?(script|a|img|svg)\b|\son\w*\s*=|href|src/i.test(tag))).toEqual([]);
    }), { numRuns: 400 });
  });
});
