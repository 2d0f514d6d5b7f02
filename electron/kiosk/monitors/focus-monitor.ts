import { shellEvent, type Step } from './shell-event';

/**
 * kiosk-lockdown §2 — the window's focus as the OS sees it (the page sees its own, §3): a blur, the computer
 * going to sleep or the session being locked is a loss; focus back, wake-up or unlock is the return, with how
 * long it lasted. Repeated losses before a return count once (a blur then a lock is one absence).
 */
export type FocusObservation =
  | { type: 'blur' | 'focus'; atMs: number }
  | { type: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'; atMs: number };

export interface FocusState { lostAtMs: number | null }
export const FOCUS_START: FocusState = { lostAtMs: null };

const LOSS_CAUSE = {
  blur: 'la fenêtre du test a perdu le focus',
  suspend: 'l’ordinateur s’est mis en veille',
  'lock-screen': 'la session de l’ordinateur a été verrouillée',
} as const;

export function focusStep(state: FocusState, o: FocusObservation): Step<FocusState> {
  if (o.type === 'blur' || o.type === 'suspend' || o.type === 'lock-screen') {
    if (state.lostAtMs !== null) return { state, events: [] };
    return { state: { lostAtMs: o.atMs }, events: [shellEvent('focusLost', LOSS_CAUSE[o.type], o.atMs, { trigger: o.type })] };
  }
  if (state.lostAtMs === null) return { state, events: [] };
  const durationMs = Math.max(0, o.atMs - state.lostAtMs);
  return { state: FOCUS_START, events: [shellEvent('focusRegained', 'la fenêtre du test a retrouvé le focus', o.atMs, { trigger: o.type, durationMs })] };
}
