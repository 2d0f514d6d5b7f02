import type { TechnicianRefusal } from '../../shared/formats/kiosk-bridge';
import { TechnicianExitRequest } from '../../shared/formats/kiosk-bridge-requests';
import { err, ok, type Result } from '../../shared/result';
import { adminAttempt, type AdminAttempts } from './admin-code';

/**
 * Issue 8 §6 — one try of the technician's admin code from the kiosk page's admin page, for « Quitter le poste »
 * and « Appairer de nouveau » alike: the request checked (zod), then the code through the ONE lockout both share
 * (5 wrong codes lock both for 5 minutes: trying codes on one does not reset the other). Pure: the scrypt check
 * is handed in, so the tests count when it runs.
 */
export interface TechnicianTry {
  next: AdminAttempts;
  outcome: Result<void, TechnicianRefusal>;
}

export const BAD_TECHNICIAN_REQUEST: TechnicianRefusal = { code: 'badRequest', message: 'Code administrateur attendu (1 à 64 caractères).' };

export function technicianTry(previous: AdminAttempts, nowMs: number, request: unknown, check: (adminCode: string) => boolean): TechnicianTry {
  const parsed = TechnicianExitRequest.safeParse(request);
  // A malformed request is not a try of a code: it neither counts nor resets.
  if (!parsed.success) return { next: previous, outcome: err(BAD_TECHNICIAN_REQUEST) };
  const attempt = adminAttempt(previous, nowMs, () => check(parsed.data.adminCode));
  switch (attempt.kind) {
    case 'accepted': return { next: attempt.next, outcome: ok(undefined) };
    case 'refused': return { next: attempt.next, outcome: err({ code: 'wrongAdminCode', message: attempt.message, remainingAttempts: attempt.remainingAttempts }) };
    case 'locked': return { next: attempt.next, outcome: err({ code: 'technicianLocked', message: attempt.message, lockedMinutes: attempt.lockedMinutes }) };
  }
}
