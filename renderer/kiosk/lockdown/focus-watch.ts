/**
 * kiosk-lockdown §3 — whether the pupil is on the test page, decided from what the browser tells (pure, tested
 * without a browser). Four signals reach it: `document.hasFocus()` polled every second, the window's `blur` and
 * `focus`, and `visibilitychange`. A loss is reported once until the page has focus again; the return carries the
 * time away, measured on a monotonic clock (R-VAL-4, R-VAL-5: a loss during a focused challenge is recorded).
 */

/** Causes, in French: the station stores them as they are and the invigilator reads them on the console. */
export const FOCUS_CAUSES = {
  windowLeft: 'fenêtre quittée',
  pageHidden: 'page masquée (une autre fenêtre ou un autre onglet est passé devant)',
  back: 'retour sur le test',
} as const;
export type FocusLossCause = 'windowLeft' | 'pageHidden';

/** What the browser says, at one of the four signals. */
export interface FocusFacts {
  /** `document.hasFocus()`. */
  hasFocus: boolean;
  /** `document.visibilityState === 'hidden'`. */
  hidden: boolean;
  /** The page's focused element is one of its own iframes (a challenge's embed): focus is still in the page. */
  focusInOwnFrame: boolean;
}
export type FocusSignal = 'poll' | 'blur' | 'focus' | 'visibilitychange';

export type FocusState =
  | { kind: 'onPage' }
  | { kind: 'away'; cause: FocusLossCause; sinceMs: number; at: string };

export type FocusChange =
  | { kind: 'lost'; cause: FocusLossCause; signal: FocusSignal }
  | { kind: 'regained'; lostCause: FocusLossCause; durationMs: number; signal: FocusSignal };

export const INITIAL_FOCUS: FocusState = { kind: 'onPage' };

/** Where the pupil is by these facts: on the page, or away and why (null: this signal tells nothing new). */
export function whereIsPupil(signal: FocusSignal, facts: FocusFacts): { onPage: true } | { onPage: false; cause: FocusLossCause } | null {
  if (facts.hidden) return { onPage: false, cause: 'pageHidden' };
  // A blur towards the page's own iframe (an embed the pupil clicked into) is not leaving the test.
  if (signal === 'blur') return facts.focusInOwnFrame ? null : { onPage: false, cause: 'windowLeft' };
  if (facts.hasFocus || facts.focusInOwnFrame) return { onPage: true };
  // `focus` fired but the document says it has none (a transient during a switch): wait for the poll.
  if (signal === 'focus') return null;
  return { onPage: false, cause: 'windowLeft' };
}

/** One step: `nowMs` monotonic (`performance.now()`), `at` the wall-clock time for the station (ISO 8601). */
export function nextFocus(state: FocusState, signal: FocusSignal, facts: FocusFacts, nowMs: number, at: string): { state: FocusState; change: FocusChange | null } {
  const where = whereIsPupil(signal, facts);
  if (where === null) return { state, change: null };
  if (!where.onPage) {
    if (state.kind === 'away') return { state, change: null };
    return { state: { kind: 'away', cause: where.cause, sinceMs: nowMs, at }, change: { kind: 'lost', cause: where.cause, signal } };
  }
  if (state.kind === 'onPage') return { state, change: null };
  const durationMs = Math.max(0, Math.round(nowMs - state.sinceMs));
  return { state: INITIAL_FOCUS, change: { kind: 'regained', lostCause: state.cause, durationMs, signal } };
}

/** The poll's period (kiosk-lockdown §3: every second). */
export const FOCUS_POLL_MS = 1000;
