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

/** What the kiosk says in each state (French, for the candidate). */
export const KIOSK_MESSAGES: Record<KioskStateName, string> = {
  waitingForPresence: 'Merci. Le surveillant va confirmer votre présence : patientez quelques instants.',
  readyToStart: 'Votre présence est confirmée : vous pouvez commencer le test.',
  waitingForResume: 'Votre test est déjà commencé. Levez la main : le surveillant doit autoriser la reprise.',
  readyToResume: 'La reprise est autorisée : vous pouvez reprendre votre test.',
  inTest: 'Test en cours.',
  suspended: 'Test suspendu — appelez le surveillant.',
  completed: 'Vous avez répondu à toutes les questions : le test est terminé.',
  endedByInvigilator: 'Le surveillant a mis fin à votre test.',
  endedDueToFinalisation: 'La session est close : votre test est terminé.',
  replaced: 'Votre test a été ouvert sur un autre poste : ce poste ne sert plus pour votre test.',
  resumeExpired: 'La reprise n’est plus possible : plus de 24 heures ont passé depuis le début de votre test.',
};

/** What the console's status cell says (French, for the invigilator). */
export function liveLabel(status: LiveStatus, facts: { answered: number; total: number; suspensionCause: string | null; resumeExpired: boolean }): string {
  switch (status) {
    case 'notCheckedIn': return 'Non arrivé';
    case 'waitingForPresence': return 'Connecté : confirmer la présence';
    case 'readyToStart': return 'Présence confirmée : peut commencer';
    case 'inTest': return `En test : ${facts.answered}/${facts.total}`;
    case 'waitingForResume': return facts.resumeExpired
      ? 'Reconnecté, mais plus de 24 h après le début : reprise impossible, mettez fin au test'
      : `Reconnecté (${facts.answered}/${facts.total}) : autoriser la reprise`;
    case 'readyToResume': return `Reprise autorisée (${facts.answered}/${facts.total})`;
    case 'suspended': return `Test suspendu (${facts.suspensionCause ?? 'cause inconnue'}) : autoriser la reprise`;
    case 'completed': return 'Test terminé';
    case 'endedByInvigilator': return 'Test arrêté par le surveillant';
    case 'endedDueToFinalisation': return 'Test arrêté à la finalisation';
  }
}
