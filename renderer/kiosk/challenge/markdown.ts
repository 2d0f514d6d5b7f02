import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * R-CHAL-1, issue 8 §5 — a challenge's instruction (markdown) as HTML the kiosk may show. The ONLY place in the
 * kiosk that produces HTML (the instruction is shown with `dangerouslySetInnerHTML` of this function's output;
 * everything else, proposals and what the pupil types included, is React text).
 *
 * Two layers, so that one mistake is not enough:
 * 1. the markdown renderer itself emits no raw HTML from the content (HTML tokens are escaped and shown as text),
 *    no image (the illustration has its own place, with its alt text) and no link (a link is shown as its text:
 *    nothing in the page may leave the kiosk, kiosk-lockdown §3); markdown headings start at level 2, under the
 *    screen's own heading (h1, « Question i sur N »);
 * 2. DOMPurify, AFTER rendering, keeps only the tags below and the `start` attribute of ordered lists: no script,
 *    no event handler, no style, no iframe, no form, no `href`/`src` at all.
 */

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'hr',
  'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
];
const ALLOWED_ATTR = ['start', 'class'];
/** The only class the renderer writes: a link of the content, shown as text. */
const LINK_CLASS = 'md-link';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const FIRST_HEADING_LEVEL = 2;
const LAST_HEADING_LEVEL = 6;

const renderer = new Marked({ gfm: true, breaks: false, async: false });
renderer.use({
  renderer: {
    // Raw HTML of the content (block or inline) is shown as the text it is, never interpreted.
    html({ text }: Tokens.HTML | Tokens.Tag) { return escapeHtml(text); },
    // Images inside markdown are dropped.
    image() { return ''; },
    // A link is shown as its text, never clickable.
    link({ tokens }: Tokens.Link) { return `<span class="${LINK_CLASS}">${this.parser.parseInline(tokens)}</span>`; },
    heading({ tokens, depth }: Tokens.Heading) {
      const level = Math.min(LAST_HEADING_LEVEL, depth + FIRST_HEADING_LEVEL - 1);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

/** Its own instance: the hook below must not change another module's sanitiser. */
const purifier = typeof window === 'undefined' ? DOMPurify : DOMPurify(window);
purifier.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class' && data.attrValue !== LINK_CLASS) data.keepAttr = false;
});

/** The instruction's HTML: rendered by marked, then sanitised by DOMPurify. Without a DOM, the escaped source. */
export function renderInstruction(markdown: string): string {
  if (!purifier.isSupported) return `<p>${escapeHtml(markdown)}</p>`;
  const html = renderer.parse(markdown, { async: false });
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    KEEP_CONTENT: true,
    RETURN_TRUSTED_TYPE: false,
  });
}
