import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LanguageSwitch } from './language-switch';
import { bindHtmlLang, localeStore, useTranslate } from './locale-store';
import { isLoaded } from './translate';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Title() {
  const t = useTranslate();
  return <h1>{t('kiosk.title')}</h1>;
}

let container: HTMLElement;
let root: Root;
let unbind: () => void;

beforeEach(() => {
  localeStore.getState().setLocale('fr');
  unbind = bindHtmlLang();
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  act(() => root.render(<><Title /><LanguageSwitch /></>));
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  unbind();
});

const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('the language switch (jsdom)', () => {
  it('is a labelled group of two toggle buttons, each language named in itself, French first and pressed', () => {
    const group = container.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).toBe('Langue');
    expect([...group.querySelectorAll('button')].map((b) => [b.textContent, b.lang, b.getAttribute('aria-pressed')]))
      .toEqual([['Français', 'fr', 'true'], ['English', 'en', 'false']]);
    expect(document.documentElement.lang).toBe('fr');
  });

  it('English loads its words first (the page stays French meanwhile, and a choice made meanwhile wins); then the words, the pressed button and <html lang> change; and back', async () => {
    expect(isLoaded('en')).toBe(false);
    act(() => button('English').click());
    expect(container.querySelector('h1')!.textContent).toBe('Passation — poste candidat');
    expect(document.documentElement.lang).toBe('fr');
    act(() => button('Français').click());
    await act(() => vi.waitFor(() => expect(isLoaded('en')).toBe(true)));
    await act(() => Promise.resolve());
    expect(container.querySelector('h1')!.textContent).toBe('Passation — poste candidat');
    expect(button('Français').getAttribute('aria-pressed')).toBe('true');

    act(() => button('English').click());
    expect(container.querySelector('h1')!.textContent).toBe('Passation — candidate station');
    expect(container.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe('Language');
    expect(button('English').getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('en');
    act(() => button('Français').click());
    expect(container.querySelector('h1')!.textContent).toBe('Passation — poste candidat');
    expect(document.documentElement.lang).toBe('fr');
  });
});
