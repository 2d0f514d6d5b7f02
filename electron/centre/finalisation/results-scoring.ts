import type { ResultsScoring } from '../../../shared/formats/console-api';
import type { DeliveryContext } from '../records/delivery-context';
import { listIncidents } from '../records/incidents';
import { storedResults } from './finalise-session';
import { finaliseTest } from './results-document';

/**
 * `GET …/results/scoring` — the scoring input of each candidate who sat a test, after finalisation (section 5), for
 * the console's review (R-SCORE-8: why a result is not validated). A format 3 document does not carry it: the
 * station computes it from what it stored, with the content it holds (the browser has no solutions), exactly as
 * finalisation did (finaliseTest: a finalised session changes no more). A format 2 document, finalised before the
 * upgrade, carries it: that one is served, the very one its result was computed from. Null before finalisation.
 */
export function resultsScoring(context: DeliveryContext, sessionId: number): ResultsScoring | null {
  const stored = storedResults(context, sessionId);
  if (stored === null) return null;
  const document = JSON.parse(stored.json) as { formatVersion: number; candidates: { candidateId: number; test: { scoringInput?: ResultsScoring['candidates'][number]['scoringInput'] } | null }[] };
  if (document.formatVersion === 2) {
    return { candidates: document.candidates.flatMap((c) => (c.test?.scoringInput ? [{ candidateId: c.candidateId, scoringInput: c.test.scoringInput }] : [])) };
  }
  const session = context.sessions.getSession(sessionId);
  if (!session) return null;
  const incidents = listIncidents(context.db, sessionId);
  const tests = new Map(context.store.testsOfSession(sessionId).map((t) => [t.candidateId, t]));
  return {
    candidates: document.candidates.flatMap((c) => {
      const test = tests.get(c.candidateId);
      if (c.test === null || test === undefined) return [];
      return [{ candidateId: c.candidateId, scoringInput: finaliseTest(context, session, test, incidents.filter((i) => i.candidateId === c.candidateId)).scoringInput }];
    }),
  };
}
