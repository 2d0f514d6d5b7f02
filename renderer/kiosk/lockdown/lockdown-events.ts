import { FOCUS_CAUSES, type FocusChange } from './focus-watch';
import type { LockdownEventBody } from './event-queue';

/** What the lockdown needs to know of the test at the moment of a change (given by the flow). */
export interface LockdownContext { entryToken: string | null; challengeId: string | null }

/** An id the station keeps the event under (replays are harmless): a UUID fits `ClientId`. */
export const newClientEventId = (): string => crypto.randomUUID();

/**
 * kiosk-lockdown §3 — one focus change as the station's `KioskEvent` (pure): `focusLost` with its cause, then
 * `focusRegained` with `details.durationMs`; `challengeId` is the challenge on screen when the pupil left
 * (the return is about the same absence).
 */
export function focusEventOf(change: FocusChange, at: string, challengeId: string | null, clientEventId: string): LockdownEventBody {
  const common = { at, clientEventId, ...(challengeId === null ? {} : { challengeId }) };
  if (change.kind === 'lost') {
    return { kind: 'focusLost', cause: FOCUS_CAUSES[change.cause], ...common, details: { source: 'page', signal: change.signal } };
  }
  return {
    kind: 'focusRegained', cause: FOCUS_CAUSES.back, ...common,
    details: { source: 'page', signal: change.signal, durationMs: change.durationMs, lostCause: FOCUS_CAUSES[change.lostCause] },
  };
}
