import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateInput, type Candidate } from '../../../../shared/formats/session';
import { candidateFormOf, candidateRefusal, EMPTY_CANDIDATE_FORM, readCandidateForm, readPercent, type CandidateFormFields } from './candidate-form';

// R-SESS-3 — one candidate typed in the console, read into the station's body or every problem by field.

const TODAY = '2026-12-02';
const LEA: CandidateFormFields = { ...EMPTY_CANDIDATE_FORM, lastName: 'Martin', firstName: 'Léa', sex: 'F', birthDate: '2010-03-14', inseeCode: '75115' };

describe('readCandidateForm', () => {
  it('names every missing field at once', () => {
    const read = readCandidateForm(EMPTY_CANDIDATE_FORM, TODAY);
    expect(read.ok ? [] : read.problems.map((p) => p.field)).toEqual(['lastName', 'firstName', 'sex', 'birthDate', 'inseeCode']);
  });
  it('reads the three kinds of birthplace, and refuses France as a foreign country', () => {
    expect(readCandidateForm({ ...LEA, inseeCode: '2a004' }, TODAY)).toMatchObject({ ok: true, value: { birthplace: { kind: 'insee', code: '2A004' } } });
    expect(readCandidateForm({ ...LEA, birthplaceKind: 'postal', postalCode: '13001', city: 'Marseille' }, TODAY))
      .toMatchObject({ ok: true, value: { birthplace: { kind: 'postal', postalCode: '13001', city: 'Marseille' } } });
    expect(readCandidateForm({ ...LEA, birthplaceKind: 'foreign', city: 'Genève', country: 'Suisse' }, TODAY))
      .toMatchObject({ ok: true, value: { birthplace: { kind: 'foreign', city: 'Genève', country: 'Suisse' } } });
    const france = readCandidateForm({ ...LEA, birthplaceKind: 'foreign', city: 'Lyon', country: 'france' }, TODAY);
    expect(france.ok ? [] : france.problems).toEqual([{ field: 'country', key: 'sessions.candidate.countryFrance' }]);
  });
  it('refuses a birth date in the future or before 1900, a bad INSEE code, a bad e-mail, too much extra time', () => {
    const read = readCandidateForm({ ...LEA, birthDate: '2027-01-01', inseeCode: '7511', email: 'lea@', extraTimePercent: '1000' }, TODAY);
    expect(read.ok ? [] : read.problems.map((p) => [p.field, p.key])).toEqual([
      ['birthDate', 'sessions.candidate.birthDateFuture'], ['inseeCode', 'sessions.candidate.inseeInvalid'],
      ['email', 'sessions.candidate.emailInvalid'], ['extraTimePercent', 'sessions.candidate.extraTimeInvalid'],
    ]);
    const early = readCandidateForm({ ...LEA, birthDate: '1900-01-01' }, TODAY);
    expect(early.ok ? [] : early.problems.map((p) => p.key)).toEqual(['sessions.candidate.birthDateTooEarly']);
  });
  it('reads extra time as typed in French or English', () => {
    expect([readPercent('33,5'), readPercent('33.5 %'), readPercent(' 12 '), readPercent('-1'), readPercent('un tiers')]).toEqual([33.5, 33.5, 12, null, null]);
  });
  it('a stored candidate read back into the form gives the same candidate (French decimal comma included)', () => {
    fc.assert(fc.property(
      fc.constantFrom<Candidate['birthplace']>({ kind: 'insee', code: '69123' }, { kind: 'postal', postalCode: '13001', city: 'Marseille' }, { kind: 'foreign', city: 'Genève', country: 'Suisse' }),
      fc.integer({ min: 0, max: 99_900 }).map((n) => n / 100), fc.boolean(), fc.constantFrom('M', 'F') as fc.Arbitrary<'M' | 'F'>,
      fc.option(fc.constantFrom('INE-1', 'local 42')), fc.option(fc.constant('lea.martin@exemple.fr')), fc.constantFrom('fr', 'en'),
      (birthplace, extraTimePercent, accessibilityAdjustment, sex, externalId, email, locale) => {
        const stored: Candidate = { id: 3, sessionId: 1, lastName: 'Lefèvre-Dupont', firstName: 'Jean Baptiste', sex, birthDate: '2009-01-30', birthplace, extraTimePercent,
          accessibilityAdjustment, ...(externalId ? { externalId } : {}), ...(email ? { email } : {}), createdAt: '2026-01-01T00:00:00.000Z' };
        const read = readCandidateForm(candidateFormOf(stored, locale), TODAY);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        const { id: _id, sessionId: _s, createdAt: _c, ...input } = stored;
        expect(read.value).toEqual(input);
        expect(CandidateInput.safeParse(read.value).success).toBe(true);
      },
    ), { numRuns: 200 });
  });
  it('words the station’s refusals on the right fields', () => {
    const duplicate = candidateRefusal({ kind: 'refused', status: 409, error: { code: 'duplicateCandidate', message: '…' } });
    expect(duplicate.refusal.key).toBe('sessions.candidate.duplicate');
    expect(duplicate.problems.map((p) => p.field)).toEqual(['lastName', 'firstName', 'birthDate']);
    const field = candidateRefusal({ kind: 'refused', status: 400, error: { code: 'invalidBody', message: '…', field: 'birthplace.code' } });
    expect(field.problems).toEqual([{ field: 'inseeCode', key: 'sessions.fieldRefused' }]);
  });
});
