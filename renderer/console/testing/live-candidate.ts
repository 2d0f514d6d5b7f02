import type { LiveCandidate } from '../../../shared/formats/console-api';

/** A live candidate as the station sends it, for tests: not checked in unless told otherwise. */
export function liveCandidate(overrides: Partial<LiveCandidate> & { candidateId: number }): LiveCandidate {
  return {
    lastName: 'Martin', firstName: 'Léa', birthDate: '2010-03-14', extraTimePercent: 0, accessibilityAdjustment: false,
    status: 'notCheckedIn', needsAction: false, resumeExpired: false, kiosk: null, progress: null, startedAt: null,
    theoreticalEndAt: null, suspension: null, lastWarning: null, lastEvent: null,
    ...overrides,
  };
}
