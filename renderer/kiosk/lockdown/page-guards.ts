/**
 * kiosk-lockdown §3 — what the page lets the pupil do, decided by pure functions (the listeners in
 * `page-restrictions.ts` only ask them). An "answer field" is where the pupil types: a text input, a text area,
 * an editable region, or anything inside `[data-answer-field]` (the challenge screens may mark their own).
 * There only, text can be selected, copied and pasted back; paste takes only what was copied inside the page.
 */

/** `<input>` types the pupil types text into (a date, a checkbox… are not text). */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'tel', 'url']);

/** The element an event is about (a text node's parent for `selectstart`). */
export function elementOf(target: EventTarget | null): Element | null {
  if (!target || typeof (target as Node).nodeType !== 'number') return null;
  const node = target as Node;
  return node.nodeType === 1 ? node as Element : node.parentElement;
}

export function isAnswerField(target: EventTarget | null): boolean {
  const element = elementOf(target);
  if (!element) return false;
  if (element.closest('[data-answer-field]')) return true;
  const tag = element.tagName.toLowerCase();
  if (tag === 'input') {
    const input = element as HTMLInputElement;
    return TEXT_INPUT_TYPES.has((input.getAttribute('type') ?? 'text').toLowerCase()) && !input.readOnly && !input.disabled;
  }
  if (tag === 'textarea') {
    const area = element as HTMLTextAreaElement;
    return !area.readOnly && !area.disabled;
  }
  return (element as HTMLElement).isContentEditable === true || element.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]') !== null;
}

/** Line endings differ between what was selected and what the clipboard gives back. */
const normalised = (text: string) => text.replace(/\r\n?/g, '\n');

/** Paste: into an answer field only, and only a text the pupil copied inside this page. */
export function pasteAllowed(intoAnswerField: boolean, pasted: string, copiedInPage: readonly string[]): boolean {
  if (!intoAnswerField) return false;
  const text = normalised(pasted);
  return copiedInPage.some((copied) => normalised(copied) === text);
}

/** How many copies the page remembers for paste (the most recent). */
export const COPIES_KEPT = 20;
export function rememberCopy(copies: readonly string[], text: string): string[] {
  if (text === '') return [...copies];
  return [...copies.filter((c) => c !== text), text].slice(-COPIES_KEPT);
}

export interface LinkFacts {
  /** The link's `href` as written (resolved against the page). */
  href: string;
  /** `target` attribute ('' when absent). */
  target: string;
}

/**
 * A link click stays in the kiosk: the station's own origin (the page, a `blob:` the page made for an attachment)
 * in the same window. Another origin, a new window or tab, `javascript:`, `file:`, `mailto:`… are refused.
 */
export function linkAllowed(link: LinkFacts, pageUrl: string): boolean {
  if (link.target !== '' && link.target.toLowerCase() !== '_self') return false;
  let url: URL;
  try {
    url = new URL(link.href, pageUrl);
  } catch {
    return false;
  }
  const page = new URL(pageUrl);
  if (url.protocol === 'blob:') return new URL(url.pathname).origin === page.origin;
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === page.origin;
}

export interface KeyFacts { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }

/** Keys that move in the browser's history (Alt+←/→, Cmd+[ / ], the keyboard's own Back and Forward keys). */
export function isHistoryKey(key: KeyFacts): boolean {
  if (key.key === 'BrowserBack' || key.key === 'BrowserForward') return true;
  if (key.altKey && !key.ctrlKey && (key.key === 'ArrowLeft' || key.key === 'ArrowRight')) return true;
  return key.metaKey && (key.key === '[' || key.key === ']');
}
