import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../../ui/i18n/translate';
import { announcementAt, clockText, spokenDuration, wholeSecondsLeft, type Announcement } from './countdown-announcement';

beforeAll(() => loadLocale('en')); // English is chosen in this file: its chunk, loaded first.

// R-VAL-5 — the countdown of a timed challenge: mm:ss each second, spoken at sensible moments only, as words.

const spoken = (seconds: number, locale: 'fr' | 'en' = 'fr') => {
  const { key, params } = spokenDuration(seconds);
  return translate(locale, key, params);
};

/** Every announcement of a countdown read every 250 ms from `total` seconds down to past zero. */
function announcementsOf(totalSeconds: number, stepMs = 250): Announcement[] {
  const said: Announcement[] = [];
  let previous: number | null = null;
  for (let ms = totalSeconds * 1000; ; ms -= stepMs) {
    const current = wholeSecondsLeft(ms);
    const announcement = announcementAt(previous, current);
    if (announcement) said.push(announcement);
    previous = current;
    if (ms <= -stepMs) break; // a few readings after time is up: nothing more is said
  }
  return said;
}

describe('the countdown', () => {
  it('shows whole seconds rounded up, as mm:ss', () => {
    expect([90_000, 89_001, 60_000, 59_999, 1, 0, -5].map(wholeSecondsLeft)).toEqual([90, 90, 60, 60, 1, 0, 0]);
    expect(wholeSecondsLeft(Number.NaN)).toBe(0);
    expect([78, 60, 9, 0, 3600 + 5].map(clockText)).toEqual(['01:18', '01:00', '00:09', '00:00', '60:05']);
  });

  it('reads durations as words, in each language', () => {
    expect(spoken(90)).toBe('1 minute 30 secondes');
    expect(spoken(45)).toBe('45 secondes');
    expect(spoken(1)).toBe('1 seconde');
    expect(spoken(120)).toBe('2 minutes');
    expect(spoken(61)).toBe('1 minute 1 seconde');
    expect(spoken(150, 'en')).toBe('2 minutes 30 seconds');
    expect(spoken(1, 'en')).toBe('1 second');
  });

  it('a 78 s timer (60 s + 30 % extra time) is announced at the start, at 1 minute, 30 s, 10 s and time up', () => {
    expect(announcementsOf(78)).toEqual([
      { kind: 'left', seconds: 78 }, { kind: 'left', seconds: 60 }, { kind: 'left', seconds: 30 }, { kind: 'left', seconds: 10 }, { kind: 'timeUp' },
    ]);
  });

  it('a 3-minute timer: each whole minute, never every second', () => {
    expect(announcementsOf(180).map((a) => (a.kind === 'left' ? a.seconds : 'up'))).toEqual([180, 120, 60, 30, 10, 'up']);
  });

  it('a page that skipped seconds still announces a moment it crossed, with the time really left; and time up once', () => {
    expect(announcementAt(65, 58)).toEqual({ kind: 'left', seconds: 58 });
    expect(announcementAt(58, 57)).toBeNull();
    expect(announcementAt(12, 3)).toEqual({ kind: 'left', seconds: 3 });
    expect(announcementAt(3, 0)).toEqual({ kind: 'timeUp' });
    expect(announcementAt(0, 0)).toBeNull();
    expect(announcementAt(null, 0)).toEqual({ kind: 'timeUp' });
  });

  it('property: whatever the timer and the tick, at most 1 + minutes + 3 announcements, ending with time up, each second a moment or the start', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 50, max: 5000 }), (total, step) => {
      const said = announcementsOf(total, step);
      expect(said.at(-1)).toEqual({ kind: 'timeUp' });
      expect(said.filter((a) => a.kind === 'timeUp')).toHaveLength(1);
      expect(said.length).toBeLessThanOrEqual(1 + Math.floor(total / 60) + 3);
      const seconds = said.flatMap((a) => (a.kind === 'left' ? [a.seconds] : []));
      expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
      if (step <= 1000) for (const s of seconds.slice(1)) expect(s % 60 === 0 || s === 30 || s === 10).toBe(true);
    }), { numRuns: 200 });
  });
});
