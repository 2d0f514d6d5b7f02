import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterTest, startHarness, type Harness } from '../../../electron/centre/testing/test-harness';
import { fetchTrusting } from '../../../electron/centre/testing/fetch-trusting';
import { finalisedAsFormatV2 } from '../../../electron/centre/testing/format-v2-session';
import { ResultsScoring } from '../../../shared/formats/console-api';
import { ResultsDocument, ResultsDocumentV2 } from '../../../shared/formats/results';
import type { ScoringInput } from '../../../shared/formats/scoring';
import { createApiClient } from '../../ui/api-client';
import { createFinalisationStore } from './finalisation-store';
import { outcomeReason, parseResultsDocument, reviewOf } from './results-review';

// R-FIN-1..3 — the finalisation store against a REAL centre server (HTTPS on loopback, SQLite file): the board
// read, the refusal when a pupil starts meanwhile (worded from the board read again, nothing finalised), the
// finalisation, then the review read from the station's own results document and the scoring inputs it computes.

let h: Harness;

beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

function store(on: Harness = h) {
  const client = createApiClient({ baseUrl: on.t.server.url, headers: () => ({ authorization: `Bearer ${on.invigilatorToken}` }), fetch: fetchTrusting(on.t.tls.certPem) });
  return createFinalisationStore({ client, sessionId: on.sessionId });
}

describe('the finalisation store', () => {
  it('refuses nothing it can check itself, is refused when a pupil started meanwhile, then finalises and reviews the document', async () => {
    const kioskA = await h.pairKiosk('Poste A');
    const marie = await enterTest(h, kioskA, 'Dupont');
    expect(marie.test.status).toBe(200);
    for (const c of marie.test.json.challenges as { challengeId: string }[]) {
      const answered = await h.kiosk('POST', '/api/kiosk/answers', kioskA, marie.entry, { challengeId: c.challengeId, answer: { skipped: true }, clientAnswerId: `a-${c.challengeId}`, elapsedMs: 1000, timedOut: false, focusLost: false });
      expect(answered.status).toBe(200);
    }
    const kioskB = await h.pairKiosk('Poste B');
    const leo = await h.checkIn(kioskB, 'Bernard');
    await h.console('POST', `/candidates/${h.candidates.get('Bernard')!.id}/confirm-presence`);

    const s = store();
    await s.getState().load();
    expect(s.getState().phase.name).toBe('wizard');
    const situations = Object.fromEntries(s.getState().rows.map((r) => [r.candidate.lastName, r.situation]));
    expect(situations).toMatchObject({ Dupont: 'completed', Bernard: 'notStarted', Martin: 'notStarted' });

    // The wizard's checks: the two yes/no answers before « Finaliser ».
    s.getState().goToStep(3);
    s.getState().askConfirmation();
    expect(s.getState().confirming).toBe(false);
    expect(s.getState().step).toBe(2);
    expect(s.getState().problems.map((p) => p.field)).toEqual(['incidentDuringSession', 'joiningIssue']);
    s.getState().setIncidentDuringSession(false);
    expect(s.getState().problems.map((p) => p.field)).toEqual(['joiningIssue']);
    s.getState().setJoiningIssue(true);
    s.getState().setComment('  RAS  ');
    s.getState().setEndScreenSeen(h.candidates.get('Dupont')!.id, true);
    s.getState().askConfirmation();
    expect(s.getState().confirming).toBe(true);

    // Léo starts meanwhile: the station refuses (no reason for his unfinished test); the store says who, nothing finalised.
    const started = await h.kiosk('POST', '/api/kiosk/start', kioskB, leo.json.entryToken);
    expect(started.status).toBe(200);
    await s.getState().finalise();
    const refused = s.getState();
    expect(refused.phase.name).toBe('wizard');
    expect(refused.refusal?.changes.map((c) => [c.candidate.lastName, c.from, c.to])).toEqual([['Bernard', 'notStarted', 'unfinished']]);
    expect(refused.step).toBe(0);
    expect(refused.problems).toEqual([{ field: 'abortReason', candidateId: h.candidates.get('Bernard')!.id }]);
    expect(refused.form.joiningIssue).toBe(true); // kept
    expect((await h.console('GET', '/live')).json.sessionStatus).toBe('created');

    s.getState().setAbortReason(h.candidates.get('Bernard')!.id, 'technical');
    s.getState().askConfirmation();
    await s.getState().finalise();
    const phase = s.getState().phase;
    expect(phase.name).toBe('review');
    if (phase.name !== 'review') return;

    // The review is the station's document, read back: the same statuses, totals and marks, in its order.
    const raw = await h.console('GET', '/results');
    const document = ResultsDocument.parse(raw.json);
    expect(document.globalComment).toBe('RAS');
    expect(document.joiningIssue).toBe(true);
    const bernard = document.candidates.find((c) => c.lastName === 'Bernard')!;
    expect(bernard.test?.abortReason).toBe('technical');
    expect(bernard.test?.state).toBe('endedDueToFinalisation');
    expect(phase.review.candidates.map((c) => [c.candidateId, c.outcome, c.pix, c.marks])).toEqual(document.candidates.map((c) =>
      [c.candidateId, c.test?.result.status ?? 'notStarted', c.test?.result.pix ?? 0, c.test?.result.competences ?? []]));
    expect(phase.review.maxTotalPix).toBe(640);
    const marieResult = phase.review.candidates.find((c) => c.lastName === 'Dupont')!;
    expect(marieResult).toMatchObject({ outcome: 'rejected', reason: 'lowRate', reproducibilityRate: 0 });
    expect(parseResultsDocument(raw.text)).toEqual(document);

    // Opened again on the finalised session: the review at once.
    const again = store();
    await again.getState().load();
    expect(again.getState().phase).toEqual(phase);
  });
});

