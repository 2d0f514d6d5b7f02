import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AnswerOwner } from './answer-store';
import { answerElapsedMs, elapsedMs, newTimer, pauseTimer, startTimer, type ChallengeTimer } from './challenge-timer';
import type { KioskDb } from './kiosk-database';

/**
 * The timer of the challenge on screen (challenge-timer.ts), persisted in the kiosk's database: `open` reads the
 * time already spent on it (before a reload), `checkpoint` writes it (every second while it runs, and when the
 * page is hidden), `finish` gives the answer's `elapsedMs`. Checkpoints are `relaxed` writes: a power cut may
 * lose the last second or so of counted time, never an answer.
 */
export interface TimerState {
  current: { challengeId: string; timer: ChallengeTimer } | null;
}

export interface TimerStore {
  state: StoreApi<TimerState>;
  /** Shows a challenge: its timer resumes from what was persisted (0 the first time) and runs. */
  open(challengeId: string): Promise<void>;
  /** Time spent on the challenge on screen so far (0 when none). */
  elapsedMs(): number;
  /** Writes the time spent so far. */
  checkpoint(): Promise<void>;
  /** Pauses (the test is suspended) and writes; `resume` runs it again. */
  pause(): Promise<void>;
  resume(): void;
  /** Stops the timer for the answer: its `elapsedMs`, written. */
  finish(): Promise<number>;
}

export const CHECKPOINT_EVERY_MS = 1000;

export function createTimerStore(db: KioskDb, owner: AnswerOwner, monotonicNow: () => number = () => performance.now(), wallNow: () => number = Date.now): TimerStore {
  const state = createStore<TimerState>(() => ({ current: null }));

  /** What this page last wrote: a paused timer already on disk is not written again (bench:kiosk, docs/benchmarks.md). */
  let written: { challengeId: string; accumulatedMs: number } | null = null;

  async function persist(): Promise<void> {
    const current = state.getState().current;
    if (!current) return;
    const accumulatedMs = Math.round(elapsedMs(current.timer, monotonicNow()));
    if (written?.challengeId === current.challengeId && written.accumulatedMs === accumulatedMs) return;
    const tx = db.transaction('timers', 'readwrite', { durability: 'relaxed' });
    await tx.store.put({ ...owner, challengeId: current.challengeId, accumulatedMs, savedAt: wallNow() });
    await tx.done;
    written = { challengeId: current.challengeId, accumulatedMs };
  }

  const update = (change: (timer: ChallengeTimer) => ChallengeTimer) => {
    const current = state.getState().current;
    if (current) state.setState({ current: { ...current, timer: change(current.timer) } });
  };

  return {
    state,
    async open(challengeId) {
      if (state.getState().current?.challengeId === challengeId) return;
      await persist();
      const saved = await db.get('timers', [owner.testKey, challengeId]);
      state.setState({ current: { challengeId, timer: startTimer(newTimer(saved?.accumulatedMs ?? 0), monotonicNow()) } });
    },
    elapsedMs() {
      const current = state.getState().current;
      return current ? elapsedMs(current.timer, monotonicNow()) : 0;
    },
    checkpoint: persist,
    async pause() {
      update((timer) => pauseTimer(timer, monotonicNow()));
      await persist();
    },
    resume() {
      update((timer) => startTimer(timer, monotonicNow()));
    },
    async finish() {
      update((timer) => pauseTimer(timer, monotonicNow()));
      const current = state.getState().current;
      await persist();
      return current ? answerElapsedMs(current.timer, monotonicNow()) : 0;
    },
  };
}

/** Where the page says it is hidden or going away (the window and the document in the screens). */
export interface PageEvents { window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>; document: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> }

/**
 * Writes the timer every `everyMs` while the page lives, and at once when it is hidden or goes away
 * (`visibilitychange`, `pagehide`): a reload or a crash loses at most one interval. Returns the stop.
 */
export function keepCheckpointing(timers: TimerStore, page: PageEvents = { window: globalThis, document: globalThis.document },
  everyMs = CHECKPOINT_EVERY_MS): () => void {
  const write = () => { void timers.checkpoint().catch((error: unknown) => console.warn('Chronomètre non enregistré', error)); };
  const interval = setInterval(write, everyMs);
  page.window.addEventListener('pagehide', write);
  page.document.addEventListener('visibilitychange', write);
  return () => {
    clearInterval(interval);
    page.window.removeEventListener('pagehide', write);
    page.document.removeEventListener('visibilitychange', write);
  };
}
