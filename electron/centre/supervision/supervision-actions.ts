import type { LiveCandidate } from '../../../shared/formats/console-api';
import type { Candidate, CandidateInput } from '../../../shared/formats/session';
import { appendEvent } from '../audit/event-chain';
import { resumeExpired } from '../records/candidate-situation';
import type { DeliveryContext } from '../records/delivery-context';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';
import { liveCandidate } from './live-state';
import { candidateOfSession, type Actor } from '../records/session-candidate';


/** Runs a console action through the group commit (answered once on disk), then pushes the candidate's new live state. */
async function act(context: DeliveryContext, sessionId: number, candidateId: number, body: (candidate: Candidate, at: string) => Result<unknown, Refusal>): Promise<Result<LiveCandidate, Refusal>> {
  const found = candidateOfSession(context, sessionId, candidateId);
  if (!found.ok) return found;
  const outcome = await context.commits.run(() => body(found.value, context.now().toISOString()));
  if (!outcome.ok) return outcome;
  context.candidateChanged(sessionId, candidateId);
  return ok(liveCandidate(context, context.sessions.getCandidate(candidateId)!));
}

const who = (c: Candidate) => `${c.lastName} ${c.firstName}`;

/** R-SESS-5 — the invigilator confirms the presence of a candidate who checked in and has not started. */
export function confirmPresence(context: DeliveryContext, sessionId: number, candidateId: number, actor: Actor): Promise<Result<LiveCandidate, Refusal>> {
  return act(context, sessionId, candidateId, (candidate, at) => {
    if (context.store.testOfCandidate(candidate.id)) {
      return refuse('testAlreadyStarted', 'candidateId', `${who(candidate)} a déjà commencé son test : utilisez « Autoriser la reprise ».`);
    }
    const entry = context.store.latestEntry(candidate.id);
    if (!entry) return refuse('notCheckedIn', 'candidateId', `${who(candidate)} ne s’est pas encore connecté(e) sur un poste.`);
    if (entry.authorisedAt !== null) return refuse('alreadyConfirmed', 'candidateId', `La présence de ${who(candidate)} est déjà confirmée.`);
    context.store.authoriseEntry(entry.id, 'presence', at);
    appendEvent(context.db, sessionId, { kind: 'presenceConfirmed', candidateId: candidate.id, kioskId: entry.kioskId, at, payload: { entryId: entry.id, by: actor } });
    return ok(null);
  });
}

/**
 * R-SESS-5, kiosk-lockdown.md §2 — "Autoriser la reprise": lifts a suspension, and authorises the re-entry
 * the candidate is waiting for (refused 24 h after the start, R-GEN-6). Either is enough to act.
 */
export function authoriseResume(context: DeliveryContext, sessionId: number, candidateId: number, actor: Actor): Promise<Result<LiveCandidate, Refusal>> {
  return act(context, sessionId, candidateId, (candidate, at) => {
    const test = context.store.testOfCandidate(candidate.id);
    if (!test) return refuse('testNotStarted', 'candidateId', `${who(candidate)} n’a pas commencé son test : utilisez « Confirmer la présence ».`);
    if (test.state !== 'started') return refuse('testEnded', 'candidateId', `Le test de ${who(candidate)} est terminé : il ne peut pas reprendre.`);
    let done = false;
    if (test.suspension !== null) {
      context.store.liftSuspension(test.id);
      appendEvent(context.db, sessionId, { kind: 'suspensionLifted', candidateId: candidate.id, at, payload: { by: actor, signal: test.suspension.kind } });
      done = true;
    }
    const entry = context.store.latestEntry(candidate.id);
    if (entry && entry.startedAt === null && entry.authorisedAt === null) {
      if (resumeExpired(test.startedAt, context.now())) {
        if (!done) return refuse('resumeExpired', 'candidateId', `Reprise impossible : le test de ${who(candidate)} a commencé il y a plus de 24 heures.`);
      } else {
        context.store.authoriseEntry(entry.id, 'resume', at);
        appendEvent(context.db, sessionId, { kind: 'resumeAuthorised', candidateId: candidate.id, kioskId: entry.kioskId, at, payload: { entryId: entry.id, by: actor } });
        done = true;
      }
    }
    if (!done) {
      return refuse('nothingToResume', 'candidateId', `${who(candidate)} n’attend pas de reprise : pour reprendre, il ou elle se reconnecte d’abord sur un poste.`);
    }
    return ok(null);
  });
}

/** R-SESS-6 — the invigilator ends a candidate's test (state endedByInvigilator; the kiosk shows the end page). */
export function endTestByInvigilator(context: DeliveryContext, sessionId: number, candidateId: number, actor: Actor): Promise<Result<LiveCandidate, Refusal>> {
  return act(context, sessionId, candidateId, (candidate, at) => {
    const test = context.store.testOfCandidate(candidate.id);
    if (!test) return refuse('testNotStarted', 'candidateId', `${who(candidate)} n’a pas commencé de test.`);
    if (!context.store.endTest(test.id, 'endedByInvigilator', at)) {
      return refuse('testEnded', 'candidateId', `Le test de ${who(candidate)} est déjà terminé.`);
    }
    appendEvent(context.db, sessionId, { kind: 'testEnded', candidateId: candidate.id, at, payload: { by: actor, state: 'endedByInvigilator' } });
    return ok(null);
  });
}

/**
 * R-SESS-3, R-VAL-6 — a new extra time for the candidate. The kiosk receives the new timers of the challenges
 * not answered yet in its state and applies them to the timers it has not shown yet (a countdown under way
 * keeps its length). An ended test keeps its record: refused.
 */
export function changeExtraTime(context: DeliveryContext, sessionId: number, candidateId: number, extraTimePercent: number, actor: Actor): Promise<Result<LiveCandidate, Refusal>> {
  return act(context, sessionId, candidateId, (candidate, at) => {
    const test = context.store.testOfCandidate(candidate.id);
    if (test && test.state !== 'started') {
      return refuse('testEnded', 'candidateId', `Le test de ${who(candidate)} est terminé : son temps majoré ne change plus.`);
    }
    const updated = context.sessions.updateCandidate(candidate.id, { ...candidateInput(candidate), extraTimePercent });
    // The store's own refusal (its code, hence its status), blamed on the field the invigilator changed.
    if (!updated.ok) return refuse(updated.error.code, 'extraTimePercent', updated.error.message);
    appendEvent(context.db, sessionId, {
      kind: 'extraTimeChanged', candidateId: candidate.id, at, payload: { by: actor, from: candidate.extraTimePercent, to: extraTimePercent },
    });
    return ok(null);
  });
}

/** The editable fields of a stored candidate (what `updateCandidate` takes back). */
function candidateInput(candidate: Candidate): CandidateInput {
  const { id: _id, sessionId: _sessionId, createdAt: _createdAt, ...fields } = candidate;
  return fields;
}
