import type { LiveHub } from '../live/live-hub';
import type { DeliveryContext } from '../records/delivery-context';
import type { Db } from '../storage/database';
import { liveCandidate, liveSession } from './live-state';

/**
 * The consoles (and kiosks) are pushed at most once every LIVE_COALESCE_MS: the first change after a quiet spell
 * at once, the changes that follow within that time gathered into the next push (a candidate answering fast changes
 * many times a second; the console and the kiosk need the latest state, not every step). 25 ms, not 100: waiting
 * for that gathering was most of the time from an answer to its card (bench:console, docs/benchmarks.md); how many
 * candidates are read and pushed is bounded by LIVE_PROGRESS_MS below, not by this.
 */
export const LIVE_COALESCE_MS = 25;
/**
 * Progress alone (a new answer: the kiosk has its acknowledgement, the console only moves a counter) goes with
 * those pushes too, unless the console heard of that candidate less than LIVE_PROGRESS_MS ago: then it waits for
 * the next LIVE_PROGRESS_MS gathering. A pupil answers every few seconds at most, and their card follows within
 * a few milliseconds (`npm run bench:console`); a kiosk answering many times a second (`npm run bench:station`)
 * costs one push a second, not one per answer.
 */
export const LIVE_PROGRESS_MS = 1000;

export interface LivePushes {
  /** DeliveryContext.candidateChanged: called after a change of a candidate's live state was committed. */
  candidateChanged(sessionId: number, candidateId: number, toKiosk?: boolean): void;
  /** A change of the whole session (a finalisation): every console and kiosk of the session hears of it. */
  sessionChanged(sessionId: number): void;
  /** The session's check-in alert was raised or lifted: its consoles get the whole list again (with the alert). */
  alertChanged(sessionId: number): void;
  /** Reads through this context from now on (the context is built with `candidateChanged` above). */
  attach(context: DeliveryContext): void;
  close(): void;
}

/**
 * Live pushes on `/api/console/live` — `{type: 'candidates', …LiveSession}` on connection and after a
 * finalisation, `{type: 'candidate', sessionId, candidate}` on each change — and on `/api/kiosk/live`
 * `{type: 'stateChanged'}` to the candidate's kiosk.
 */
export function createLivePushes(db: Db, hub: LiveHub): LivePushes {
  let context: DeliveryContext | null = null;
  /**
   * Candidates whose change the kiosk must hear of too (with the next LIVE_COALESCE_MS push); those who only
   * progressed, not pushed lately (with it too) or pushed less than LIVE_PROGRESS_MS ago (within LIVE_PROGRESS_MS).
   */
  const changed = new Map<number, number>();
  const progressedSoon = new Map<number, number>();
  const progressed = new Map<number, number>();
  /** When the consoles last heard of each candidate (ms, the process's clock); older than LIVE_PROGRESS_MS: dropped. */
  const pushedAt = new Map<number, number>();
  let soon: NodeJS.Timeout | undefined;
  let later: NodeJS.Timeout | undefined;
  /** When the last LIVE_COALESCE_MS push went (performance.now()). */
  let lastSoon = Number.NEGATIVE_INFINITY;

  // One read transaction for all the reads of a flush (each statement outside a transaction takes and releases
  // the database's locks: several system calls).
  const flush = db.transaction((pending: Map<number, number>, toKiosk: boolean) => {
    const changes = [...pending];
    pending.clear();
    if (!context) return;
    const now = performance.now();
    for (const [candidateId, sessionId] of changes) {
      const candidate = context.sessions.getCandidate(candidateId);
      if (!candidate) continue;
      hub.publish(sessionId, { type: 'candidate', sessionId, candidate: liveCandidate(context, candidate) });
      pushedAt.set(candidateId, now);
      const entry = toKiosk ? context.store.latestEntry(candidateId) : null;
      if (entry) hub.sendToKiosk(entry.kioskId, { type: 'stateChanged' });
    }
  });

  hub.onConsoleConnect((client) => {
    const live = context ? liveSession(context, client.sessionId) : null;
    if (live) client.send({ type: 'candidates', ...live });
  });

  const forgetOld = () => {
    const before = performance.now() - LIVE_PROGRESS_MS;
    for (const [candidateId, at] of pushedAt) if (at < before) pushedAt.delete(candidateId);
  };
  const flushSoon = () => {
    soon = undefined;
    lastSoon = performance.now();
    forgetOld();
    flush(changed, true);
    flush(progressedSoon, false);
  };
  const flushLater = () => {
    later = undefined;
    forgetOld();
    flush(progressed, false);
  };

  return {
    candidateChanged(sessionId, candidateId, toKiosk = true) {
      // Coalesced: a candidate answering fast changes many times a second; the console and the kiosk need the
      // latest state, not every step (each push reads the candidate's live state from the database).
      if (toKiosk) {
        progressed.delete(candidateId);
        progressedSoon.delete(candidateId);
        changed.set(candidateId, sessionId);
      } else if (changed.has(candidateId) || progressedSoon.has(candidateId) || progressed.has(candidateId)) {
        return; // already on its way
      } else if (performance.now() - (pushedAt.get(candidateId) ?? -Infinity) >= LIVE_PROGRESS_MS) {
        progressedSoon.set(candidateId, sessionId);
      } else {
        progressed.set(candidateId, sessionId);
        later ??= setTimeout(flushLater, LIVE_PROGRESS_MS);
        return;
      }
      // At once after a quiet spell (the committing call returns first), else LIVE_COALESCE_MS after the last push.
      soon ??= setTimeout(flushSoon, Math.max(0, lastSoon + LIVE_COALESCE_MS - performance.now()));
    },
    sessionChanged(sessionId) {
      if (!context) return;
      const live = liveSession(context, sessionId);
      if (live) hub.publish(sessionId, { type: 'candidates', ...live });
      for (const entry of context.store.currentEntriesOfSession(sessionId)) hub.sendToKiosk(entry.kioskId, { type: 'stateChanged' });
    },
    alertChanged(sessionId) {
      const live = context ? liveSession(context, sessionId) : null;
      if (live) hub.publish(sessionId, { type: 'candidates', ...live });
    },
    attach(next) { context = next; },
    close() {
      clearTimeout(soon);
      clearTimeout(later);
      changed.clear();
      progressedSoon.clear();
      progressed.clear();
      pushedAt.clear();
    },
  };
}
