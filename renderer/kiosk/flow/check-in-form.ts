import { err, ok, type Result } from '../../../shared/result';
import type { KioskCheckIn } from '../../../shared/formats/kiosk-api';
import type { ClientError } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { errorKey as errorKeyOf } from '../../ui/i18n/translate';

/**
 * R-SESS-4 — what the pupil types to check in, read and checked before it is sent. Pure: the check-in store
 * calls it, its tests call it. The problems name the field to fix; a refusal by the station never says which
 * field was wrong (nor which roster line nearly matched): it asks to check everything.
 */

/** The fields as typed (strings: the inputs' values). */
export interface CheckInFields {
  sessionNumber: string;
  lastName: string;
  firstName: string;
  day: string;
  month: string;
  year: string;
  accessCode: string;
}
export const EMPTY_CHECK_IN: CheckInFields = { sessionNumber: '', lastName: '', firstName: '', day: '', month: '', year: '', accessCode: '' };

/** The places a problem can be shown next to (the date is one fieldset). */
export type CheckInField = 'sessionNumber' | 'lastName' | 'firstName' | 'birthDate' | 'accessCode';
export interface FieldProblem { field: CheckInField; key: MessageKey }

/** « Code d'accès » is upper-cased as typed (the station upper-cases it too). */
export const typedAccessCode = (typed: string): string => typed.toUpperCase();

const pad = (digits: string, width: number) => digits.padStart(width, '0');

/** `YYYY-MM-DD` when day, month and year make a real date (29 February only in leap years), else null. */
export function birthDateOf(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The check-in body, or every problem in the order of the form. */
export function readCheckIn(fields: CheckInFields): Result<KioskCheckIn, FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const sessionNumber = fields.sessionNumber.trim();
  const number = Number(sessionNumber);
  if (!/^\d{1,9}$/.test(sessionNumber) || number < 1) problems.push({ field: 'sessionNumber', key: 'checkIn.sessionNumberInvalid' });
  const lastName = fields.lastName.trim();
  if (lastName === '') problems.push({ field: 'lastName', key: 'checkIn.lastNameMissing' });
  const firstName = fields.firstName.trim();
  if (firstName === '') problems.push({ field: 'firstName', key: 'checkIn.firstNameMissing' });
  const birthDate = birthDateOf(fields.day, fields.month, fields.year);
  if (birthDate === null) problems.push({ field: 'birthDate', key: 'checkIn.birthDateInvalid' });
  const accessCode = typedAccessCode(fields.accessCode.trim());
  if (accessCode === '') problems.push({ field: 'accessCode', key: 'checkIn.accessCodeMissing' });
  if (problems.length > 0 || birthDate === null) return err(problems);
  return ok({ sessionNumber: number, lastName, firstName, birthDate, accessCode });
}

/** After this many refusals in a row, the form also asks the pupil to call the invigilator. */
export const CALL_INVIGILATOR_AFTER = 3;

/** What the screen says after the station did not check the pupil in. */
export type CheckInRefusal =
  /** Something to fix, said as a whole (never which field the station found wrong). */
  | { kind: 'fix'; key: MessageKey; callInvigilator: boolean }
  /** The kiosk keeps failing (429): a calm message to call the invigilator, and when trying again is possible. */
  | { kind: 'callInvigilator'; retryAfterSeconds: number | null };

/** Pure: a failed check-in (the client's error) and how many failed before it in a row → what to show. */
export function checkInRefusal(error: ClientError, failuresInARow: number): CheckInRefusal {
  const callInvigilator = failuresInARow + 1 >= CALL_INVIGILATOR_AFTER;
  if (error.kind === 'refused') {
    if (error.status === 429) return { kind: 'callInvigilator', retryAfterSeconds: error.error.retryAfterSeconds ?? null };
    // A field the body schema refused (the form checks them first) or an identity that matches no roster line:
    // the same sentence, naming everything to check.
    if (error.error.code === 'checkInRefused' || error.error.code === 'invalidBody' || error.error.code === 'invalid') {
      return { kind: 'fix', key: 'checkIn.refused', callInvigilator };
    }
    return { kind: 'fix', key: errorKeyOf(error.error.code), callInvigilator };
  }
  return { kind: 'fix', key: `client.${error.kind}`, callInvigilator };
}
