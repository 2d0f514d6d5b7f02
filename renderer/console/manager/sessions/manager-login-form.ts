import { MIN_MANAGER_PASSWORD_LENGTH, type ManagerLogin, type ManagerPasswordChange } from '../../../../shared/formats/centre-api';
import type { ClientError } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { errorKey, type MessageParams } from '../../../ui/i18n/translate';

/**
 * The centre manager's login and password change, read from what was typed (pure). The manager's password is
 * compared exactly by the station (no case folding, spaces count), so nothing is trimmed here.
 */
export interface FormProblem<F extends string> { field: F; key: MessageKey; params?: MessageParams }
export type FormReading<T, F extends string> = { ok: true; value: T } | { ok: false; problems: FormProblem<F>[] };

/** What the station's refusal means for the person at the form: one sentence, its parameters. */
export interface Refusal { key: MessageKey; params?: MessageParams }

export interface ManagerLoginFields { password: string }
export const EMPTY_MANAGER_LOGIN: ManagerLoginFields = { password: '' };

export function readManagerLogin(fields: ManagerLoginFields): FormReading<ManagerLogin, 'password'> {
  if (fields.password === '') return { ok: false, problems: [{ field: 'password', key: 'manager.passwordMissing' }] };
  return { ok: true, value: { password: fields.password } };
}

/** A network failure, a wrong password, too many tries (with the wait the station gives), or the code's own sentence. */
export function managerLoginRefusal(error: ClientError): Refusal {
  if (error.kind !== 'refused') return { key: 'manager.unreachable' };
  if (error.error.code === 'wrongPassword') return { key: 'manager.wrongPassword' };
  if (error.error.code === 'tooManyAttempts') {
    const seconds = error.error.retryAfterSeconds;
    return seconds === undefined ? { key: 'manager.tooManyAttempts' } : { key: 'manager.tooManyAttemptsWait', params: { minutes: Math.max(1, Math.ceil(seconds / 60)) } };
  }
  return { key: errorKey(error.error.code) };
}

export type PasswordChangeField = 'currentPassword' | 'newPassword' | 'confirmation';
export interface PasswordChangeFields { currentPassword: string; newPassword: string; confirmation: string }
export const EMPTY_PASSWORD_CHANGE: PasswordChangeFields = { currentPassword: '', newPassword: '', confirmation: '' };

export function readPasswordChange(fields: PasswordChangeFields): FormReading<ManagerPasswordChange, PasswordChangeField> {
  const problems: FormProblem<PasswordChangeField>[] = [];
  if (fields.currentPassword === '') problems.push({ field: 'currentPassword', key: 'manager.currentMissing' });
  if (fields.newPassword.length < MIN_MANAGER_PASSWORD_LENGTH) {
    problems.push({ field: 'newPassword', key: 'manager.newTooShort', params: { min: MIN_MANAGER_PASSWORD_LENGTH } });
  } else if (fields.newPassword === fields.currentPassword) {
    problems.push({ field: 'newPassword', key: 'manager.newSameAsCurrent' });
  }
  if (fields.confirmation !== fields.newPassword) problems.push({ field: 'confirmation', key: 'manager.confirmationDiffers' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { currentPassword: fields.currentPassword, newPassword: fields.newPassword } };
}

/** A refused change: the current password is wrong (named on its field), or the code's sentence. */
export function passwordChangeRefusal(error: ClientError): { field: PasswordChangeField | null; refusal: Refusal } {
  if (error.kind !== 'refused') return { field: null, refusal: { key: 'manager.unreachable' } };
  if (error.error.code === 'wrongPassword') return { field: 'currentPassword', refusal: { key: 'manager.currentWrong' } };
  if (error.error.code === 'invalidBody' && error.error.field === 'newPassword') {
    return { field: 'newPassword', refusal: { key: 'manager.newTooShort', params: { min: MIN_MANAGER_PASSWORD_LENGTH } } };
  }
  return { field: null, refusal: managerLoginRefusal(error) };
}

/** A manager call refused because the login is gone (expired, ended by a password change elsewhere): back to the login. */
export function loginEnded(error: ClientError): boolean {
  // A wrong current password (the change form) is a 401 too, but the login still holds.
  return error.kind === 'refused' && error.status === 401 && error.error.code !== 'wrongPassword';
}
