import { describe, expect, it } from 'vitest';
import { translate } from '../../ui/i18n/translate';
import { loginRefusal, readLogin } from './login-form';
import { addConsoleWords } from '../i18n/console-words';

addConsoleWords(); // As console/main.tsx does: the console's own words.

// R-SESS-1 — the invigilator's login: the session number and the session's password, errors in French by field.

describe('readLogin', () => {
  it('names every field to fix', () => {
    const read = readLogin({ sessionNumber: '', password: ' ' });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.field, translate('fr', p.key)])).toEqual([
      ['sessionNumber', 'Indiquez le numéro de session.'],
      ['password', 'Indiquez le mot de passe du surveillant.'],
    ]);
    expect(readLogin({ sessionNumber: '12a', password: 'x' })).toEqual({ ok: false, problems: [{ field: 'sessionNumber', key: 'login.sessionNumberInvalid' }] });
    expect(readLogin({ sessionNumber: '0', password: 'x' }).ok).toBe(false);
  });
  it('gives the body the station reads', () => {
    expect(readLogin({ sessionNumber: ' 12 ', password: ' xr2rdpmc ' })).toEqual({ ok: true, value: { sessionNumber: 12, password: 'xr2rdpmc' } });
  });
});

describe('loginRefusal', () => {
  it('words the station’s answer', () => {
    expect(translate('fr', loginRefusal({ kind: 'refused', status: 401, error: { code: 'wrongPassword', message: '' } }))).toMatch(/^Numéro de session ou mot de passe incorrect/);
    expect(loginRefusal({ kind: 'refused', status: 429, error: { code: 'tooManyAttempts', message: '' } })).toBe('error.tooManyAttempts');
    expect(loginRefusal({ kind: 'network', message: 'ECONNREFUSED' })).toBe('login.unreachable');
  });
});
