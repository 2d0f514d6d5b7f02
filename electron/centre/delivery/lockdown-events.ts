import type { z } from 'zod';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import type { KioskEvent, KioskEventAnswer, LockdownEventKind, LockdownPolicy } from '../../../shared/formats/kiosk-api';
import { appendEvent } from '../audit/event-chain';
import type { DeliveryContext } from '../records/delivery-context';
import { kioskState, type EntryContext } from './kiosk-entry';
import { ok, type Result } from '../../../shared/result';
import { countIfRepeat } from '../records/repeated-events';
import { refuse, type Refusal } from '../storage/refusal';

/**
 * kiosk-lockdown.md §2 — the centre's default policy per signal. Suspend: focus loss on a focused challenge,
 * a display added, a remote session; we add a second display present at start (the same risk as one added)
 * and a changed shell (the lockdown itself cannot be trusted any more). Warn: VM suspicion, low battery, a
 * display removed or changed, a focus loss elsewhere, the technician's exit
 * and re-pairing. Log: the rest.
 */
const POLICY: Record<LockdownEventKind, LockdownPolicy> = {
  focusLost: 'warn',
  focusRegained: 'log',
  displayAdded: 'suspend',
  displayRemoved: 'warn',
  displayChanged: 'warn',
  secondDisplayAtStart: 'suspend',
  virtualMachineSuspected: 'warn',
  remoteSessionSuspected: 'suspend',
  batteryLow: 'warn',
  networkLost: 'log',
  networkRestored: 'log',
  shellIntegrity: 'suspend',
  forbiddenKey: 'log',
  allowedApplicationOpened: 'log',
  allowedApplicationClosed: 'log',
  technicianExit: 'warn',
  technicianRepairing: 'warn',
};

/** R-VAL-5 — a focus loss during a focused challenge suspends the test; elsewhere it only warns. */
export function lockdownPolicy(kind: LockdownEventKind, onFocusedChallenge: boolean): LockdownPolicy {
  if (kind === 'focusLost' && onFocusedChallenge) return 'suspend';
  return POLICY[kind];
}

/**
 * Records a lockdown or focus event: its own table, the audit chain, and for a "suspend" signal on a running
 * test, the suspension that only the invigilator lifts ("Autoriser la reprise"). A replayed event (same
 * `clientEventId` on the same entry) is kept once.
 */
export async function recordKioskEvent(context: DeliveryContext, kioskId: number, found: EntryContext, body: z.output<typeof KioskEvent>): Promise<Result<KioskEventAnswer, Refusal>> {
  const { entry, candidate, test } = found;
  const material = test ? context.tests.of(test) : null;
  const position = body.challengeId === undefined ? undefined : material?.positionOf.get(body.challengeId);
  if (body.challengeId !== undefined && position === undefined) {
    return refuse('challengeNotInTest', 'challengeId', `L’épreuve « ${body.challengeId} » ne fait pas partie du test de ce candidat.`);
  }
  const outcome = await context.commits.run(() => {
    const known = body.clientEventId === undefined ? null : context.store.eventByClientId(entry.id, body.clientEventId);
    const current = () => context.store.testOfCandidate(candidate.id);
    if (known) return ok({ recorded: true as const, policy: known.policy, state: kioskState(context, entry, candidate, current()), repeat: true });

    const focused = position !== undefined && material?.challenges[position]?.focused === true;
    const policy = lockdownPolicy(body.kind, focused);
    const running = test !== null && test.state === 'started' && entry.startedAt !== null && entry.supersededAt === null;
    // A repeat changes nothing but a count: unless it would suspend a running test that is not suspended yet.
    const changesState = policy === 'suspend' && running && test.suspension === null;
    if (!changesState && countIfRepeat(context.db, entry.id, { kind: body.kind, cause: body.cause, challengeId: body.challengeId ?? null }, context.now())) {
      return ok({ recorded: true as const, policy, state: kioskState(context, entry, candidate, current()), repeat: true });
    }
    const at = context.now().toISOString();
    const details = body.details ?? {};
    context.store.insertLockdownEvent({
      entryId: entry.id, candidateId: candidate.id, kioskId, kind: body.kind, cause: body.cause, occurredAt: body.at, receivedAt: at,
      challengeId: body.challengeId ?? null, details: canonicalJson(details), policy, clientEventId: body.clientEventId ?? null,
    });
    appendEvent(context.db, candidate.sessionId, {
      kind: 'lockdown', candidateId: candidate.id, kioskId, at,
      payload: { entryId: entry.id, signal: body.kind, cause: body.cause, occurredAt: body.at, challengeId: body.challengeId ?? null, policy, details },
    });
    if (policy === 'suspend' && running && context.store.suspendTest(test.id, body.kind, body.cause, at)) {
      appendEvent(context.db, candidate.sessionId, { kind: 'testSuspended', candidateId: candidate.id, kioskId, at, payload: { signal: body.kind, cause: body.cause } });
    }
    return ok({ recorded: true as const, policy, state: kioskState(context, entry, candidate, current()), repeat: false });
  });
  if (!outcome.ok) return outcome;
  const { repeat, ...answer } = outcome.value;
  if (answer.policy !== 'log' && !repeat) context.candidateChanged(candidate.sessionId, candidate.id);
  return ok(answer);
}
