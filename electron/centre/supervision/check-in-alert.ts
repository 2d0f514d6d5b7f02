import { appendEvent } from '../audit/event-chain';
import { checkInSessionKey } from '../records/check-in-key';
import type { DeliveryContext } from '../records/delivery-context';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';
import { checkInAlert } from './live-state';

/**
 * R-SESS-4 — the invigilator lifts the session's check-in alert: the failed check-ins of the session are forgotten
 * (the per-kiosk pauses stay), the audit chain records who lifted it, the consoles get the list without the alert.
 * Lifting when there is no alert changes nothing and is not refused.
 */
export async function clearCheckInAlert(context: DeliveryContext, sessionId: number, by: string): Promise<Result<null, Refusal>> {
  const session = context.sessions.getSession(sessionId);
  if (!session) return refuse('notFound', 'sessionId', `Session introuvable (id ${sessionId}).`);
  const alert = checkInAlert(context, session.number);
  if (!alert) return ok(null);
  context.checkInFailures.perSession.reset(checkInSessionKey(session.number));
  const outcome = await context.commits.run(() => ok(appendEvent(context.db, sessionId, {
    kind: 'checkInAlertCleared', at: context.now().toISOString(), payload: { by, failures: alert.failures, since: alert.since },
  })));
  if (!outcome.ok) return outcome;
  context.sessionAlertChanged(sessionId);
  return ok(null);
}
