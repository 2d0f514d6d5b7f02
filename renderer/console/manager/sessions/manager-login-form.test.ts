import { describe, expect, it } from 'vitest';
import { loginEnded, managerLoginRefusal, passwordChangeRefusal, readManagerLogin, readPasswordChange } from './manager-login-form';

// The centre manager's login and password change, as typed (the station compares the password exactly).

describe('the manager’s login form', () => {
  it('asks for the password, and sends it exactly as typed (spaces count)', () => {
    expect(readManagerLogin({ password: '' })).toEqual({ ok: false, problems: [{ field: 'password', key: 'manager.passwordMissing' }] });
    expect(readManagerLogin({ password: ' mot de passe ' })).toEqual({ ok: true, value: { password: ' mot de passe ' } });
  });
  it('words a wrong password, too many tries with the wait in minutes, no answer', () => {
    expect(managerLoginRefusal({ kind: 'refused', status: 401, error: { code: 'wrongPassword', message: '…' } })).toEqual({ key: 'manager.wrongPassword' });
    expect(managerLoginRefusal({ kind: 'refused', status: 429, error: { code: 'tooManyAttempts', message: '…', retryAfterSeconds: 61 } }))
      .toEqual({ key: 'manager.tooManyAttemptsWait', params: { minutes: 2 } });
    expect(managerLoginRefusal({ kind: 'network', message: 'ECONNREFUSED' })).toEqual({ key: 'manager.unreachable' });
  });
  it('a 401 means the login ended, except a wrong current password in the change form', () => {
    expect(loginEnded({ kind: 'refused', status: 401, error: { code: 'sessionExpired', message: '…' } })).toBe(true);
    expect(loginEnded({ kind: 'refused', status: 401, error: { code: 'wrongPassword', message: '…' } })).toBe(false);
    expect(loginEnded({ kind: 'refused', status: 403, error: { code: 'managerOnly', message: '…' } })).toBe(false);
  });
});

describe('the password change', () => {
  it('needs the current one, a new one of 10 characters at least, different, typed twice the same', () => {
    const read = readPasswordChange({ currentPassword: '', newPassword: 'court', confirmation: 'autre' });
    expect(read.ok ? [] : read.problems.map((p) => [p.field, p.key])).toEqual([
      ['currentPassword', 'manager.currentMissing'], ['newPassword', 'manager.newTooShort'], ['confirmation', 'manager.confirmationDiffers'],
    ]);
    const same = readPasswordChange({ currentPassword: 'ancien-mot-de-passe', newPassword: 'ancien-mot-de-passe', confirmation: 'ancien-mot-de-passe' });
    expect(same.ok ? [] : same.problems.map((p) => p.key)).toEqual(['manager.newSameAsCurrent']);
    expect(readPasswordChange({ currentPassword: 'ancien', newPassword: 'nouveau-mot-de-passe', confirmation: 'nouveau-mot-de-passe' }))
      .toEqual({ ok: true, value: { currentPassword: 'ancien', newPassword: 'nouveau-mot-de-passe' } });
  });
  it('a wrong current password is named on its field', () => {
    expect(passwordChangeRefusal({ kind: 'refused', status: 401, error: { code: 'wrongPassword', message: '…' } }))
      .toEqual({ field: 'currentPassword', refusal: { key: 'manager.currentWrong' } });
  });
});
