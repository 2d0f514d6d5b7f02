import { elementOf, isAnswerField, isHistoryKey, linkAllowed, pasteAllowed, rememberCopy } from './page-guards';

/**
 * kiosk-lockdown §3 — the page's own restrictions (they work in any browser; the shell adds its own below them):
 * no context menu, no drag and drop, no selection outside answer fields, copy only from an answer field, paste
 * only into one and only what was copied in the page, and nothing that leaves the page (a link to another origin
 * or a new window, `window.open`, a form submitted to the network, the history's back and forward).
 * No `beforeunload` prompt: it would only trap the pupil behind a browser dialog, and a reload loses nothing
 * (answers are in IndexedDB; the station records the new entry and the invigilator authorises the resume, R-SESS-5).
 * Listeners are on the capture phase of the window, before the page's own; returns the function that removes them.
 */
export function restrictPage(win: Window): () => void {
  let copies: string[] = [];
  const undo: (() => void)[] = [];
  const on = <K extends keyof WindowEventMap>(type: K, listener: (event: WindowEventMap[K]) => void) => {
    win.addEventListener(type, listener, { capture: true });
    undo.push(() => win.removeEventListener(type, listener, { capture: true }));
  };
  // The browser's default is what is refused; the page's own handlers still see the event (and its defaultPrevented).
  const refuse = (event: Event) => { event.preventDefault(); };

  on('contextmenu', refuse);
  on('dragstart', refuse);
  on('dragover', refuse);
  on('drop', refuse);
  on('selectstart', (event) => { if (!isAnswerField(event.target)) event.preventDefault(); });

  const selectedText = (target: EventTarget | null): string => {
    const element = elementOf(target);
    if (element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA')) {
      const field = element as HTMLInputElement | HTMLTextAreaElement;
      const start = field.selectionStart ?? 0;
      const end = field.selectionEnd ?? 0;
      return field.value.slice(Math.min(start, end), Math.max(start, end));
    }
    return win.getSelection()?.toString() ?? '';
  };
  const copied = (event: ClipboardEvent) => {
    if (!isAnswerField(event.target)) return refuse(event);
    copies = rememberCopy(copies, selectedText(event.target));
  };
  on('copy', copied);
  on('cut', copied);
  on('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!pasteAllowed(isAnswerField(event.target), text, copies)) refuse(event);
  });

  // Links: only inside the page, in the same window (a click, a middle click, Enter on a focused link).
  const followLink = (event: MouseEvent) => {
    const link = elementOf(event.target)?.closest('a[href], area[href]');
    if (!link) return;
    if (!linkAllowed({ href: link.getAttribute('href') ?? '', target: link.getAttribute('target') ?? '' }, win.location.href) || event.button !== 0) refuse(event);
  };
  on('click', followLink);
  on('auxclick', followLink);
  // Every form of the kiosk is handled by the page (React's onSubmit); none may reach the network.
  on('submit', (event) => event.preventDefault());
  on('keydown', (event) => { if (isHistoryKey(event)) refuse(event); });

  // window.open: no new window, ever (the shell denies them too).
  const open = win.open;
  win.open = () => null;
  undo.push(() => { win.open = open; });

  // The history: one guard entry, put back whenever a back gesture pops it, so "back" stays on the page.
  const here = win.location.href;
  win.history.pushState({ passationGuard: true }, '', here);
  on('popstate', () => { win.history.pushState({ passationGuard: true }, '', here); });

  return () => { for (const u of undo.splice(0).reverse()) u(); };
}
