import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { beforeAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localeStore } from '../i18n/locale-store';
import { DISPLAY_STORAGE_KEY } from './display-preferences';
import { createDisplayStore } from './display-store';
import { DisplaySettings } from './display-settings';
import { loadLocale } from '../../ui/i18n/translate';

beforeAll(() => loadLocale('en')); // English is chosen in this file: its chunk, loaded first.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
const html = document.documentElement;

function mount() {
  const store = createDisplayStore({ storage: localStorage, root: html });
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  act(() => root.render(<DisplaySettings store={store} />));
  return store;
}
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;

beforeEach(() => {
  localStorage.clear();
  html.removeAttribute('data-theme');
  html.removeAttribute('data-text-size');
  localeStore.getState().setLocale('fr');
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('the display settings (jsdom)', () => {
  it('« Contraste élevé » is a toggle button; « Taille du texte » a group of three, 100 % pressed', () => {
    mount();
    expect(button('Contraste élevé').getAttribute('aria-pressed')).toBe('false');
    const group = container.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).toBe('Taille du texte');
    expect([...group.querySelectorAll('button')].map((b) => [b.textContent, b.getAttribute('aria-pressed')]))
      .toEqual([['100\u202f%', 'true'], ['125\u202f%', 'false'], ['150\u202f%', 'false']]);
  });

  it('applies to <html> at once and is kept across a reload (a new store on the same storage)', () => {
    mount();
    act(() => button('Contraste élevé').click());
    act(() => button('150\u202f%').click());
    expect(html.getAttribute('data-theme')).toBe('high-contrast');
    expect(html.getAttribute('data-text-size')).toBe('larger');
    expect(JSON.parse(localStorage.getItem(DISPLAY_STORAGE_KEY)!)).toEqual({ theme: 'high-contrast', textSize: 'larger' });
    act(() => root.unmount());
    container.remove();
    html.removeAttribute('data-theme');
    html.removeAttribute('data-text-size');

    mount(); // the page reloaded
    expect(html.getAttribute('data-theme')).toBe('high-contrast');
    expect(html.getAttribute('data-text-size')).toBe('larger');
    expect(button('Contraste élevé').getAttribute('aria-pressed')).toBe('true');
    act(() => button('Contraste élevé').click());
    act(() => button('100\u202f%').click());
    expect(html.hasAttribute('data-theme')).toBe(false);
    expect(html.hasAttribute('data-text-size')).toBe(false);
  });

  it('in English too', () => {
    mount();
    act(() => localeStore.getState().setLocale('en'));
    expect(button('High contrast')).toBeDefined();
    expect(container.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe('Text size');
  });
});
