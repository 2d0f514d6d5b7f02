import { createStore, type StoreApi } from 'zustand/vanilla';
import { parsePlace, placeHash, samePlace, type ConsolePlace } from './place';

export interface PlaceState {
  place: ConsolePlace;
  /** Goes to a place: the address's fragment changes (a history entry, so Back returns). */
  go(place: ConsolePlace): void;
}

/** Where the console is, following `location.hash` (links, Back and Forward, a reload) both ways. */
export function createPlaceStore(win: Pick<Window, 'location' | 'addEventListener'>): StoreApi<PlaceState> {
  const store = createStore<PlaceState>((set, get) => ({
    place: parsePlace(win.location.hash),
    go(place) {
      if (samePlace(place, get().place)) return;
      win.location.hash = placeHash(place);
      set({ place });
    },
  }));
  win.addEventListener('hashchange', () => {
    const place = parsePlace(win.location.hash);
    if (!samePlace(place, store.getState().place)) store.setState({ place });
  });
  return store;
}
