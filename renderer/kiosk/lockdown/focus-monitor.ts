import { FOCUS_POLL_MS, INITIAL_FOCUS, nextFocus, type FocusChange, type FocusSignal, type FocusState } from './focus-watch';

/**
 * kiosk-lockdown §3 — the browser's focus signals fed to `focus-watch.ts`: `document.hasFocus()` every second,
 * the window's `blur` and `focus`, `visibilitychange`. Calls `onChange` with each loss and each return, and the
 * wall-clock time it happened. Returns the function that stops watching.
 */
export function watchFocus(win: Window, onChange: (change: FocusChange, at: string) => void, pollMs = FOCUS_POLL_MS): () => void {
  const doc = win.document;
  let state: FocusState = INITIAL_FOCUS;
  const observe = (signal: FocusSignal) => {
    const active = doc.activeElement;
    const facts = { hasFocus: doc.hasFocus(), hidden: doc.visibilityState === 'hidden', focusInOwnFrame: active !== null && active.tagName === 'IFRAME' };
    const at = new Date().toISOString();
    const step = nextFocus(state, signal, facts, win.performance.now(), at);
    state = step.state;
    if (step.change) onChange(step.change, at);
  };
  // The window's own blur and focus (an element's do not bubble to it; the target is the window, not a node).
  const isWindow = (target: EventTarget | null) => target !== null && !('nodeType' in target);
  const onBlur = (event: FocusEvent) => { if (isWindow(event.target)) observe('blur'); };
  const onFocus = (event: FocusEvent) => { if (isWindow(event.target)) observe('focus'); };
  const onVisibility = () => observe('visibilitychange');
  win.addEventListener('blur', onBlur);
  win.addEventListener('focus', onFocus);
  doc.addEventListener('visibilitychange', onVisibility);
  const timer = win.setInterval(() => observe('poll'), pollMs);
  return () => {
    win.clearInterval(timer);
    win.removeEventListener('blur', onBlur);
    win.removeEventListener('focus', onFocus);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
