import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_TABLE, keyDecision, TECHNICIAN_CHORD, type KeyPress, type KioskPlatform } from './key-filter';

const PLATFORMS: KioskPlatform[] = ['win32', 'linux', 'darwin'];

/** A key-down as Chromium reports it. */
function press(key: string, code: string, mods: Partial<Pick<KeyPress, 'control' | 'alt' | 'shift' | 'meta'>> = {}): KeyPress {
  return { type: 'keyDown', key, code, control: false, alt: false, shift: false, meta: false, ...mods };
}
const ctrl = { control: true };
const ctrlShift = { control: true, shift: true };
const altGr = { control: true, alt: true }; // Windows reports AltGr as Ctrl+Alt

describe('key filter: blocked on Windows and Linux, key by key (kiosk-lockdown §2)', () => {
  const blocked: [string, KeyPress][] = [
    ['Alt+F4', press('F4', 'F4', { alt: true })], ['Ctrl+F4', press('F4', 'F4', ctrl)], ['F5', press('F5', 'F5')],
    ['Ctrl+F5', press('F5', 'F5', ctrl)], ['Shift+F5', press('F5', 'F5', { shift: true })], ['F11', press('F11', 'F11')],
    ['F12', press('F12', 'F12')], ['F1', press('F1', 'F1')], ['F3', press('F3', 'F3')], ['F6', press('F6', 'F6')], ['F7', press('F7', 'F7')], ['F10', press('F10', 'F10')],
    ['Ctrl+W', press('w', 'KeyW', ctrl)], ['Ctrl+W on AZERTY (key labelled W, physical KeyZ)', press('w', 'KeyZ', ctrl)],
    ['Ctrl+Shift+W', press('W', 'KeyW', ctrlShift)], ['Ctrl+Q', press('q', 'KeyQ', ctrl)],
    ['Ctrl+R', press('r', 'KeyR', ctrl)], ['Ctrl+Shift+R', press('R', 'KeyR', ctrlShift)],
    ['Ctrl+Shift+I', press('I', 'KeyI', ctrlShift)], ['Ctrl+Shift+J', press('J', 'KeyJ', ctrlShift)], ['Ctrl+Shift+C', press('C', 'KeyC', ctrlShift)],
    ['Ctrl+U', press('u', 'KeyU', ctrl)], ['Ctrl+P', press('p', 'KeyP', ctrl)], ['Ctrl+Shift+P', press('P', 'KeyP', ctrlShift)],
    ['Ctrl+S', press('s', 'KeyS', ctrl)], ['Ctrl+O', press('o', 'KeyO', ctrl)], ['Ctrl+N', press('n', 'KeyN', ctrl)],
    ['Ctrl+Shift+N', press('N', 'KeyN', ctrlShift)], ['Ctrl+T', press('t', 'KeyT', ctrl)], ['Ctrl+Shift+T', press('T', 'KeyT', ctrlShift)],
    ['Ctrl+Tab', press('Tab', 'Tab', ctrl)], ['Ctrl+Shift+Tab', press('Tab', 'Tab', ctrlShift)],
    ['Ctrl+PageDown', press('PageDown', 'PageDown', ctrl)], ['Ctrl+H', press('h', 'KeyH', ctrl)], ['Ctrl+J', press('j', 'KeyJ', ctrl)],
    ['Ctrl+L', press('l', 'KeyL', ctrl)], ['Ctrl+D', press('d', 'KeyD', ctrl)], ['Ctrl+0', press('0', 'Digit0', ctrl)],
    ['Ctrl+Shift+Delete', press('Delete', 'Delete', ctrlShift)],
    ['Alt+Left', press('ArrowLeft', 'ArrowLeft', { alt: true })], ['Alt+Right', press('ArrowRight', 'ArrowRight', { alt: true })],
    ['Alt+Home', press('Home', 'Home', { alt: true })], ['Alt+Tab', press('Tab', 'Tab', { alt: true })],
    ['Alt+Shift+Tab', press('Tab', 'Tab', { alt: true, shift: true })], ['Alt+Space', press(' ', 'Space', { alt: true })],
    ['Alt+Escape', press('Escape', 'Escape', { alt: true })],
    ['Windows key alone', press('Meta', 'MetaLeft', { meta: true })], ['Win+D', press('d', 'KeyD', { meta: true })],
    ['Win+E', press('e', 'KeyE', { meta: true })], ['Win+R', press('r', 'KeyR', { meta: true })], ['Win+Shift+S', press('S', 'KeyS', { meta: true, shift: true })],
    ['BrowserBack', press('BrowserBack', 'BrowserBack')], ['BrowserRefresh', press('BrowserRefresh', 'BrowserRefresh')],
    ['ContextMenu', press('ContextMenu', 'ContextMenu')], ['PrintScreen', press('PrintScreen', 'PrintScreen')],
  ];
  for (const platform of ['win32', 'linux'] as const) {
    it.each(blocked)(`${platform}: %s is blocked`, (_name, p) => {
      expect(keyDecision(p, platform)?.action).toBe('block');
    });
  }
  it('Windows only: Ctrl+Esc, Ctrl+Shift+Esc, and Ctrl+à on AZERTY (zoom reset read from the physical key)', () => {
    expect(keyDecision(press('Escape', 'Escape', ctrl), 'win32')?.action).toBe('block');
    expect(keyDecision(press('Escape', 'Escape', ctrlShift), 'win32')?.action).toBe('block');
    expect(keyDecision(press('à', 'Digit0', ctrl), 'win32')?.action).toBe('block');
    expect(keyDecision(press('à', 'Digit0', ctrl), 'linux')).toBeNull();
  });
});

