import { describe, expect, it } from 'vitest';
import { parseWith } from './parse';
import { CandidateInput, SessionInput } from './session';

const session = { centre: 'Collège Jean Moulin', siteAddress: '3 rue des Écoles, 69003 Lyon', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'Mme Rivière' };
const candidate = { lastName: 'Lefèvre', firstName: 'Zoé', sex: 'F', birthDate: '2010-03-14', birthplace: { kind: 'insee', code: '69123' } };

describe('SessionInput', () => {
  it('R-SESS-1: maxLevel defaults to 5 and locale to fr; texts are trimmed', () => {
    const parsed = parseWith(SessionInput, { ...session, room: '  B12 ' });
    expect(parsed).toEqual({ ok: true, value: { ...session, maxLevel: 5, locale: 'fr' } });
  });

  it('R-SESS-1: start time is HH:MM on 24 hours, the date must exist', () => {
    for (const startTime of ['9:00', '24:00', '09:60', '09h00']) {
      const parsed = parseWith(SessionInput, { ...session, startTime });
      expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(['startTime']);
    }
    const parsed = parseWith(SessionInput, { ...session, date: '2026-02-30' });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(['date']);
  });

  it('R-SESS-1: an empty room or an unknown field is refused, with the field named', () => {
    const parsed = parseWith(SessionInput, { ...session, room: '   ', number: 4 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path).sort()).toEqual(['(racine)', 'room']);
  });
});

describe('CandidateInput', () => {
  it('R-SESS-3: extra time 0 and no adjustment by default', () => {
    const parsed = parseWith(CandidateInput, candidate);
    expect(parsed.ok && parsed.value.extraTimePercent).toBe(0);
    expect(parsed.ok && parsed.value.accessibilityAdjustment).toBe(false);
  });

  it('R-SESS-3: birth date strictly after 1900-01-01 and not in the future', () => {
    const errorsFor = (birthDate: string) => {
      const parsed = parseWith(CandidateInput, { ...candidate, birthDate });
      return parsed.ok ? [] : parsed.errors.map((e) => e.path);
    };
    expect(errorsFor('1900-01-01')).toEqual(['birthDate']);
    expect(errorsFor('1900-01-02')).toEqual([]);
    expect(errorsFor('2999-01-01')).toEqual(['birthDate']);
    expect(errorsFor('2010-02-29')).toEqual(['birthDate']);
  });

  it('R-SESS-3: INSEE code of 5 digits or 2A/2B + 3 digits; postal code of 5 digits with a city', () => {
    const ok = (birthplace: unknown) => parseWith(CandidateInput, { ...candidate, birthplace }).ok;
    expect(ok({ kind: 'insee', code: '2A004' })).toBe(true);
    expect(ok({ kind: 'insee', code: '2B033' })).toBe(true);
    expect(ok({ kind: 'insee', code: '2C004' })).toBe(false);
    expect(ok({ kind: 'insee', code: '6912' })).toBe(false);
    expect(ok({ kind: 'postal', postalCode: '01000', city: 'Bourg-en-Bresse' })).toBe(true);
    expect(ok({ kind: 'postal', postalCode: '01000', city: '' })).toBe(false);
    expect(ok({ kind: 'foreign', city: 'Dakar', country: 'Sénégal' })).toBe(true);
    expect(ok({ kind: 'foreign', city: 'Lyon', country: 'France' })).toBe(false);
  });

  it('R-SESS-3: extra time 0 ≤ x < 1000, decimals allowed', () => {
    const ok = (extraTimePercent: number) => parseWith(CandidateInput, { ...candidate, extraTimePercent }).ok;
    expect(ok(0)).toBe(true);
    expect(ok(33.5)).toBe(true);
    expect(ok(999.99)).toBe(true);
    expect(ok(1000)).toBe(false);
    expect(ok(-1)).toBe(false);
  });

  it('R-SESS-4: a name with no letter or digit cannot be checked in, so it is refused', () => {
    const parsed = parseWith(CandidateInput, { ...candidate, firstName: '--' });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(['firstName']);
  });

  it('R-SESS-3: sex is M or F, e-mail must look like one', () => {
    const parsed = parseWith(CandidateInput, { ...candidate, sex: 'X', email: 'pas-un-mail' });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path).sort()).toEqual(['email', 'sex']);
    if (!parsed.ok) expect(parsed.errors.find((e) => e.path === 'sex')?.message).toBe('sexe attendu : M ou F');
  });
});
