import type { Answer } from '../../../shared/formats/challenge';
import type { KioskAsset, KioskChallenge } from '../../../shared/formats/kiosk-api';

/**
 * The seam between the challenge screens (`renderer/kiosk/challenge/`: what one challenge looks like and how the
 * pupil answers it) and the test flow (`renderer/kiosk/flow/`: which challenge comes next, the answer kept in
 * IndexedDB and sent by the outbox, timers, resume). The screens never talk to the station; the flow never
 * builds a control.
 */

/** What « Je valide » or « Je passe » hands to the flow: an answer in the station's format (R-CHAL-2, R-VAL-4). */
export type PupilAnswer = Answer;

/** Where the screens get an asset's bytes: the flow fetches them with the entry header (and keeps them for an outage). */
export interface AssetSource {
  /** An object URL (blob:) for the asset, or null when it cannot be had now (the screen says so, calmly). */
  objectUrl(asset: KioskAsset): Promise<string | null>;
  /** Saves the attachment (in the kiosk shell: opens it in a permitted application). */
  download(asset: KioskAsset): Promise<void>;
}

/** A countdown (timed challenge, R-VAL-5): the flow owns the time, which survives a reload; the screen only reads it. */
export interface Countdown {
  /** The full duration, extra time included (R-VAL-6), in seconds. */
  totalSeconds: number;
  /** Milliseconds left now (0 or less: time is up, the pupil may still answer). */
  remainingMs(): number;
}

/** The challenge being answered. */
export interface ChallengeViewProps {
  challenge: KioskChallenge;
  /** « Question i sur N »: i is `challenge.position`. */
  total: number;
  /** Null for a challenge without a timer. */
  countdown: Countdown | null;
  /** A focused challenge during which the page lost focus: tell the pupil it was recorded, to warn the invigilator, to answer anyway. */
  focusLost: boolean;
  assets: AssetSource;
  /** True while the answer is being kept (IndexedDB): the buttons wait. */
  keeping: boolean;
  /** « Je valide » (an empty answer asks for confirmation first) or « Je passe » (`{ skipped: true }`). */
  onAnswer(answer: PupilAnswer): void;
}

/** R-VAL-5 — the warning before a timed challenge: its duration, extra time applied (R-VAL-6), then « Commencer ». */
export interface TimedWarningProps { challenge: KioskChallenge; total: number; seconds: number; onBegin(): void }

/** R-VAL-5 — before a focused challenge: « Je suis prêt ». */
export interface FocusedWarningProps { challenge: KioskChallenge; total: number; onReady(): void }
