import type { FastifyInstance } from 'fastify';
import { registerFinalisationRoutes } from '../finalisation/finalisation-routes';
import { registerConsoleRoutes } from '../supervision/console-routes';
import { liveCandidate, liveSession } from '../supervision/live-state';
import { createDeliveryContext, type DeliveryContext } from './delivery-context';
import { registerKioskRoutes } from './kiosk-routes';

/** R-SESS-4 — failed check-ins allowed per kiosk and per session number before a pause. */
export const CHECK_IN_FAILURES = {
  perKiosk: { maxFailures: 10, windowMs: 10 * 60 * 1000 },
  perSession: { maxFailures: 60, windowMs: 10 * 60 * 1000 },
} as const;

/**
 * Test delivery, supervision and finalisation as one Fastify plugin over the server platform's context
 * (`app.centre`): pass it in `config.plugins` of `createCentreServer`. Live pushes on `/api/console/live`:
 * `{type: 'candidates', …LiveSession}` on connection and after a finalisation, `{type: 'candidate', sessionId,
 * candidate}` on each change; on `/api/kiosk/live`: `{type: 'stateChanged'}` to the candidate's kiosk.
 */
/** How long live pushes about one candidate are gathered before being sent (the console redraws at most this often). */
export const LIVE_COALESCE_MS = 100;
/**
 * Progress alone (a new answer: the kiosk has its acknowledgement, the console only moves a counter) is gathered
 * for longer: an invigilator reads "12 / 32" once a second at most; a candidate who checks in, is suspended or
 * ends still shows up within LIVE_COALESCE_MS.
 */
export const LIVE_PROGRESS_MS = 1000;

export async function deliveryPlugin(app: FastifyInstance): Promise<void> {
  const { db, sessions, packages, clock, hub } = app.centre;
  const context: DeliveryContext = createDeliveryContext({
    db, sessions, packages, now: clock,
    checkInFailures: {
      perKiosk: app.centre.failureLimiter(CHECK_IN_FAILURES.perKiosk),
      perSession: app.centre.failureLimiter(CHECK_IN_FAILURES.perSession),
    },
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
  });
  /** Candidates whose change the kiosk must hear of too (within LIVE_COALESCE_MS), and those who only progressed. */
  const changed = new Map<number, number>();
  const progressed = new Map<number, number>();
  let soon: NodeJS.Timeout | undefined;
  let later: NodeJS.Timeout | undefined;
  app.addHook('onClose', async () => {
    clearTimeout(soon);
    clearTimeout(later);
    changed.clear();
    progressed.clear();
  });
  // One read transaction for all the reads of a flush (each statement outside a transaction takes and releases
  // the database's locks: several system calls).
  const flush = db.transaction((pending: Map<number, number>, toKiosk: boolean) => {
    const changes = [...pending];
    pending.clear();
    for (const [candidateId, sessionId] of changes) {
      const candidate = sessions.getCandidate(candidateId);
      if (!candidate) continue;
      hub.publish(sessionId, { type: 'candidate', sessionId, candidate: liveCandidate(context, candidate) });
      const entry = toKiosk ? context.store.latestEntry(candidateId) : null;
      if (entry) hub.sendToKiosk(entry.kioskId, { type: 'stateChanged' });
    }
  });
  const sessionChanged = (sessionId: number) => {
    const live = liveSession(context, sessionId);
    if (live) hub.publish(sessionId, { type: 'candidates', ...live });
    for (const entry of context.store.currentEntriesOfSession(sessionId)) hub.sendToKiosk(entry.kioskId, { type: 'stateChanged' });
  };
  hub.onConsoleConnect((client) => {
    const live = liveSession(context, client.sessionId);
    if (live) client.send({ type: 'candidates', ...live });
  });

  registerKioskRoutes(app, context);
  registerConsoleRoutes(app, context);
  registerFinalisationRoutes(app, context, sessionChanged);
}
