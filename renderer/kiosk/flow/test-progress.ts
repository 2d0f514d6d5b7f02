import type { KioskChallenge } from '../../../shared/formats/kiosk-api';

/**
 * Which challenge, and which of its screens, the pupil sees (issue 8 §1): pure, so that every answered set and
 * every resume can be tried (test-progress.test.ts). The flow store (kiosk-flow-store.ts) calls these.
 */

/** A challenge's screens in order: a timed one's warning (R-VAL-5), a focused one's « Je suis prêt », then the challenge. */
export type ChallengePhase = 'timedWarning' | 'focusedWarning' | 'answering';

/** R-SESS-5 — what is answered: what the station stored, and every answer this kiosk kept (sent or not: never asked again). */
export function answeredSet(stationAnswered: readonly string[], keptHere: readonly string[]): Set<string> {
  return new Set([...stationAnswered, ...keptHere]);
}

/** R-SESS-5, R-GEN-5 — the first challenge in delivery order without an answer (its index), or null when all have one. */
export function firstOpenIndex(challenges: readonly Pick<KioskChallenge, 'challengeId'>[], answered: ReadonlySet<string>): number | null {
  const index = challenges.findIndex((c) => !answered.has(c.challengeId));
  return index === -1 ? null : index;
}

/**
 * The first screen of a challenge. A countdown already begun (before a reload) is not warned about again: the
 * pupil goes straight back to the challenge, the countdown where it was (R-VAL-5: a reload does not restart it).
 */
export function openingPhase(challenge: Pick<KioskChallenge, 'timer' | 'focused'>, countdownBegun: boolean): ChallengePhase {
  if (countdownBegun) return 'answering';
  if (challenge.timer) return 'timedWarning';
  return challenge.focused ? 'focusedWarning' : 'answering';
}

/** The screen after « Commencer » (timed warning) or « Je suis prêt » (focused warning). */
export function phaseAfter(challenge: Pick<KioskChallenge, 'focused'>, phase: ChallengePhase): ChallengePhase {
  return phase === 'timedWarning' && challenge.focused ? 'focusedWarning' : 'answering';
}

/**
 * R-VAL-5, R-VAL-6 — the length of a challenge's countdown, in seconds (null: not timed). Once begun it keeps its
 * length; before that, the station's current timers (`KioskState.timers`, the extra time as it is now) win over
 * the one delivered with the test.
 */
export function countdownSeconds(challenge: Pick<KioskChallenge, 'challengeId' | 'timer'>, begun: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number>>): number | null {
  if (!challenge.timer) return null;
  return begun[challenge.challengeId] ?? current[challenge.challengeId] ?? challenge.timer.seconds;
}

/** R-VAL-5 — the answer came once the time was up (the pupil may still answer; the answer says so). */
export function answeredAfterTime(elapsedMs: number, seconds: number | null): boolean {
  return seconds !== null && elapsedMs >= seconds * 1000;
}

/** The page title's mode: « épreuve chronométrée », « épreuve en mode focus », or none. */
export type ChallengeMode = 'plain' | 'timed' | 'focused';
export function challengeMode(challenge: Pick<KioskChallenge, 'timer' | 'focused'>): ChallengeMode {
  if (challenge.timer) return 'timed';
  return challenge.focused ? 'focused' : 'plain';
}