describe('outcomeReason (R-SCORE-8, R-SCORE-9)', () => {
  it('reads why from the result and the station’s scoring input, first match wins', async () => {
    const raw = await h.console('GET', '/results');
    const dupont = ResultsDocument.parse(raw.json).candidates.find((c) => c.lastName === 'Dupont')!; // completed, nothing neutralised
    const scoring = ResultsScoring.parse((await h.console('GET', '/results/scoring')).json);
    const input = scoring.candidates.find((c) => c.candidateId === dupont.candidateId)!.scoringInput;
    const reason = (status: 'validated' | 'rejected' | 'cancelled' | 'error', rate: number, extra: Partial<ScoringInput> = {}) =>
      outcomeReason({ ...dupont.test!.result, status, reproducibilityRate: rate }, { ...input, ...extra });
    expect(reason('validated', 90)).toBeNull();
    expect(reason('error', 90)).toBe('unscorable');
    expect(reason('rejected', 30)).toBe('lowRate');
    expect(reason('rejected', 80)).toBe('noPix');
    expect(reason('rejected', 30, { fraud: true })).toBe('fraud');
    expect(reason('cancelled', 30, { cancelledByAuthority: true })).toBe('authority');
    expect(reason('cancelled', 30, { abortReason: 'technical' })).toBe('technicalLowRate');
    const allNeutralised = input.challenges.map((c) => ({ ...c, neutralized: true }));
    expect(reason('cancelled', 30, { abortReason: 'technical', challenges: allNeutralised })).toBe('tooManyNeutralised');
  });

  it('a document that is not one reads as null; so does a review without the scoring input of a candidate who sat', async () => {
    expect(parseResultsDocument('pas du JSON')).toBeNull();
    expect(parseResultsDocument('{"format":"passation/results"}')).toBeNull();
    const document = parseResultsDocument((await h.console('GET', '/results')).text)!;
    expect(reviewOf(document, { candidates: [] })).toBeNull();
  });
});

describe('a session finalised before format 3 (its document is format 2)', () => {
  let old: Harness;
  beforeAll(async () => { old = await startHarness(); });
  afterAll(async () => { await old.close(); });

  it('still shows its review: the document’s own scoring inputs, served by the station', async () => {
    const kiosk = await old.pairKiosk('Poste A');
    const marie = await enterTest(old, kiosk, 'Dupont');
    for (const c of marie.test.json.challenges as { challengeId: string }[]) {
      expect((await old.kiosk('POST', '/api/kiosk/answers', kiosk, marie.entry, { challengeId: c.challengeId, answer: { skipped: true }, clientAnswerId: `a-${c.challengeId}`, elapsedMs: 1000, timedOut: false, focusLost: false })).status).toBe(200);
    }
    const finalised = await old.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: old.candidates.get('Dupont')!.id, endScreenSeen: true }] });
    expect(finalised.status, finalised.text).toBe(200);
    const v2 = finalisedAsFormatV2(old);
    const raw = await old.console('GET', '/results');
    expect(ResultsDocumentV2.parse(raw.json)).toEqual(v2);
    expect(parseResultsDocument(raw.text)).toEqual(v2);
    const scoring = ResultsScoring.parse((await old.console('GET', '/results/scoring')).json);
    expect(scoring.candidates).toEqual([{ candidateId: old.candidates.get('Dupont')!.id, scoringInput: v2.candidates.find((c) => c.lastName === 'Dupont')!.test!.scoringInput }]);

    const s = store(old);
    await s.getState().load();
    const phase = s.getState().phase;
    expect(phase.name).toBe('review');
    if (phase.name !== 'review') return;
    expect(phase.review.candidates.map((c) => [c.candidateId, c.outcome, c.pix])).toEqual(v2.candidates.map((c) => [c.candidateId, c.test?.result.status ?? 'notStarted', c.test?.result.pix ?? 0]));
    expect(phase.review.candidates.find((c) => c.lastName === 'Dupont')).toMatchObject({ outcome: 'rejected', reason: 'lowRate', reproducibilityRate: 0 });
  });
});
