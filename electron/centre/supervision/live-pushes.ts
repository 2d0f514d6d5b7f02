import type { LiveHub } from '../live/live-hub';
import type { DeliveryContext } from '../records/delivery-context';
import type { Db } from '../storage/database';
import { liveCandidate, liveSession } from './live-state';

/** How long live pushes about one candidate are gathered before being sent (the console redraws at most this often). */
export const LIVE_COALESCE_MS = 100;
/**
 * Progress alone (a new answer: the kiosk has its acknowledgement, the console only moves a counter) is gathered
 * for longer: an invigilator reads "12 / 32" once a second at most; a candidate who checks in, is suspended or
 * ends still shows up within LIVE_COALESCE_MS.
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
  /** Candidates whose change the kiosk must hear of too (within LIVE_COALESCE_MS), and those who only progressed. */
  const changed = new Map<number, number>();
  const progressed = new Map<number, number>();
  let soon: NodeJS.Timeout | undefined;
  let later: NodeJS.Timeout | undefined;

  // One read transaction for all the reads of a flush (each statement outside a transaction takes and releases
  // the database's locks: several system calls).
  const flush = db.transaction((pending: Map<number, number>, toKiosk: boolean) => {
    const changes = [...pending];
    pending.clear();
    if (!context) return;
    for (const [candidateId, sessionId] of changes) {
      const candidate = context.sessions.getCandidate(candidateId);
      if (!candidate) continue;
      hub.publish(sessionId, { type: 'candidate', sessionId, candidate: liveCandidate(context, candidate) });
      const entry = toKiosk ? context.store.latestEntry(candidateId) : null;
      if (entry) hub.sendToKiosk(entry.kioskId, { type: 'stateChanged' });
    }
  });

  hub.onConsoleConnect((client) => {
    const live = context ? liveSession(context, client.sessionId) : null;
    if (live) client.send({ type: 'candidates', ...live });
  });

  return {
    candidateChanged(sessionId, candidateId, toKiosk = true) {
      // Coalesced: a candidate answering fast changes many times a second; the console and the kiosk need the
      // latest state, not every step (each push reads the candidate's live state from the database).
      if (toKiosk) {
        progressed.delete(candidateId);
        changed.set(candidateId, sessionId);
        soon ??= setTimeout(() => { soon = undefined; flush(changed, true); }, LIVE_COALESCE_MS);
      } else if (!changed.has(candidateId)) {
        progressed.set(candidateId, sessionId);
        later ??= setTimeout(() => { later = undefined; flush(progressed, false); }, LIVE_PROGRESS_MS);
      }
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
      progressed.clear();
    },
  };
}
