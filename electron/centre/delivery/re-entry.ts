import { ENTRY_TOKEN_HEADER, type KioskCheckInAnswer } from '../../../shared/formats/kiosk-api';
import { ok, type Result } from '../../../shared/result';
import { appendEvent } from '../audit/event-chain';
import { resumeExpired } from '../records/candidate-situation';
import type { DeliveryContext } from '../records/delivery-context';
import { refuse, type Refusal } from '../storage/refusal';
import { kioskState, newEntryToken, type EntryContext } from './kiosk-entry';

/** Why a kiosk re-enters without the check-in form: the page was reloaded, the browser or the computer restarted. */
export const RE_ENTRY_CAUSE = 'reload';

/**
 * R-SESS-5 — a kiosk that kept a pupil's test (IndexedDB) re-enters after a reload, a crash or a power cut: the
 * OLD entry token (this kiosk's, for a test still running) stands for the check-in form, and a NEW entry is made for
 * the same candidate on this kiosk, waiting for « Autoriser la reprise » like any re-entry. The old entry keeps
 * sending the answers held on the kiosk until the new one starts (which replaces it). Audited as `reEntry`, cause
 * `reload`. Refused: the test ended (`testEnded`), the test reopened on another kiosk (`entryReplaced`), more than
 * 24 h after the start (`resumeExpired`), the session closed (`sessionClosed`), no test yet (`testNotStarted`).
 */
export async function reEnter(context: DeliveryContext, kioskId: number, found: EntryContext): Promise<Result<KioskCheckInAnswer, Refusal>> {
  const { candidate, session } = found;
  const { token, tokenHash } = newEntryToken();
  const outcome = await context.commits.run(() => {
    // Re-read inside the transaction: another kiosk may have started the test in between.
    const old = context.store.entryById(found.entry.id) ?? found.entry;
    const test = context.store.testOfCandidate(candidate.id);
    if (!test) {
      return refuse('testNotStarted', ENTRY_TOKEN_HEADER, 'Aucun test commencé avec cette connexion : identifiez-vous de nouveau sur ce poste.');
    }
    if (test.state !== 'started') return refuse('testEnded', ENTRY_TOKEN_HEADER, 'Votre test est terminé : il ne peut pas reprendre.');
    if (old.supersededAt !== null) {
      return refuse('entryReplaced', ENTRY_TOKEN_HEADER, 'Le test a été rouvert sur un autre poste : ce poste ne peut plus le reprendre.');
    }
    if (session.status !== 'created') return refuse('sessionClosed', ENTRY_TOKEN_HEADER, `La session n° ${session.number} est close.`);
    const now = context.now();
    if (resumeExpired(test.startedAt, now)) {
      return refuse('resumeExpired', ENTRY_TOKEN_HEADER, 'La reprise n’est plus possible : plus de 24 heures ont passé depuis le début du test.');
    }
    const at = now.toISOString();
    const entryId = context.store.insertEntry(candidate.id, kioskId, tokenHash, at);
    appendEvent(context.db, session.id, {
      kind: 'reEntry', candidateId: candidate.id, kioskId, at, payload: { entryId, previousEntryId: old.id, cause: RE_ENTRY_CAUSE },
    });
    const entry = context.store.entryById(entryId)!;
    return ok({
      entryToken: token,
      candidate: { lastName: candidate.lastName, firstName: candidate.firstName },
      state: kioskState(context, entry, candidate, test),
    });
  });
  if (outcome.ok) context.candidateChanged(session.id, candidate.id);
  return outcome;
}
