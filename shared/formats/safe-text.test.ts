import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidentInput, FinalisationRequest } from './console-api';
import { KioskPairing } from './centre-api';
import { KioskCheckIn, KioskEvent } from './kiosk-api';
import { parseWith } from './parse';
import { UNSAFE_TEXT_MESSAGE, hasUnsafeCharacters, stripUnsafeCharacters } from './safe-text';
import { CandidateInput, SessionInput } from './session';

/** One character of each forbidden family: lone surrogates, NUL and C0/C1 controls, bidi overrides and isolates. */
const UNSAFE = ['\uD800', '\uDFFF', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u202E', '\u202D', '\u2066', '\u2069', '\u200F', '\u061C'];
const unsafeChar = fc.constantFrom(...UNSAFE);
/** Text without any forbidden character, by an independent definition (Unicode properties). */
const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((t) => !/[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(t));
const spiked = fc.tuple(text, unsafeChar, text).map(([a, u, b]) => `${a}${u}${b}`);

const candidate = { lastName: 'Lefèvre', firstName: 'Zoé', sex: 'F', birthDate: '2010-03-14', birthplace: { kind: 'insee', code: '69123' } };
const session = { centre: 'Collège', siteAddress: '3 rue des Écoles', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'Mme Rivière' };
const checkIn = { sessionNumber: 1, lastName: 'Dupont', firstName: 'Marie', birthDate: '2010-03-14', accessCode: 'BCDF23' };

describe('text hygiene (the rules in safe-text.ts)', () => {
  it('well-formed text without controls is kept as is; any forbidden character is seen', () => {
    fc.assert(fc.property(text, (t) => {
      fc.pre(!hasUnsafeCharacters(t));
      expect(stripUnsafeCharacters(t)).toBe(t);
    }));
    fc.assert(fc.property(spiked, (t) => { expect(hasUnsafeCharacters(t)).toBe(true); }));
  });

  it('stripping leaves no forbidden character, keeps the rest in order, and is idempotent; tab and new line stay', () => {
    fc.assert(fc.property(fc.array(fc.oneof(text, unsafeChar)), (parts) => {
      // Joined with spaces: two halves side by side ('\uD800' + '\uDFFF') would make one valid character.
      const joined = parts.join(' ');
      const stripped = stripUnsafeCharacters(joined);
      expect(hasUnsafeCharacters(stripped)).toBe(false);
      expect(stripUnsafeCharacters(stripped)).toBe(stripped);
      expect(stripped).toBe(parts.map((p) => (UNSAFE.includes(p) ? '' : p)).join(' '));
    }));
    expect(stripUnsafeCharacters('ligne 1\n\tligne 2')).toBe('ligne 1\n\tligne 2');
    expect(stripUnsafeCharacters('😀 é')).toBe('😀 é');
  });

  it('names (candidate, check-in, session fields) with a forbidden character are refused, the field named in French', () => {
    fc.assert(fc.property(spiked, fc.constantFrom('lastName', 'firstName'), (name, field) => {
      fc.pre(/\p{L}/u.test(name));
      for (const [schema, input] of [[CandidateInput, candidate], [KioskCheckIn, checkIn]] as const) {
        const parsed = parseWith(schema, { ...input, [field]: name });
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.errors).toContainEqual({ path: field, message: UNSAFE_TEXT_MESSAGE });
      }
    }));
    const spoofed = parseWith(CandidateInput, { ...candidate, lastName: 'Martin\u202Efdp.exe' });
    expect(spoofed.ok ? [] : spoofed.errors).toEqual([{ path: 'lastName', message: UNSAFE_TEXT_MESSAGE }]);
    const room = parseWith(SessionInput, { ...session, room: 'B\u000012' });
    expect(room.ok ? [] : room.errors.map((e) => e.path)).toEqual(['room']);
    const city = parseWith(CandidateInput, { ...candidate, birthplace: { kind: 'foreign', city: 'Ber\uD800lin', country: 'Allemagne' } });
    expect(city.ok ? [] : city.errors.map((e) => e.path)).toEqual(['birthplace.city']);
  });

  it('free texts (incident description, comments, kiosk names, event causes) are stripped, not refused', () => {
    fc.assert(fc.property(spiked, (t) => {
      const expected = stripUnsafeCharacters(t).trim();
      fc.pre(expected.length > 0);
      const incident = parseWith(IncidentInput, { candidateId: 1, category: 'C1', description: t });
      expect(incident.ok && incident.value.description).toBe(expected);
      const comment = parseWith(FinalisationRequest, { globalComment: t, incidentDuringSession: false, joiningIssue: false });
      expect(comment.ok && comment.value.globalComment).toBe(expected);
      const kiosk = parseWith(KioskPairing, { code: '123456', name: t.slice(0, 80) });
      if (kiosk.ok) expect(hasUnsafeCharacters(kiosk.value.name)).toBe(false);
      const event = parseWith(KioskEvent, { kind: 'focusLost', cause: t, at: '2026-11-23T18:45:02Z', details: { note: t } });
      expect(event.ok && event.value.cause).toBe(expected);
      expect(event.ok && event.value.details?.note).toBe(stripUnsafeCharacters(t));
    }));
    const description = parseWith(IncidentInput, { candidateId: 1, category: 'C1', description: 'image\u0000 blanche \u202E' });
    expect(description.ok && description.value.description).toBe('image blanche');
  });
});
