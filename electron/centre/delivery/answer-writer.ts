import type { JsonText } from '../../../shared/formats/live-messages';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { judgeAnswer, validateAnswer } from '../../../shared/certification/validation';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { ENTRY_TOKEN_HEADER, type AnswerAck, type KioskAnswer } from '../../../shared/formats/kiosk-api';
import { appendEvent } from '../audit/event-chain';
import type { DeliveryContext } from '../records/delivery-context';
import { extendedTimers } from './kiosk-view';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';

export interface AnswerSubmission {
  kioskId: number;
  entryId: number;
  body: z.output<typeof KioskAnswer>;
}

/** The acknowledgement as sent (exact bytes, the same on every replay) and whether this call stored it. */
export interface StoredAck {
  /** Canonical JSON of the AnswerAck, as stored. */
  ackJson: JsonText<AnswerAck>;
  created: boolean;
  sessionId: number;
  candidateId: number;
}

export type AnswerWriter = ReturnType<typeof createAnswerWriter>;

/**
 * Durable answers: each is stored through the group commit (with the other writes of the same turn of the
 * event loop, in one transaction and one fsync); the promise resolves only after that commit, so a kiosk is
 * acknowledged only for what is on disk. The consoles and the kiosk hear of the change after the commit.
 */
export function createAnswerWriter(context: DeliveryContext) {
  return {
    /** Resolves once the answer (or its earlier twin) is on disk; rejects on a storage failure. */
    async submit(submission: AnswerSubmission): Promise<Result<StoredAck, Refusal>> {
      const outcome = await context.commits.run(() => recordAnswer(context, submission));
      // The kiosk is not pushed a "stateChanged": the acknowledgement tells it (testCompleted included).
      if (outcome.ok && outcome.value.created) context.candidateChanged(outcome.value.sessionId, outcome.value.candidateId, false);
      return outcome;
    },
  };
}

/**
 * R-VAL-3, R-VAL-4 — stores one answer, validated and judged on the station, with its audit event.
 * Idempotent per test and challenge: a replay gets the FIRST acknowledgement back and changes nothing.
 */
export function recordAnswer(context: DeliveryContext, { kioskId, entryId, body }: AnswerSubmission): Result<StoredAck, Refusal> {
  const candidate = context.store.answerContext(entryId);
  if (!candidate) return refuse('entryUnknown', ENTRY_TOKEN_HEADER, 'Connexion du candidat inconnue sur ce poste : identifiez-vous de nouveau.');
  const { test } = candidate;
  if (!test) return refuse('testNotStarted', ENTRY_TOKEN_HEADER, 'Le test n’est pas commencé : aucune réponse ne peut être enregistrée.');
  const ids = { sessionId: candidate.sessionId, candidateId: candidate.candidateId };

  const first = context.store.answerFor(test.id, body.challengeId);
  if (first) return ok({ ackJson: first.ack as JsonText<AnswerAck>, created: false, ...ids });

  const material = context.tests.of(test);
  if (!material) throw new Error(`test ${test.id} : paquet de contenu illisible`);
  const position = material.positionOf.get(body.challengeId);
  if (position === undefined) {
    return refuse('challengeNotInTest', 'challengeId', `L’épreuve « ${body.challengeId} » ne fait pas partie du test de ce candidat.`);
  }
  if (candidate.entryStartedAt === null) {
    return refuse('entryNotStarted', ENTRY_TOKEN_HEADER, 'Cette connexion n’a pas ouvert le test : la reprise doit être autorisée par le surveillant.');
  }
  if (candidate.entrySupersededAt !== null) {
    return refuse('entryReplaced', ENTRY_TOKEN_HEADER, 'Le test a été rouvert sur un autre poste : ce poste ne peut plus enregistrer de réponse.');
  }
  if (test.state !== 'started') {
    return refuse('testEnded', ENTRY_TOKEN_HEADER, 'Le test est terminé : la réponse n’a pas été enregistrée.');
  }

  const challenge = material.challenges[position]!;
  const timed = challenge.timer !== undefined;
  const validation = validateAnswer(challenge, body.answer);
  const timedOut = timed && body.timedOut;
  const status = judgeAnswer({
    validation: validation.status,
    timedOut,
    focusLost: body.focusLost,
    focusedChallenge: challenge.focused === true,
    accessibilityAdjustment: candidate.accessibilityAdjustment,
  });
  const at = context.now().toISOString();
  const completed = context.store.countAnswers(test.id) + 1 === test.challengeCount;
  const ack: AnswerAck = { saved: true, challengeId: body.challengeId, clientAnswerId: body.clientAnswerId, savedAt: at, testCompleted: completed };
  const ackJson = canonicalJson(ack) as JsonText<AnswerAck>;
  const answer = canonicalJson(body.answer);
  context.store.insertAnswer({
    testId: test.id,
    challengeId: body.challengeId,
    position,
    answer,
    validation: validation.status,
    status,
    fieldResults: validation.fields === undefined ? null : canonicalJson(validation.fields),
    timedOut,
    focusLost: body.focusLost,
    elapsedMs: body.elapsedMs,
    timerSeconds: timed ? extendedTimers([challenge], candidate.extraTimePercent)[challenge.id]! : null,
    answeredAt: at,
    kioskId,
    entryId,
    clientAnswerId: body.clientAnswerId,
    ack: ackJson,
  });
  // The chain binds the raw answer by its digest; the status stays out of the log the console lists.
  appendEvent(context.db, candidate.sessionId, {
    kind: 'answer', candidateId: candidate.candidateId, kioskId, at,
    payload: {
      challengeId: body.challengeId, position: position + 1, clientAnswerId: body.clientAnswerId,
      answerSha256: createHash('sha256').update(answer, 'utf8').digest('hex'),
      timedOut, focusLost: body.focusLost, elapsedMs: body.elapsedMs,
    },
  });
  if (completed) {
    context.store.endTest(test.id, 'completed', at);
    appendEvent(context.db, candidate.sessionId, { kind: 'testCompleted', candidateId: candidate.candidateId, kioskId, at, payload: { answers: test.challengeCount } });
  }
  return ok({ ackJson, created: true, ...ids });
}
