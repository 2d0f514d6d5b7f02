import { RESUME_LIMIT_HOURS, THEORETICAL_DURATION_MINUTES } from '../../../shared/certification/constants';
import type { LiveStatus } from '../../../shared/formats/console-api';
import type { KioskStateName } from '../../../shared/formats/kiosk-api';
import type { Entry, TestRecord } from './delivery-store';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const PERCENT = 100;

/** R-GEN-6 — start + 105 minutes + the candidate's extra time (a percentage of those 105 minutes). */
export function theoreticalEnd(startedAt: string, extraTimePercent: number): string {
  const duration = Math.round(THEORETICAL_DURATION_MINUTES * MINUTE_MS * (1 + extraTimePercent / PERCENT));
  return new Date(Date.parse(startedAt) + duration).toISOString();
}

/** R-GEN-6 — from this moment on, a re-entry is refused. */
export function resumeLimit(startedAt: string): string {
  return new Date(Date.parse(startedAt) + RESUME_LIMIT_HOURS * HOUR_MS).toISOString();
}

export function resumeExpired(startedAt: string, now: Date): boolean {
  return now.getTime() >= Date.parse(resumeLimit(startedAt));
}

type EntryFacts = Pick<Entry, 'authorisedAt' | 'startedAt' | 'supersededAt'>;
type TestFacts = Pick<TestRecord, 'state' | 'startedAt' | 'suspension'>;

/**
 * Architecture §3 step 4, R-SESS-5, R-SESS-6 — where a candidate stands, from their latest check-in and their test.
 * A test's end state wins; then a suspension; then a re-entry not started yet; else the test runs.
 */
export function liveStatus(latestEntry: EntryFacts | null, test: TestFacts | null): LiveStatus {
  if (test) {
    if (test.state !== 'started') return test.state;
    if (test.suspension !== null) return 'suspended';
    if (latestEntry && latestEntry.startedAt === null) return latestEntry.authorisedAt === null ? 'waitingForResume' : 'readyToResume';
    return 'inTest';
  }
  if (!latestEntry) return 'notCheckedIn';
  return latestEntry.authorisedAt === null ? 'waitingForPresence' : 'readyToStart';
}

/** The statuses in which the invigilator must act: confirm presence, authorise a resume, lift a suspension. */
export function needsAction(status: LiveStatus): boolean {
  return status === 'waitingForPresence' || status === 'waitingForResume' || status === 'suspended';
}

/** What the kiosk holding `entry` shows. An entry replaced by a later check-in or start says so. */
export function kioskStateName(entry: EntryFacts, test: TestFacts | null, now: Date): KioskStateName {
  if (test && test.state !== 'started') return test.state;
  if (entry.supersededAt !== null) return 'replaced';
  if (!test) return entry.authorisedAt === null ? 'waitingForPresence' : 'readyToStart';
  if (entry.startedAt !== null) return test.suspension === null ? 'inTest' : 'suspended';
  if (resumeExpired(test.startedAt, now)) return 'resumeExpired';
  return entry.authorisedAt === null ? 'waitingForResume' : 'readyToResume';
}

