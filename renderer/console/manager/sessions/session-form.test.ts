import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionInput, type Session } from '../../../../shared/formats/session';
import { EMPTY_SESSION_FORM, newSessionForm, readSessionForm, sameSlotAs, sessionFormOf, sessionRefusal, type SessionFormFields } from './session-form';

// R-SESS-1 — the session's form read into the station's body, or every problem by field, in French.

const FILLED: SessionFormFields = {
  ...EMPTY_SESSION_FORM, centre: 'Collège des Érables', siteAddress: '12 rue des Lilas, Lyon', room: 'B12', date: '2026-03-14',
  startTime: '09:00', invigilatorName: 'M. Martin',
};

const session = (over: Partial<Session>): Session => ({
  id: 1, number: 1, centre: 'Collège', siteAddress: '12 rue des Lilas, Lyon', room: 'B12', date: '2026-03-14', startTime: '09:00',
  invigilatorName: 'M. Martin', maxLevel: 5, locale: 'fr', accessCode: 'BCDF23', status: 'created', createdAt: '2026-01-01T00:00:00.000Z', ...over,
});

describe('readSessionForm', () => {
  it('names every missing field at once, in the form’s order', () => {
    const read = readSessionForm(EMPTY_SESSION_FORM);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.field, p.key])).toEqual([
      ['centre', 'sessions.field.centre.missing'], ['siteAddress', 'sessions.field.siteAddress.missing'], ['room', 'sessions.field.room.missing'],
      ['date', 'sessions.field.date.missing'], ['startTime', 'sessions.field.startTime.missing'], ['invigilatorName', 'sessions.field.invigilatorName.missing'],
    ]);
  });
  it('refuses a date that does not exist, a time off the 24-hour clock, a level out of range, invisible characters', () => {
    const read = readSessionForm({ ...FILLED, date: '2026-02-30', startTime: '24:00', maxLevel: '9', room: 'B\u202e12' });
    expect(read.ok ? [] : read.problems.map((p) => [p.field, p.key])).toEqual([
      ['room', 'sessions.unsafeCharacters'], ['date', 'sessions.field.date.invalid'], ['startTime', 'sessions.field.startTime.invalid'],
      ['maxLevel', 'sessions.field.maxLevel.invalid'],
    ]);
  });
  it('trims what was typed and leaves an empty description out', () => {
    expect(readSessionForm({ ...FILLED, room: '  B12 ', description: '   ' })).toEqual({
      ok: true, value: { centre: 'Collège des Érables', siteAddress: '12 rue des Lilas, Lyon', room: 'B12', invigilatorName: 'M. Martin', date: '2026-03-14', startTime: '09:00', maxLevel: 5, locale: 'fr' },
    });
  });
  it('whatever is typed, a body it gives is one the station’s own schema accepts unchanged', () => {
    let accepted = 0;
    const text = fc.string({ maxLength: 40 });
    fc.assert(fc.property(
      fc.record({ centre: text, siteAddress: text, room: text, invigilatorName: text, description: text,
        date: fc.oneof(fc.constant('2026-03-14'), fc.string({ maxLength: 10 }), fc.date({ noInvalidDate: true, min: new Date('1000-01-01'), max: new Date('9999-12-31') }).map((d) => d.toISOString().slice(0, 10))),
        startTime: fc.oneof(fc.constant('09:00'), fc.string({ maxLength: 5 }), fc.tuple(fc.nat(30), fc.nat(70)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)),
        maxLevel: fc.oneof(fc.constant('5'), fc.string({ maxLength: 2 })), locale: fc.constantFrom('fr', 'en', 'de') }),
      (fields) => {
        const read = readSessionForm(fields);
        if (!read.ok) { expect(read.problems.length).toBeGreaterThan(0); return; }
        accepted += 1;
        const parsed = SessionInput.safeParse(read.value);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual({ ...read.value });
      },
    ), { numRuns: 400 });
    expect(accepted).toBeGreaterThan(5); // the property saw accepted forms, not only refused ones
  });
  it('a session read back into the form gives the same session', () => {
    const s = session({ description: 'Classe de 3e B', maxLevel: 6, locale: 'en' });
    const read = readSessionForm(sessionFormOf(s));
    expect(read).toEqual({ ok: true, value: { centre: s.centre, siteAddress: s.siteAddress, room: s.room, invigilatorName: s.invigilatorName, date: s.date, startTime: s.startTime, maxLevel: 6, locale: 'en', description: 'Classe de 3e B' } });
  });
  it('a new session starts from the centre and address of the latest one', () => {
    expect(newSessionForm([session({ id: 1, centre: 'Ancien' }), session({ id: 4, centre: 'Récent', siteAddress: '2 rue' })])).toMatchObject({ centre: 'Récent', siteAddress: '2 rue', room: '' });
    expect(newSessionForm([])).toEqual(EMPTY_SESSION_FORM);
  });
});

describe('the duplicate (R-SESS-1)', () => {
  it('finds the session in the same slot as the station compares it: no accents, case or punctuation', () => {
    const sessions = [session({ id: 1, number: 7 }), session({ id: 2, number: 8, room: 'C3' })];
    expect(sameSlotAs(sessions, { siteAddress: '12 RUE DES LILAS LYON', room: 'b-12', date: '2026-03-14', startTime: '09:00' })?.number).toBe(7);
    expect(sameSlotAs(sessions, { siteAddress: '12 rue des Lilas, Lyon', room: 'B12', date: '2026-03-14', startTime: '09:30' })).toBeNull();
    expect(sameSlotAs(sessions, { siteAddress: '12 rue des Lilas, Lyon', room: 'B12', date: '2026-03-14', startTime: '09:00' }, 1)).toBeNull();
  });
  it('is worded naming the other session, and marks the four fields of the slot', () => {
    const refusal = sessionRefusal({ kind: 'refused', status: 409, error: { code: 'duplicateSession', message: '…' } }, session({ number: 7 }));
    expect(refusal.refusal).toEqual({ key: 'sessions.duplicateNamed', params: { number: 7 } });
    expect(refusal.problems.map((p) => p.field)).toEqual(['siteAddress', 'room', 'date', 'startTime']);
    expect(sessionRefusal({ kind: 'refused', status: 409, error: { code: 'duplicateSession', message: '…' } }, null).refusal.key).toBe('sessions.duplicate');
  });
  it('a field the station refused is named on that field; no answer is « the station does not answer »', () => {
    const refusal = sessionRefusal({ kind: 'refused', status: 400, error: { code: 'invalidBody', message: '…', field: 'room', errors: [{ field: 'room', message: '…' }, { field: 'date', message: '…' }] } }, null);
    expect(refusal.problems.map((p) => p.field)).toEqual(['room', 'date']);
    expect(sessionRefusal({ kind: 'network', message: 'x' }, null).refusal.key).toBe('manager.unreachable');
  });
});