describe('key filter: blocked on macOS', () => {
  const cmd = { meta: true };
  it.each([
    ['Cmd+Q', press('q', 'KeyQ', cmd)], ['Cmd+W', press('w', 'KeyW', cmd)], ['Cmd+R', press('r', 'KeyR', cmd)],
    ['Cmd+Option+I (key is mangled by Option)', press('ˆ', 'KeyI', { meta: true, alt: true })],
    ['Cmd+Option+J', press('∆', 'KeyJ', { meta: true, alt: true })], ['Cmd+P', press('p', 'KeyP', cmd)],
    ['Cmd+H', press('h', 'KeyH', cmd)], ['Cmd+M', press('m', 'KeyM', cmd)], ['Cmd+T', press('t', 'KeyT', cmd)],
    ['Cmd+N', press('n', 'KeyN', cmd)], ['Cmd+S', press('s', 'KeyS', cmd)], ['Cmd+,', press(',', 'Comma', cmd)],
    ['Cmd+Ctrl+F', press('f', 'KeyF', { meta: true, control: true })], ['F11', press('F11', 'F11')], ['Cmd+[', press('[', 'BracketLeft', cmd)],
  ])('darwin: %s is blocked', (_name, p) => {
    expect(keyDecision(p, 'darwin')?.action).toBe('block');
  });
  it('lets Cmd+C, Cmd+V, Cmd+X, Cmd+A, Cmd+Z through for the answers', () => {
    for (const k of ['c', 'v', 'x', 'a', 'z']) expect(keyDecision(press(k, `Key${k.toUpperCase()}`, cmd), 'darwin')).toBeNull();
  });
});

