import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KioskCheckIn } from '../../../shared/formats/kiosk-api';
import type { ClientError } from '../../ui/api-client';
import { birthDateOf, CALL_INVIGILATOR_AFTER, checkInRefusal, EMPTY_CHECK_IN, readCheckIn, typedAccessCode } from './check-in-form';

// R-SESS-4 — the check-in form, read before it is sent; the station's refusal worded without saying which field.

const MARIE = { sessionNumber: ' 12 ', lastName: ' Dupont ', firstName: 'Marie', day: '4', month: '3', year: '2010', accessCode: 'bcdf23' };

describe('readCheckIn', () => {
  it('gives the body the station reads (trimmed, date padded, code upper-cased), which its own schema accepts', () => {
    const read = readCheckIn(MARIE);
    expect(read).toEqual({ ok: true, value: { sessionNumber: 12, lastName: 'Dupont', firstName: 'Marie', birthDate: '2010-03-04', accessCode: 'BCDF23' } });
    if (read.ok) expect(KioskCheckIn.safeParse(read.value).success).toBe(true);
  });

  it('names every field to fix, in the order of the form, each with its own sentence', () => {
    const read = readCheckIn(EMPTY_CHECK_IN);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toEqual([
      { field: 'sessionNumber', key: 'checkIn.sessionNumberInvalid' },
      { field: 'lastName', key: 'checkIn.lastNameMissing' },
      { field: 'firstName', key: 'checkIn.firstNameMissing' },
      { field: 'birthDate', key: 'checkIn.birthDateInvalid' },
      { field: 'accessCode', key: 'checkIn.accessCodeMissing' },
    ]);
  });

  it('refuses a session number that is not digits, or zero', () => {
    for (const sessionNumber of ['0', '-3', '1.5', '12a', '1234567890']) {
      const read = readCheckIn({ ...MARIE, sessionNumber });
      expect(read.ok ? [] : read.error.map((p) => p.field), sessionNumber).toEqual(['sessionNumber']);
    }
  });
});

describe('birthDateOf', () => {
  it('refuses dates that do not exist', () => {
    expect(birthDateOf('29', '2', '2010')).toBeNull();
    expect(birthDateOf('29', '2', '2012')).toBe('2012-02-29');
    expect(birthDateOf('31', '4', '2010')).toBeNull();
    expect(birthDateOf('0', '1', '2010')).toBeNull();
    expect(birthDateOf('1', '13', '2010')).toBeNull();
    expect(birthDateOf('1', '1', '10')).toBeNull();
    expect(birthDateOf('', '', '')).toBeNull();
  });

  it('reads back every real date, however its day and month are padded (property)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.boolean(), (date, padded) => {
      const iso = date.toISOString().slice(0, 10);
      const [y, m, d] = iso.split('-') as [string, string, string];
      const strip = (s: string) => (padded ? s : String(Number(s)));
      expect(birthDateOf(strip(d), strip(m), y)).toBe(iso);
    }));
  });
});

describe('typedAccessCode', () => {
  it('upper-cases what is typed, keeping its length (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{0,20}$/), (typed) => {
      expect(typedAccessCode(typed)).toBe(typed.toUpperCase());
      expect(typedAccessCode(typed)).toHaveLength(typed.length);
    }));
  });
});

describe('checkInRefusal', () => {
  const refused = (status: number, code: string, retryAfterSeconds?: number): ClientError =>
    ({ kind: 'refused', status, error: { code, message: 'm', field: 'identity', ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) } });

  it('an identity the roster does not know: one sentence naming everything to check, never a field', () => {
    expect(checkInRefusal(refused(401, 'checkInRefused'), 0)).toEqual({ kind: 'fix', key: 'checkIn.refused', callInvigilator: false });
    expect(checkInRefusal(refused(400, 'invalidBody'), 0)).toEqual({ kind: 'fix', key: 'checkIn.refused', callInvigilator: false });
  });

  it(`after ${CALL_INVIGILATOR_AFTER} refusals in a row it also says to call the invigilator`, () => {
    expect(checkInRefusal(refused(401, 'checkInRefused'), CALL_INVIGILATOR_AFTER - 2)).toMatchObject({ callInvigilator: false });
    expect(checkInRefusal(refused(401, 'checkInRefused'), CALL_INVIGILATOR_AFTER - 1)).toMatchObject({ callInvigilator: true });
  });

  it('a kiosk held back by the station (429) gets the calm message, with when to try again if known', () => {
    expect(checkInRefusal(refused(429, 'checkInLimited', 8), 0)).toEqual({ kind: 'callInvigilator', retryAfterSeconds: 8 });
    expect(checkInRefusal(refused(429, 'tooManyRequests'), 0)).toEqual({ kind: 'callInvigilator', retryAfterSeconds: null });
  });

  it('other refusals and failures are worded from the catalogue by their code', () => {
    expect(checkInRefusal(refused(409, 'sessionClosed'), 0)).toEqual({ kind: 'fix', key: 'error.sessionClosed', callInvigilator: false });
    expect(checkInRefusal({ kind: 'network', message: 'down' }, 0)).toEqual({ kind: 'fix', key: 'client.network', callInvigilator: false });
    expect(checkInRefusal({ kind: 'timeout', afterMs: 10 }, 0)).toMatchObject({ key: 'client.timeout' });
  });
});
