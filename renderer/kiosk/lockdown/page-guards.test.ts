// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAnswerField, isHistoryKey, linkAllowed, pasteAllowed, rememberCopy, COPIES_KEPT } from './page-guards';

const PAGE = 'https://192.168.1.10:8443/kiosk/';
const html = (markup: string): Element => {
  document.body.innerHTML = markup;
  return document.body.firstElementChild!;
};

describe('answer fields: where the pupil types (kiosk-lockdown §3)', () => {
  it('text inputs and text areas that can be typed into', () => {
    for (const markup of ['<input>', '<input type="text">', '<input type="search">', '<input type="number">', '<textarea></textarea>', '<div contenteditable="true">x</div>', '<div data-answer-field><span>dans la zone</span></div>']) {
      const element = html(markup);
      expect(isAnswerField(element.firstElementChild ?? element), markup).toBe(true);
    }
  });
  it('a text node inside an answer field counts (selectstart targets text nodes)', () => {
    const div = html('<div contenteditable="true">réponse</div>');
    expect(isAnswerField(div.firstChild)).toBe(true);
  });
  it('not the rest of the page, nor disabled or read-only fields, nor non-text inputs', () => {
    for (const markup of ['<p>La consigne</p>', '<h1>Question 1 sur 5</h1>', '<input disabled>', '<input readonly>', '<textarea readonly></textarea>', '<input type="checkbox">', '<input type="radio">', '<button>Je valide</button>', '<div contenteditable="false">x</div>']) {
      expect(isAnswerField(html(markup)), markup).toBe(false);
    }
    expect(isAnswerField(null)).toBe(false);
    expect(isAnswerField(window)).toBe(false);
    expect(isAnswerField(html('<p>texte</p>').firstChild)).toBe(false);
  });
});

describe('paste: into an answer field, only what was copied in the page', () => {
  it('a text copied in the page goes back into an answer field; line endings do not matter', () => {
    const copies = rememberCopy(rememberCopy([], 'première ligne\nseconde'), '42');
    expect(pasteAllowed(true, '42', copies)).toBe(true);
    expect(pasteAllowed(true, 'première ligne\r\nseconde', copies)).toBe(true);
  });
  it('a text from outside, or anything outside an answer field, is refused', () => {
    expect(pasteAllowed(true, 'copié ailleurs', ['42'])).toBe(false);
    expect(pasteAllowed(true, '', [])).toBe(false);
    expect(pasteAllowed(false, '42', ['42'])).toBe(false);
  });
  it('property: a paste is allowed exactly when that text is one of the last copies', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 40 }), fc.string({ maxLength: 6 }), (copiedTexts, pasted) => {
      const copies = copiedTexts.reduce<string[]>((kept, text) => rememberCopy(kept, text), []);
      expect(copies.length).toBeLessThanOrEqual(COPIES_KEPT);
      const recent = [...new Set(copiedTexts.filter((t) => t !== '').reverse())].slice(0, COPIES_KEPT);
      const normal = (t: string) => t.replace(/\r\n?/g, '\n');
      expect(pasteAllowed(true, pasted, copies)).toBe(recent.some((t) => normal(t) === normal(pasted)));
    }), { numRuns: 300 });
  });
});

describe('links: nothing leaves the kiosk', () => {
  it('the station’s own pages and the page’s own blob: URLs, in the same window', () => {
    expect(linkAllowed({ href: '/kiosk/', target: '' }, PAGE)).toBe(true);
    expect(linkAllowed({ href: '#consigne', target: '_self' }, PAGE)).toBe(true);
    expect(linkAllowed({ href: 'blob:https://192.168.1.10:8443/0f4e8c2a-1111-4c2e-9a77-123456789abc', target: '' }, PAGE)).toBe(true);
  });
  it('another origin, a new window, other schemes: refused', () => {
    for (const [href, target] of [
      ['https://example.org/', ''], ['https://192.168.1.10:9443/kiosk/', ''], ['http://192.168.1.10:8443/kiosk/', ''], ['//example.org/x', ''],
      ['/kiosk/', '_blank'], ['/kiosk/', 'autre'], ['javascript:alert(1)', ''], ['mailto:a@b.fr', ''], ['file:///etc/passwd', ''],
      ['blob:https://example.org/0f4e8c2a-1111-4c2e-9a77-123456789abc', ''], ['http://[', ''],
    ] as const) expect(linkAllowed({ href, target }, PAGE), `${href} ${target}`).toBe(false);
  });
});

describe('history keys', () => {
  const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });
  it('Alt+←/→, Cmd+[ ], Back and Forward keys move in the history; typing does not', () => {
    expect(isHistoryKey(key('ArrowLeft', { altKey: true }))).toBe(true);
    expect(isHistoryKey(key('ArrowRight', { altKey: true }))).toBe(true);
    expect(isHistoryKey(key('[', { metaKey: true }))).toBe(true);
    expect(isHistoryKey(key('BrowserBack'))).toBe(true);
    expect(isHistoryKey(key('ArrowLeft'))).toBe(false);
    expect(isHistoryKey(key('Backspace'))).toBe(false);
    expect(isHistoryKey(key('ArrowLeft', { altKey: true, ctrlKey: true }))).toBe(false); // AltGr on Windows
    expect(isHistoryKey(key('['))).toBe(false);
  });
});
