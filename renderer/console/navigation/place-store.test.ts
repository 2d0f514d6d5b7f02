import { describe, expect, it } from 'vitest';
import { createPlaceStore } from './place-store';

// The console's place follows the address both ways (issue 10 §1: a reload keeps the page, Back returns).

function fakeWindow(hash: string) {
  const listeners: Array<() => void> = [];
  const win = {
    location: { hash } as Location,
    addEventListener: (type: string, listener: () => void) => { if (type === 'hashchange') listeners.push(listener); },
    /** What the browser does when the user edits the address or presses Back. */
    navigate(next: string) { win.location.hash = next; for (const l of listeners) l(); },
  };
  return win;
}

describe('the place store', () => {
  it('starts at the place the address names', () => {
    expect(createPlaceStore(fakeWindow('#/resultats') as never).getState().place).toEqual({ area: 'invigilator', page: 'results' });
  });
  it('writes the place it goes to into the address', () => {
    const win = fakeWindow('');
    const store = createPlaceStore(win as never);
    store.getState().go({ area: 'manager', page: 'session', sessionId: 7 });
    expect(win.location.hash).toBe('#/responsable/sessions/7');
    expect(store.getState().place).toEqual({ area: 'manager', page: 'session', sessionId: 7 });
  });
  it('follows the address when the user changes it or goes back', () => {
    const win = fakeWindow('#/responsable');
    const store = createPlaceStore(win as never);
    win.navigate('#/finalisation');
    expect(store.getState().place).toEqual({ area: 'invigilator', page: 'finalisation' });
    win.navigate('#/responsable/centre');
    expect(store.getState().place).toEqual({ area: 'manager', page: 'centre' });
  });
});
