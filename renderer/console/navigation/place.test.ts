import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlace, placeHash, type ConsolePlace } from './place';

// Issue 10 §1 — the console's screens are addressed by the fragment, so that reloading a page keeps it.

const PLACES: ConsolePlace[] = [
  { area: 'invigilator', page: 'board' },
  { area: 'invigilator', page: 'finalisation' },
  { area: 'invigilator', page: 'signing' },
  { area: 'invigilator', page: 'results' },
  { area: 'manager', page: 'sessions' },
  { area: 'manager', page: 'packages' },
  { area: 'manager', page: 'centre' },
];

describe('the console’s places', () => {
  it('reads the French fragments', () => {
    expect(parsePlace('')).toEqual({ area: 'invigilator', page: 'board' });
    expect(parsePlace('#/')).toEqual({ area: 'invigilator', page: 'board' });
    expect(parsePlace('#/finalisation')).toEqual({ area: 'invigilator', page: 'finalisation' });
    expect(parsePlace('#/signature')).toEqual({ area: 'invigilator', page: 'signing' });
    expect(parsePlace('#/resultats')).toEqual({ area: 'invigilator', page: 'results' });
    expect(parsePlace('#/responsable')).toEqual({ area: 'manager', page: 'sessions' });
    expect(parsePlace('#/responsable/paquets')).toEqual({ area: 'manager', page: 'packages' });
    expect(parsePlace('#/responsable/centre')).toEqual({ area: 'manager', page: 'centre' });
    expect(parsePlace('#/responsable/sessions/12')).toEqual({ area: 'manager', page: 'session', sessionId: 12 });
  });
  it('reads a mistyped address as the nearest sensible page, never as nothing', () => {
    expect(parsePlace('#/nimporte')).toEqual({ area: 'invigilator', page: 'board' });
    expect(parsePlace('#/finalisation/x')).toEqual({ area: 'invigilator', page: 'board' });
    expect(parsePlace('#/responsable/sessions/0')).toEqual({ area: 'manager', page: 'sessions' });
    expect(parsePlace('#/responsable/sessions/abc')).toEqual({ area: 'manager', page: 'sessions' });
    expect(parsePlace('#/responsable/sessions/1e3')).toEqual({ area: 'manager', page: 'sessions' });
    expect(parsePlace('#/responsable/inconnu')).toEqual({ area: 'manager', page: 'sessions' });
  });
  it('writes every place as a fragment that reads back as the same place', () => {
    for (const place of PLACES) expect(parsePlace(placeHash(place))).toEqual(place);
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999_999 }), (sessionId) => {
      const place: ConsolePlace = { area: 'manager', page: 'session', sessionId };
      expect(parsePlace(placeHash(place))).toEqual(place);
    }));
  });
  it('never fails on any fragment', () => {
    fc.assert(fc.property(fc.string(), (hash) => { expect(['invigilator', 'manager']).toContain(parsePlace(hash).area); }));
  });
});
