import type { InvigilatorLogin } from '../../../shared/formats/centre-api';
import type { ClientError } from '../../ui/api-client';
import { errorKey } from '../../ui/i18n/translate';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/** The invigilator's login form (R-SESS-1): what is typed, read into the body or every problem by field. Pure. */
export interface LoginFields { sessionNumber: string; password: string }
export type LoginField = keyof LoginFields;
export interface LoginProblem { field: LoginField; key: MessageKey }

export const EMPTY_LOGIN: LoginFields = { sessionNumber: '', password: '' };

export function readLogin(fields: LoginFields): { ok: true; value: InvigilatorLogin } | { ok: false; problems: LoginProblem[] } {
  const problems: LoginProblem[] = [];
  const number = fields.sessionNumber.trim();
  if (number === '') problems.push({ field: 'sessionNumber', key: 'login.sessionNumberMissing' });
  else if (!/^[1-9]\d{0,8}$/.test(number)) problems.push({ field: 'sessionNumber', key: 'login.sessionNumberInvalid' });
  // Passwords are compared without case by the station; spaces around it are a typing slip.
  const password = fields.password.trim();
  if (password === '') problems.push({ field: 'password', key: 'login.passwordMissing' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { sessionNumber: Number(number), password } };
}

/** What to say after a refusal: wrong number or password (the station does not say which), too many tries, no station. */
export function loginRefusal(error: ClientError): MessageKey {
  if (error.kind === 'network' || error.kind === 'timeout') return 'login.unreachable';
  if (error.kind === 'refused') {
    if (error.error.code === 'wrongPassword') return 'login.wrongPassword';
    return errorKey(error.error.code);
  }
  return 'login.unreachable';
}
