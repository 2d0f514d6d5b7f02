import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/**
 * R-VAL-5, issue 8 §1 — what the countdown of a timed challenge shows and what it says to a screen reader (pure).
 * The display changes each second; the announcements come at sensible moments only: at the start, at each whole
 * minute, at 30 s and 10 s left, and when time is up. A tick may skip seconds (a busy or throttled page): an
 * announcement is due when a moment was crossed since the previous reading, and says the time really left.
 */

const SECOND_MS = 1000;
const MINUTE = 60;
const LATE_MOMENTS = [30, 10] as const;

/** Whole seconds left, rounded up (the display shows 00:01 until the very end); 0 once time is up. */
export function wholeSecondsLeft(remainingMs: number): number {
  if (!Number.isFinite(remainingMs) || remainingMs <= 0) return 0;
  return Math.ceil(remainingMs / SECOND_MS);
}

/** `mm:ss` (minutes go past 59 rather than showing hours: a challenge timer is short). */
export function clockText(seconds: number): string {
  const safe = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(safe / MINUTE)).padStart(2, '0')}:${String(safe % MINUTE).padStart(2, '0')}`;
}

export type Announcement = { kind: 'left'; seconds: number } | { kind: 'timeUp' };

function isMoment(seconds: number): boolean {
  return seconds === 0 || seconds % MINUTE === 0 || (LATE_MOMENTS as readonly number[]).includes(seconds);
}

/**
 * What to announce now that `current` seconds are left, the previous reading having been `previous`
 * (null: the countdown has just appeared, which is announced). Null: nothing to say.
 */
export function announcementAt(previous: number | null, current: number): Announcement | null {
  if (previous === null) return current <= 0 ? { kind: 'timeUp' } : { kind: 'left', seconds: current };
  if (current >= previous) return null;
  if (current <= 0) return { kind: 'timeUp' };
  for (let seconds = previous - 1; seconds >= current; seconds--) {
    if (isMoment(seconds)) return { kind: 'left', seconds: current };
  }
  return null;
}

/** A duration read as words: « 1 minute 30 secondes », « 45 secondes », « 2 minutes » (catalogue key and its numbers). */
export function spokenDuration(seconds: number): { key: MessageKey; params: { minutes: number; seconds: number } } {
  const safe = Math.max(0, Math.floor(seconds));
  const params = { minutes: Math.floor(safe / MINUTE), seconds: safe % MINUTE };
  if (params.minutes === 0) return { key: 'challenge.duration.seconds', params };
  return { key: params.seconds === 0 ? 'challenge.duration.minutes' : 'challenge.duration.minutesSeconds', params };
}
