// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskBridge, ShellLockdownEvent } from '../../../shared/formats/kiosk-bridge';
import { ok } from '../../../shared/result';
import type { ApiClient } from '../../ui/api-client';
import { startPageLockdown, type PageLockdown } from './page-lockdown';

// The in-page lockdown wired to jsdom's real window and events; only the station is a recorder (its real route
// is exercised in Chromium by e2e/kiosk-page.spec.ts).
let sent: { body: Record<string, unknown>; entry: string | null }[];
let lockdown: PageLockdown;
let focused: boolean;
let context: { entryToken: string | null; challengeId: string | null };
let lost: number;

const recorder = (entry: () => string | null): ApiClient => ({
  call: (async (_route: unknown, input: { body: Record<string, unknown> }) => {
    sent.push({ body: input.body, entry: entry() });
    return ok({ recorded: true });
  }) as unknown as ApiClient['call'],
});

function start(bridge: KioskBridge | null = null) {
  lockdown = startPageLockdown({ context: () => context, onFocusLost: () => { lost++; }, client: recorder, bridge });
}

const flush = () => new Promise((r) => setTimeout(r, 0));
function dispatch(event: Event, target: EventTarget = document.body): Event {
  target.dispatchEvent(event);
  return event;
}
function pasteEvent(text: string): Event {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: { getData: (type: string) => (type === 'text/plain' ? text : '') } });
  return event;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  sent = [];
  lost = 0;
  focused = true;
  context = { entryToken: 'entree-1', challengeId: 'rec123' };
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
  document.body.innerHTML = '<main><p id="consigne">Consigne de la question</p><input id="reponse" aria-label="Réponse"><a id="dehors" href="https://example.org/">lien</a><a id="dedans" href="#consigne">ici</a><form id="f"><button>ok</button></form></main>';
});
afterEach(() => {
  lockdown.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the focus watch, reported to the station', () => {
  it('a blur is a loss (with the challenge and the entry token of the moment), the next poll with focus the return', async () => {
    start();
    focused = false;
    window.dispatchEvent(new FocusEvent('blur'));
    expect(lost).toBe(1);
    context = { entryToken: 'entree-1', challengeId: 'rec999' }; // the screen moved on while away: the return is about rec123
    focused = true;
    vi.advanceTimersByTime(1000);
    await flush();
    await flush();
    expect(sent.map((s) => [s.body.kind, s.body.cause, s.body.challengeId, s.entry])).toEqual([
      ['focusLost', 'fenêtre quittée', 'rec123', 'entree-1'],
      ['focusRegained', 'retour sur le test', 'rec123', 'entree-1'],
    ]);
    const [lossEvent, back] = sent.map((s) => s.body);
    expect(lossEvent!.clientEventId).not.toBe(back!.clientEventId);
    expect(String(lossEvent!.clientEventId)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(typeof (back!.details as { durationMs: number }).durationMs).toBe('number');
    expect(Date.parse(String(lossEvent!.at))).not.toBeNaN();
  });

  it('the poll alone notices a loss the browser did not signal; a blur into the page’s own embed is not one', async () => {
    start();
    const frame = document.createElement('iframe');
    document.body.append(frame);
    frame.focus();
    vi.spyOn(document, 'activeElement', 'get').mockReturnValue(frame);
    window.dispatchEvent(new FocusEvent('blur'));
    expect(lost).toBe(0);
    vi.restoreAllMocks();
    vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
    frame.remove();
    focused = false;
    vi.advanceTimersByTime(1000);
    expect(lost).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(lost).toBe(1); // one loss until the return
  });

  it('before check-in the flow hears of the loss, the station does not', async () => {
    context = { entryToken: null, challengeId: null };
    start();
    window.dispatchEvent(new FocusEvent('blur'));
    await flush();
    expect(lost).toBe(1);
    expect(sent).toEqual([]);
  });

  it('the shell’s events go through the same queue and are acknowledged to the shell once the station has them', async () => {
    const acknowledged: string[] = [];
    let listener: ((e: ShellLockdownEvent) => void) | null = null;
    const bridge = {
      onLockdownEvent: (l: (e: ShellLockdownEvent) => void) => { listener = l; return () => { listener = null; }; },
      acknowledgeLockdownEvents: (ids: readonly string[]) => acknowledged.push(...ids),
    } as unknown as KioskBridge;
    start(bridge);
    listener!({ kind: 'displayAdded', cause: 'écran ajouté', at: '2026-12-02T09:00:00.000Z', clientEventId: 'shell-1' });
    await flush();
    expect(sent.map((s) => [s.body.kind, s.entry])).toEqual([['displayAdded', 'entree-1']]);
    expect(acknowledged).toEqual(['shell-1']);
    lockdown.stop();
    expect(listener).toBeNull();
  });
});

describe('an attachment open in a permitted application (the shell says so)', () => {
  it('leaving the page then is no focus loss; after the application closed it is again', async () => {
    let listener: ((e: ShellLockdownEvent) => void) | null = null;
    const bridge = {
      onLockdownEvent: (l: (e: ShellLockdownEvent) => void) => { listener = l; return () => { listener = null; }; },
      acknowledgeLockdownEvents: () => {},
    } as unknown as KioskBridge;
    start(bridge);
    const shell = (kind: 'allowedApplicationOpened' | 'allowedApplicationClosed', id: string) =>
      listener!({ kind, cause: 'LibreOffice Calc', at: '2026-12-02T09:00:00.000Z', clientEventId: id });
    shell('allowedApplicationOpened', 'shell-open');
    focused = false;
    window.dispatchEvent(new FocusEvent('blur'));
    focused = true;
    vi.advanceTimersByTime(1000);
    shell('allowedApplicationClosed', 'shell-close');
    await flush();
    await flush();
    expect(lost).toBe(0);
    expect(sent.map((s) => s.body.kind)).toEqual(['allowedApplicationOpened', 'allowedApplicationClosed']);
    focused = false;
    window.dispatchEvent(new FocusEvent('blur'));
    await flush();
    expect(lost).toBe(1);
    expect(sent.map((s) => s.body.kind).at(-1)).toBe('focusLost');
  });
});

describe('what the page refuses', () => {
  beforeEach(() => start());

  it('no context menu, no drag and drop', () => {
    for (const type of ['contextmenu', 'dragstart', 'dragover', 'drop']) {
      expect(dispatch(new Event(type, { bubbles: true, cancelable: true })).defaultPrevented, type).toBe(true);
    }
  });

  it('selection only inside answer fields', () => {
    expect(dispatch(new Event('selectstart', { bubbles: true, cancelable: true }), document.getElementById('consigne')!.firstChild!).defaultPrevented).toBe(true);
    expect(dispatch(new Event('selectstart', { bubbles: true, cancelable: true }), document.getElementById('reponse')!).defaultPrevented).toBe(false);
  });

  it('paste: what was copied in an answer field goes back; a text from outside does not; nowhere but an answer field', () => {
    const field = document.getElementById('reponse') as HTMLInputElement;
    field.value = 'la réponse 42';
    field.setSelectionRange(11, 13);
    expect(dispatch(new Event('copy', { bubbles: true, cancelable: true }), field).defaultPrevented).toBe(false);
    expect(dispatch(pasteEvent('42'), field).defaultPrevented).toBe(false);
    expect(dispatch(pasteEvent('copié ailleurs'), field).defaultPrevented).toBe(true);
    expect(dispatch(pasteEvent('42'), document.getElementById('consigne')!).defaultPrevented).toBe(true);
    // Copying the instruction (outside an answer field) is refused, so it cannot be pasted either.
    expect(dispatch(new Event('copy', { bubbles: true, cancelable: true }), document.getElementById('consigne')!).defaultPrevented).toBe(true);
  });

  it('nothing leaves: a link to another origin, window.open, a form submitted, Alt+←', () => {
    const click = (id: string) => dispatch(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }), document.getElementById(id)!);
    expect(click('dehors').defaultPrevented).toBe(true);
    const inside = click('dedans');
    expect(inside.defaultPrevented).toBe(false);
    expect(window.open('https://example.org/')).toBeNull();
    expect(dispatch(new Event('submit', { bubbles: true, cancelable: true }), document.getElementById('f')!).defaultPrevented).toBe(true);
    expect(dispatch(new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true, bubbles: true, cancelable: true })).defaultPrevented).toBe(true);
    expect(dispatch(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true })).defaultPrevented).toBe(false);
  });

  it('stop() gives the page back as it was', () => {
    lockdown.stop();
    expect(dispatch(new Event('contextmenu', { bubbles: true, cancelable: true })).defaultPrevented).toBe(false);
    start();
  });
});
