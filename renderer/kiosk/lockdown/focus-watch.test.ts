import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INITIAL_FOCUS, nextFocus, whereIsPupil, type FocusChange, type FocusFacts, type FocusSignal, type FocusState } from './focus-watch';

const AT = '2026-12-02T09:00:00.000Z';
const onPage: FocusFacts = { hasFocus: true, hidden: false, focusInOwnFrame: false };
const leftWindow: FocusFacts = { hasFocus: false, hidden: false, focusInOwnFrame: false };
const hidden: FocusFacts = { hasFocus: false, hidden: true, focusInOwnFrame: false };
const inEmbed: FocusFacts = { hasFocus: true, hidden: false, focusInOwnFrame: true };

describe('where the pupil is, by signal (kiosk-lockdown §3)', () => {
  it('a hidden page is away whatever the signal', () => {
    for (const signal of ['poll', 'blur', 'focus', 'visibilitychange'] as const) expect(whereIsPupil(signal, hidden)).toEqual({ onPage: false, cause: 'pageHidden' });
  });
  it('a window blur is leaving, unless focus went into the page’s own embed', () => {
    expect(whereIsPupil('blur', onPage)).toEqual({ onPage: false, cause: 'windowLeft' });
    expect(whereIsPupil('blur', inEmbed)).toBeNull();
    expect(whereIsPupil('poll', inEmbed)).toEqual({ onPage: true });
  });
  it('the poll decides from document.hasFocus(); a focus event without focus waits for it', () => {
    expect(whereIsPupil('poll', leftWindow)).toEqual({ onPage: false, cause: 'windowLeft' });
    expect(whereIsPupil('poll', onPage)).toEqual({ onPage: true });
    expect(whereIsPupil('focus', leftWindow)).toBeNull();
    expect(whereIsPupil('focus', onPage)).toEqual({ onPage: true });
  });
});

describe('losses and returns', () => {
  it('one loss until the return, which carries the time away (monotonic)', () => {
    let step = nextFocus(INITIAL_FOCUS, 'blur', leftWindow, 1000, AT);
    expect(step.change).toEqual({ kind: 'lost', cause: 'windowLeft', signal: 'blur' });
    step = nextFocus(step.state, 'poll', leftWindow, 2000, AT);
    expect(step.change).toBeNull();
    step = nextFocus(step.state, 'visibilitychange', hidden, 2500, AT);
    expect(step.change).toBeNull(); // still the same absence
    step = nextFocus(step.state, 'focus', onPage, 4200.4, AT);
    expect(step.change).toEqual({ kind: 'regained', lostCause: 'windowLeft', durationMs: 3200, signal: 'focus' });
    expect(step.state).toEqual(INITIAL_FOCUS);
  });

  it('property: changes alternate lost, regained…, starting with a loss; durations add up to at most the time elapsed', () => {
    const signal = fc.constantFrom<FocusSignal>('poll', 'blur', 'focus', 'visibilitychange');
    const facts = fc.record({ hasFocus: fc.boolean(), hidden: fc.boolean(), focusInOwnFrame: fc.boolean() });
    fc.assert(fc.property(fc.array(fc.tuple(signal, facts, fc.integer({ min: 0, max: 5000 })), { maxLength: 60 }), (steps) => {
      let state: FocusState = INITIAL_FOCUS;
      let now = 0;
      const changes: FocusChange[] = [];
      for (const [s, f, dt] of steps) {
        now += dt;
        const next = nextFocus(state, s, f, now, AT);
        if (next.change) changes.push(next.change);
        state = next.state;
        // A hidden page is never counted on the page.
        if (f.hidden) expect(state.kind).toBe('away');
      }
      changes.forEach((c, i) => expect(c.kind).toBe(i % 2 === 0 ? 'lost' : 'regained'));
      const away = changes.reduce((sum, c) => sum + (c.kind === 'regained' ? c.durationMs : 0), 0);
      expect(away).toBeLessThanOrEqual(now + changes.length);
      for (const c of changes) if (c.kind === 'regained') expect(c.durationMs).toBeGreaterThanOrEqual(0);
    }), { numRuns: 300 });
  });
});
