import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_LOCK_MS, MAX_ADMIN_FAILURES, NO_ATTEMPTS, type AdminAttempts } from './admin-code';
import { technicianTry } from './technician-access';

// Issue 8 §6, kiosk-lockdown §2 — the technician's admin code from the page's admin page (exit and re-pairing).
const right = (code: string) => code === 'bon-code-42';

describe('technicianTry', () => {
  it('accepts the right code and resets the count', () => {
    const after = technicianTry({ failures: 3, lockedUntilMs: null }, 0, { adminCode: 'bon-code-42' }, right);
    expect(after).toEqual({ next: NO_ATTEMPTS, outcome: { ok: true, value: undefined } });
  });

  it('refuses a wrong code with the tries left, then locks with the minutes left, without checking codes while locked', () => {
    let state: AdminAttempts = NO_ATTEMPTS;
    const seen: unknown[] = [];
    for (let i = 0; i < MAX_ADMIN_FAILURES; i++) {
      const tried = technicianTry(state, i, { adminCode: 'faux' }, right);
      state = tried.next;
      seen.push(tried.outcome.ok ? 'ok' : [tried.outcome.error.code, tried.outcome.error.remainingAttempts ?? tried.outcome.error.lockedMinutes]);
    }
    expect(seen).toEqual([['wrongAdminCode', 4], ['wrongAdminCode', 3], ['wrongAdminCode', 2], ['wrongAdminCode', 1], ['technicianLocked', 5]]);
    let checked = 0;
    const during = technicianTry(state, 4 + ADMIN_LOCK_MS - 61_000, { adminCode: 'bon-code-42' }, (c) => { checked++; return right(c); });
    expect(during.outcome).toMatchObject({ ok: false, error: { code: 'technicianLocked', lockedMinutes: 2, message: 'Trop d’essais : sortie technicien bloquée encore 2 min.' } });
    expect(checked).toBe(0);
    expect(technicianTry(state, 4 + ADMIN_LOCK_MS, { adminCode: 'bon-code-42' }, right).outcome.ok).toBe(true);
  });

  it('a malformed request is refused before any check and neither counts nor resets', () => {
    fc.assert(fc.property(
      fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.record({ adminCode: fc.oneof(fc.integer(), fc.constant(''), fc.string({ minLength: 65, maxLength: 80 })) }),
        fc.record({ adminCode: fc.constant('bon-code-42'), extra: fc.string() })),
      fc.integer({ min: 0, max: 4 }),
      (request, failures) => {
        let checked = false;
        const previous = { failures, lockedUntilMs: null };
        const tried = technicianTry(previous, 0, request, () => { checked = true; return true; });
        return !checked && tried.next === previous && !tried.outcome.ok && tried.outcome.error.code === 'badRequest';
      },
    ));
  });
});
