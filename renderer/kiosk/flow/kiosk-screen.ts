import type { KioskChallenge, KioskState, KioskStateName, KioskSuspension } from '../../../shared/formats/kiosk-api';
import type { ClientError } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { errorKey } from '../../ui/i18n/translate';
import { challengeMode } from './test-progress';

/**
 * Which screen the pupil sees (issue 8 §1, in order: pairing, check-in, waiting for the invigilator,
 * instructions, the test's challenges, the end; and the screens that say to call the invigilator). Pure: the flow
 * store calls these, their tests call them.
 */

export interface Candidate { lastName: string; firstName: string }

/** Why the pupil waits for « Autoriser la reprise » (R-SESS-5). */
export type ResumeStep =
  /** At boot, from the test kept on this computer: the kept answers go first, then the kiosk re-enters. */
  | 'reEntering'
  /** Re-entered (or checked in again): the invigilator has not authorised the resume yet. */
  | 'waitingForResume'
  /** Authorised: the test is being delivered again. */
  | 'resuming';

/** How a test ended (R-SESS-6): each has its end page. */
export type TestEnd = 'completed' | 'endedByInvigilator' | 'endedDueToFinalisation';

export type KioskScreen =
  /** Asking the station whether this kiosk is paired. */
  | { name: 'loading' }
  /** This kiosk holds no device token (or a revoked or expired one). */
  | { name: 'pairing' }
  | { name: 'checkIn' }
  /** Checked in; the invigilator has not confirmed presence yet (R-SESS-4). */
  | { name: 'waiting'; candidate: Candidate }
  /** Presence confirmed: the instructions and « Commencer mon test ». */
  | { name: 'instructions'; candidate: Candidate; starting: boolean; problem: MessageKey | null }
  /** The test runs: the challenge of the moment and its phase are the flow store's `running`. */
  | { name: 'test'; candidate: Candidate }
  /** « Appelez le surveillant »: after any re-entry, until « Autoriser la reprise ». */
  | { name: 'resume'; candidate: Candidate; step: ResumeStep }
  /** « Test suspendu — appelez le surveillant », with the cause (kiosk-lockdown §2), until the invigilator lifts it. */
  | { name: 'suspended'; candidate: Candidate; suspension: KioskSuspension | null }
  | { name: 'ended'; candidate: Candidate; end: TestEnd }
  /** The test was reopened on another kiosk. */
  | { name: 'replaced'; candidate: Candidate }
  /** R-GEN-6 — more than 24 hours after the start. */
  | { name: 'resumeExpired'; candidate: Candidate };

/** What the flow knows of the test on this kiosk when the station's state arrives. */
export interface TestHere {
  /** This kiosk holds the delivered test. */
  held: boolean;
  /** Every challenge has an answer kept here or stored by the station. */
  allAnswered: boolean;
}

const NO_TEST: TestHere = { held: false, allAnswered: false };

/** The screen for a state the station reports about the checked-in pupil. */
export function screenForState(candidate: Candidate, state: Pick<KioskState, 'state' | 'suspension'> | KioskStateName, current: KioskScreen,
  here: TestHere = NO_TEST): KioskScreen {
  const { state: name, suspension } = typeof state === 'string' ? { state, suspension: undefined } : state;
  switch (name) {
    case 'waitingForPresence':
      return { name: 'waiting', candidate };
    case 'readyToStart':
      // Already on the instructions (a second stateChanged, a re-read): keep what is on screen.
      return current.name === 'instructions' ? current : { name: 'instructions', candidate, starting: false, problem: null };
    case 'waitingForResume':
      return { name: 'resume', candidate, step: 'waitingForResume' };
    case 'readyToResume':
      return current.name === 'resume' && current.step === 'resuming' ? current : { name: 'resume', candidate, step: 'resuming' };
    case 'inTest':
      // The station has not all the answers yet (they are on their way): the pupil has finished all the same.
      if (here.held && here.allAnswered) return { name: 'ended', candidate, end: 'completed' };
      if (here.held) return current.name === 'test' ? current : { name: 'test', candidate };
      // Started by an entry whose test this page does not hold: only a re-entry shows it again.
      return { name: 'resume', candidate, step: 'waitingForResume' };
    case 'suspended':
      return { name: 'suspended', candidate, suspension: suspension ?? null };
    case 'completed':
    case 'endedByInvigilator':
    case 'endedDueToFinalisation':
      return { name: 'ended', candidate, end: name };
    case 'replaced':
      return { name: 'replaced', candidate };
    case 'resumeExpired':
      return { name: 'resumeExpired', candidate };
  }
}

/** What `GET /api/kiosk/me` says about this kiosk: paired → check-in; not paired → pairing; no answer → null (retry). */
export function screenForPairingCheck(result: { ok: true } | { ok: false; error: ClientError }): KioskScreen | null {
  if (result.ok) return { name: 'checkIn' };
  if (result.error.kind === 'refused' && (result.error.status === 401 || result.error.status === 403)) return { name: 'pairing' };
  return null;
}

/** A refused start: the word for it, from the catalogue. */
export function startProblem(error: ClientError): MessageKey {
  return error.kind === 'refused' ? errorKey(error.error.code) : `client.${error.kind}`;
}

/** A title: a catalogue key and its parameters. */
export interface Title { key: MessageKey; params?: Record<string, number | string> }

/** The challenge on screen, for the title. */
export type TitleChallenge = Pick<KioskChallenge, 'position' | 'timer' | 'focused'> & { total: number };

const MODE_TITLE = { plain: 'testFlow.title.plain', timed: 'testFlow.title.timed', focused: 'testFlow.title.focused' } as const;

/** The page's title follows the screen: the question and its mode during the test; never the pupil's name. */
export function titleOf(screen: KioskScreen, challenge: TitleChallenge | null = null): Title {
  switch (screen.name) {
    case 'loading': return { key: 'kiosk.title' };
    case 'pairing': return { key: 'pairing.heading' };
    case 'checkIn': return { key: 'checkIn.heading' };
    case 'waiting': return { key: 'kiosk.title' };
    case 'instructions': return { key: 'instructions.heading' };
    case 'test':
      if (!challenge) return { key: 'kiosk.title' };
      return { key: MODE_TITLE[challengeMode(challenge)], params: { position: challenge.position, total: challenge.total } };
    case 'resume': return { key: 'resume.heading' };
    case 'suspended': return { key: 'suspended.heading' };
    case 'ended': return { key: END_HEADING[screen.end] };
    case 'replaced': return { key: 'replaced.heading' };
    case 'resumeExpired': return { key: 'resumeExpired.heading' };
  }
}

export const END_HEADING = {
  completed: 'ended.completed.heading',
  endedByInvigilator: 'ended.byInvigilator.heading',
  endedDueToFinalisation: 'ended.byFinalisation.heading',
} as const satisfies Record<TestEnd, MessageKey>;
