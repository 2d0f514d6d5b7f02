import type { KioskStateName } from '../../../shared/formats/kiosk-api';
import type { ClientError } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { errorKey } from '../../ui/i18n/translate';

/**
 * Which screen the pupil sees (issue 8 §1, in order: pairing, check-in, waiting for the invigilator,
 * instructions, then the test). Pure: the flow store calls these, their tests call them.
 */

export interface Candidate { lastName: string; firstName: string }

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
  /** The test was delivered; its screens come with the next part of issue 8. */
  | { name: 'testStarting'; candidate: Candidate; total: number }
  /** A state whose screen is not built yet (suspended, resume, end…): call the invigilator. */
  | { name: 'later'; candidate: Candidate; state: KioskStateName };

/** The screen for a state the station reports about the checked-in pupil. */
export function screenForState(candidate: Candidate, state: KioskStateName, current: KioskScreen): KioskScreen {
  switch (state) {
    case 'waitingForPresence':
      return { name: 'waiting', candidate };
    case 'readyToStart':
      // Already on the instructions (a second stateChanged, a re-read): keep what is on screen.
      return current.name === 'instructions' ? current : { name: 'instructions', candidate, starting: false, problem: null };
    case 'inTest':
      // Started by this page: stay on the test; otherwise (another tab, a later part) the next screen is not built.
      return current.name === 'testStarting' ? current : { name: 'later', candidate, state };
    default:
      return { name: 'later', candidate, state };
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

/** The page's title follows the screen (the pupil's name is never in it). */
export function titleKeyOf(screen: KioskScreen): MessageKey {
  switch (screen.name) {
    case 'loading': return 'kiosk.title';
    case 'pairing': return 'pairing.heading';
    case 'checkIn': return 'checkIn.heading';
    case 'waiting': return 'kiosk.title';
    case 'instructions': return 'instructions.heading';
    case 'testStarting': return 'testStarting.heading';
    case 'later': return 'laterScreen.heading';
  }
}