describe('key filter: typing goes through', () => {
  const typing: [string, KeyPress][] = [
    ['a', press('a', 'KeyQ')], ['A', press('A', 'KeyQ', { shift: true })], ['é', press('é', 'Digit2')], ['è', press('è', 'Digit7')],
    ['à', press('à', 'Digit0')], ['ç', press('ç', 'Digit9')], ['ù', press('ù', 'Quote')], ['0 (Shift+à)', press('0', 'Digit0', { shift: true })],
    ['dead circumflex', press('Dead', 'BracketLeft')], ['dead diaeresis', press('Dead', 'BracketLeft', { shift: true })],
    ['ê after the dead key', press('ê', 'KeyE')], ['Tab', press('Tab', 'Tab')], ['Shift+Tab', press('Tab', 'Tab', { shift: true })],
    ['Enter', press('Enter', 'Enter')], ['Space', press(' ', 'Space')], ['Escape', press('Escape', 'Escape')],
    ['Backspace', press('Backspace', 'Backspace')], ['arrows', press('ArrowDown', 'ArrowDown')], ['Home', press('Home', 'Home')],
    ['Ctrl+C', press('c', 'KeyC', ctrl)], ['Ctrl+V', press('v', 'KeyV', ctrl)], ['Ctrl+X', press('x', 'KeyX', ctrl)],
    ['Ctrl+Z (AZERTY: labelled Z, physical KeyW)', press('z', 'KeyW', ctrl)], ['Ctrl+A', press('a', 'KeyQ', ctrl)],
    ['Ctrl+Y', press('y', 'KeyY', ctrl)], ['Ctrl+ArrowLeft (word)', press('ArrowLeft', 'ArrowLeft', ctrl)], ['Ctrl+Backspace', press('Backspace', 'Backspace', ctrl)],
    ['Ctrl++ (zoom in, accessibility)', press('+', 'Equal', ctrl)], ['Ctrl+- (zoom out)', press('-', 'Digit6', ctrl)],
    ['Shift alone', press('Shift', 'ShiftLeft', { shift: true })], ['Control alone', press('Control', 'ControlLeft', ctrl)], ['Alt alone', press('Alt', 'AltLeft', { alt: true })],
  ];
  for (const platform of PLATFORMS) {
    it.each(typing)(`${platform}: %s`, (_name, p) => {
      expect(keyDecision(p, platform)).toBeNull();
    });
  }

  // AltGr on a French AZERTY keyboard: Windows reports Ctrl+Alt, Linux (ISO_Level3_Shift) no modifier at all.
  const altGrAzerty: [string, string][] = [
    ['€', 'KeyE'], ['@', 'Digit0'], ['#', 'Digit3'], ['{', 'Digit4'], ['[', 'Digit5'], ['|', 'Digit6'],
    ['\\', 'Digit8'], ['^', 'Digit9'], [']', 'Minus'], ['}', 'Equal'], ['¤', 'BracketRight'], ['Dead', 'Digit2'], ['Dead', 'Digit7'],
  ];
  it.each(altGrAzerty)('AltGr → %s (%s) on Windows (Ctrl+Alt) and Linux', (key, code) => {
    expect(keyDecision(press(key, code, altGr), 'win32')).toBeNull();
    expect(keyDecision(press(key, code, { alt: false }), 'linux')).toBeNull();
    expect(keyDecision(press(key, code, { ...altGr, shift: true }), 'win32')).toBeNull();
  });

  it('never blocks a character typed with AltGr on Windows (Ctrl+Alt), with or without Shift', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }), fc.boolean(), fc.constantFrom('KeyE', 'Digit0', 'Digit2', 'Equal', 'BracketRight'), (ch, shift, code) => (
      keyDecision(press(ch, code, { ...altGr, shift }), 'win32') === null
    )));
  });

  it('AltGraph itself and IME composition keys go through', () => {
    expect(keyDecision(press('AltGraph', 'AltRight', altGr), 'win32')).toBeNull();
    expect(keyDecision(press('Process', 'KeyA'), 'win32')).toBeNull();
  });

  it('acts on key-down only', () => {
    expect(keyDecision({ ...press('F5', 'F5'), type: 'keyUp' }, 'linux')).toBeNull();
    expect(keyDecision({ ...press('F5', 'F5'), type: 'rawKeyDown' }, 'linux')?.action).toBe('block');
  });

  it('never blocks a single printable character typed without Ctrl, Alt or Meta', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }), fc.boolean(), fc.constantFrom(...PLATFORMS), (ch, shift, platform) => (
      keyDecision(press(ch, 'KeyA', { shift }), platform) === null
    )));
  });
});

describe('key filter: the table itself', () => {
  /** A key press that satisfies a combination, built with its own small reading of the grammar. */
  function pressFor(combo: string): KeyPress {
    if (combo === 'Meta') return press('Meta', 'MetaLeft', { meta: true });
    const parts = combo.split('+');
    const keyPart = parts.pop()!;
    const mods = { control: parts.includes('Ctrl'), alt: parts.includes('Alt'), shift: parts.includes('Shift'), meta: parts.includes('Meta') };
    if (keyPart === '*') return press('k', 'KeyK', mods);
    if (/^\[\w+\]$/.test(keyPart)) return press('?', keyPart.slice(1, -1), mods);
    const key = keyPart === 'Space' ? ' ' : keyPart.length === 1 && mods.shift ? keyPart.toUpperCase() : keyPart.toLowerCase().length === 1 ? keyPart.toLowerCase() : keyPart;
    return press(key, 'Unidentified', mods);
  }

  it('every row, on each of its platforms, is reached by its own combination (no row is dead or shadowed)', () => {
    for (const r of KEY_TABLE) {
      for (const platform of r.platforms) {
        expect(keyDecision(pressFor(r.combo), platform), `${r.combo} sur ${platform}`).toBe(r);
      }
    }
  });

  it('has no duplicate combination per platform, and says what each one does in French', () => {
    for (const platform of PLATFORMS) {
      const combos = KEY_TABLE.filter((r) => r.platforms.includes(platform)).map((r) => r.combo);
      expect(new Set(combos).size).toBe(combos.length);
    }
    for (const r of KEY_TABLE) expect(r.does.length).toBeGreaterThan(3);
  });

  it('the technician chord is recognised before the function-key row, on every platform', () => {
    expect(TECHNICIAN_CHORD).toBe('Ctrl+Alt+Shift+F10');
    for (const platform of PLATFORMS) {
      expect(keyDecision(press('F10', 'F10', { control: true, alt: true, shift: true }), platform)?.action).toBe('technicianChord');
      expect(keyDecision(press('F10', 'F10', { control: true, alt: true }), platform)?.action).toBe('block');
    }
  });
});
