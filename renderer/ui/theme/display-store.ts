import { createStore, type StoreApi } from 'zustand/vanilla';
import { DISPLAY_STORAGE_KEY, displayAttributes, readDisplayPreferences, writeDisplayPreferences, type DisplayPreferences, type TextSize } from './display-preferences';

export interface DisplayState extends DisplayPreferences {
  setHighContrast(on: boolean): void;
  setTextSize(size: TextSize): void;
}

/** Where preferences are kept (`localStorage`), and what takes them (`<html>`): injected for tests. */
export interface DisplayHost {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  root: Pick<Element, 'setAttribute' | 'removeAttribute'>;
}

function safeStorage(): DisplayHost['storage'] {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage refused (a locked-down profile): the preferences hold for this page only
  }
}

/** The display store: read from storage at creation, applied to `root` at once and on every change, kept. */
export function createDisplayStore(host: DisplayHost): StoreApi<DisplayState> {
  const read = () => { try { return host.storage?.getItem(DISPLAY_STORAGE_KEY) ?? null; } catch { return null; } };
  const apply = (preferences: DisplayPreferences) => {
    for (const [name, value] of Object.entries(displayAttributes(preferences))) {
      if (value === null) host.root.removeAttribute(name);
      else host.root.setAttribute(name, value);
    }
    try { host.storage?.setItem(DISPLAY_STORAGE_KEY, writeDisplayPreferences(preferences)); } catch { /* kept for this page only */ }
  };
  const store = createStore<DisplayState>((set) => ({
    ...readDisplayPreferences(read()),
    setHighContrast: (on) => set({ theme: on ? 'high-contrast' : 'normal' }),
    setTextSize: (textSize) => set({ textSize }),
  }));
  apply(store.getState());
  store.subscribe((state) => apply(state));
  return store;
}

let pageStore: StoreApi<DisplayState> | null = null;
/** The page's own store, on `<html>` and `localStorage`; the first call applies the kept preferences. */
export function displayStore(): StoreApi<DisplayState> {
  pageStore ??= createDisplayStore({ storage: safeStorage(), root: document.documentElement });
  return pageStore;
}
