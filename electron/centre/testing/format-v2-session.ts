import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { questionNumbers } from '../../../shared/certification/finalisation';
import type { Answer } from '../../../shared/formats/challenge';
import { ResultsDocument, ResultsDocumentV2, type ResultsTestV2 } from '../../../shared/formats/results';
import { CHECK_IN_FAILURES } from '../delivery/check-in';
import { finaliseTest } from '../finalisation/results-document';
import { storedResults } from '../finalisation/finalise-session';
import { createDeliveryContext } from '../records/delivery-context';
import { finalisationChallenges } from '../records/finalisation-challenges';
import { listIncidents } from '../records/incidents';
import type { Harness } from './test-harness';

/**
 * For tests: a finalised session's results document as a station wrote it before format 3 (format 2, with what
 * finalisation derived: each answer's position, question number, validation, status, field results, timer and client
 * id; the certifiable competences, the whole drawn test and the scoring input), built from the station's records as
 * the former results-document.ts built it, and stored in place of the format 3 document — as if that older station had
 * finalised the session. Signing then signs it as it signs any stored document: a genuine format 2 bundle, for the
 * tests that such a session still displays and exports, and such a bundle is still received and verified.
 */
export function finalisedAsFormatV2(h: Harness): ResultsDocumentV2 {
  const centre = h.t.server.app.centre;
  const context = createDeliveryContext({
    db: centre.db, sessions: centre.sessions, packages: centre.packages,
    checkInFailures: {
      perKiosk: centre.failureLimiter('checkInKiosk', CHECK_IN_FAILURES.perKiosk),
      perSession: centre.failureLimiter('checkInSession', CHECK_IN_FAILURES.perSession),
    },
  });
  const stored = storedResults(context, h.sessionId);
  if (stored === null) throw new Error('session pas finalisée');
  const current = ResultsDocument.parse(JSON.parse(stored.json));
  const session = context.sessions.getSession(h.sessionId)!;
  const tests = new Map(context.store.testsOfSession(h.sessionId).map((t) => [t.candidateId, t]));
  const incidents = listIncidents(context.db, h.sessionId);
  const document: ResultsDocumentV2 = {
    ...current,
    formatVersion: 2,
    candidates: current.candidates.map((candidate) => {
      const record = tests.get(candidate.candidateId);
      if (candidate.test === null || record === undefined) return { ...candidate, test: null };
      const material = context.tests.of(record)!;
      const answers = context.store.answersOfTest(record.id);
      const numbers = questionNumbers(finalisationChallenges(material, answers));
      const { scoringInput } = finaliseTest(context, session, record, incidents.filter((i) => i.candidateId === candidate.candidateId));
      const { drawnTest: _drawn, answers: _answers, ...kept } = candidate.test;
      const test: ResultsTestV2 = {
        ...kept,
        certifiableCompetences: material.generated.competences,
        generatedTest: material.generated,
        answers: [...answers].sort((a, b) => a.position - b.position).map((a) => ({
          challengeId: a.challengeId, position: a.position + 1, questionNumber: numbers[a.position]!,
          answer: JSON.parse(a.answer) as Answer, validation: a.validation, status: a.status,
          fieldResults: a.fieldResults === null ? null : JSON.parse(a.fieldResults) as Record<string, boolean>,
          timedOut: a.timedOut, focusLost: a.focusLost, elapsedMs: a.elapsedMs, timerSeconds: a.timerSeconds,
          answeredAt: a.answeredAt, kioskId: a.kioskId, clientAnswerId: a.clientAnswerId,
        })),
        scoringInput,
      };
      return { ...candidate, test };
    }),
  };
  const json = canonicalJson(ResultsDocumentV2.parse(document));
  const sha256 = createHash('sha256').update(json, 'utf8').digest('hex');
  // The row an older station would have written (the table refuses changes: its trigger is set aside for this).
  const trigger = context.db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'finalisations_no_change'").get()!.sql;
  context.db.exec('DROP TRIGGER finalisations_no_change');
  context.db.prepare('UPDATE finalisations SET results_json = ?, results_sha256 = ? WHERE session_id = ?').run(json, sha256, h.sessionId);
  context.db.exec(trigger);
  return document;
}
