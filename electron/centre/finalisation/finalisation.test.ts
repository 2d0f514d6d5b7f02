import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answer } from '../../../shared/formats/challenge';
import { scoreCertification } from '../../../shared/certification/scoring';
import { ResultsScoring } from '../../../shared/formats/console-api';
import { ResultsDocument } from '../../../shared/formats/results';
import { rightAnswerFor, wrongAnswerFor } from '../../../shared/testing/simulated-answer';
import { verifyChain } from '../audit/event-chain';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { testContentPackage } from '../testing/test-packages';

let h: Harness;
const content = testContentPackage();
const challenge = (id: string) => content.challenges.find((c) => c.id === id)!;
const idOf = (lastName: string) => h.candidates.get(lastName)!.id;
const entries = new Map<string, { kiosk: string; entry: string }>();

async function sit(lastName: string, answers: [string, Answer][]): Promise<void> {
  const kiosk = await h.pairKiosk(`Poste ${lastName}`);
  const { entry, test: started } = await enterTest(h, kiosk, lastName);
  expect(started.status).toBe(200);
  entries.set(lastName, { kiosk, entry });
  for (const [challengeId, answer] of answers) {
    const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId, answer, clientAnswerId: challengeId, elapsedMs: 3000, timedOut: false, focusLost: false });
    expect(ack.status).toBe(200);
    h.t.advance(1000);
  }
}

const finalise = (body: unknown) => h.console('POST', '/finalisation', body);

beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

describe('R-FIN-1 — refusals', () => {
  test('a session where nobody started', async () => {
    const refused = await finalise({ incidentDuringSession: false, joiningIssue: false });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'finalisationRefused', field: 'sessionId' });
    expect(refused.json.error.message).toContain('Aucun candidat n’a commencé');
  });

  test('missing abort reasons and an abort reason on a completed test, each candidate named', async () => {
    // Dupont answers everything right; Bernard stops after 5; Petit is ended by the invigilator after 3.
    await sit('Dupont', content.challenges.filter((c) => c.id !== 'ch_unused').map((c) => [c.id, rightAnswerFor(c)]));
    await sit('Bernard', [['ch_1', rightAnswerFor(challenge('ch_1'))], ['ch_2', wrongAnswerFor(challenge('ch_2'))],
      ['ch_3', rightAnswerFor(challenge('ch_3'))], ['ch_4', rightAnswerFor(challenge('ch_4'))], ['ch_5', rightAnswerFor(challenge('ch_5'))]]);
    await sit('Petit', ['ch_1', 'ch_2', 'ch_3'].map((id) => [id, rightAnswerFor(challenge(id))]));
    expect((await h.console('POST', `/candidates/${idOf('Petit')}/end-test`)).status).toBe(200);
    // Garnier is here (presence confirmed) but never starts.
    await h.checkIn(await h.pairKiosk('Poste Garnier'), 'Garnier');
    await h.console('POST', `/candidates/${idOf('Garnier')}/confirm-presence`);

    const missing = await finalise({ incidentDuringSession: false, joiningIssue: false });
    expect(missing.status).toBe(409);
    expect(missing.json.error.field).toBe('candidates');
    expect(missing.json.error.errors.map((e: { message: string }) => e.message)).toEqual([
      'Bernard Léo : test non terminé, indiquez la raison de l’abandon (abandon du candidat ou problème technique).',
      'Petit Zoé : test non terminé, indiquez la raison de l’abandon (abandon du candidat ou problème technique).',
    ]);

    const onCompleted = await finalise({
      incidentDuringSession: false, joiningIssue: false,
      candidates: [{ candidateId: idOf('Dupont'), abortReason: 'technical' }, { candidateId: idOf('Bernard'), abortReason: 'technical' }, { candidateId: idOf('Petit'), abortReason: 'candidate' }],
    });
    expect(onCompleted.json.error).toMatchObject({ field: 'candidates[0].abortReason' });
    expect(onCompleted.json.error.message).toBe('Dupont Marie : le test est terminé, il ne peut pas avoir de raison d’abandon.');
  });

  test('a candidate who is not in the session, or who never started, is refused by position', async () => {
    const unknown = await finalise({ incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: 999, abortReason: null }] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.field).toBe('candidates[0].candidateId');
    const notStarted = await finalise({ incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: idOf('Garnier') }] });
    expect(notStarted.json.error).toMatchObject({ code: 'candidateNotStarted', field: 'candidates[0].candidateId' });
    const twice = await finalise({ incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: 1 }, { candidateId: 1 }] });
    expect(twice.json.error.field).toBe('candidates[1].candidateId');
    expect(h.t.db.prepare('SELECT status FROM sessions WHERE id = ?').pluck().get(h.sessionId)).toBe('created');
    // Nothing to review before finalisation.
    for (const path of ['/results', '/results/scoring']) expect((await h.console('GET', path)).json.error).toMatchObject({ code: 'notFinalised' });
  });
});

describe('R-FIN-2, R-FIN-3 — a full finalisation', () => {
  let answer: { status: number; json: { candidates: { candidateId: number; status: string; pix: number; reproducibilityRate: number; reason: string | null }[]; resultsSha256: string; chainHead: { seq: number; hash: string } } };

  test('incidents first: E4 on Bernard’s question 2 (a wrong answer), E1 on Dupont’s question 1 (a right one), C6 on Petit', async () => {
    expect((await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E4', questionNumber: 2, description: 'site indisponible' })).status).toBe(201);
    expect((await h.console('POST', '/incidents', { candidateId: idOf('Dupont'), category: 'E1', challengeId: 'ch_1' })).status).toBe(201);
    expect((await h.console('POST', '/incidents', { candidateId: idOf('Petit'), category: 'C6', description: 'téléphone' })).status).toBe(201);
  });

  test('finalises: unfinished tests end, the provisional scores follow the rules', async () => {
    const response = await finalise({
      globalComment: 'Coupure réseau à 9 h 10.', incidentDuringSession: true, joiningIssue: false,
      candidates: [
        { candidateId: idOf('Dupont'), endScreenSeen: true },
        { candidateId: idOf('Bernard'), abortReason: 'technical' },
        { candidateId: idOf('Petit'), abortReason: 'candidate', endScreenSeen: false },
      ],
    });
    expect(response.status).toBe(200);
    answer = response as typeof answer;
    const result = (name: string) => answer.json.candidates.find((c) => c.candidateId === idOf(name));
    // Dupont: 15/15 right, rate 100, every competence V: 5 × 12 pix.
    expect(result('Dupont')).toMatchObject({ status: 'validated', pix: 60, reproducibilityRate: 100, reason: null });
    // Bernard: 10 unanswered neutralised (technical) + question 2 neutralised (E4 on a ko): 4 left < ceil(0.66 × 15) = 10 → cancelled;
    // marks: 1.1 and 1.2 at 3 challenges / 2 correct / 1 neutralised → V (12 each), the others 0 correct → I.
    expect(result('Bernard')).toMatchObject({ status: 'cancelled', pix: 24, reproducibilityRate: 100, reason: 'R-SCORE-8 : 4 épreuves non neutralisées sur 15, il en faut au moins 10 (66 %)' });
    // Petit: 12 unanswered auto-skipped (abandon): 3 right out of 15 → rate 20 < 50 → rejected, 0 pix.
    expect(result('Petit')).toMatchObject({ status: 'rejected', pix: 0, reproducibilityRate: 20, reason: 'R-SCORE-8 : taux de reproductibilité de 20 % inférieur à 50 %' });
    expect(answer.json.candidates).toHaveLength(3);
  });

  test('the stored results document: canonical JSON, its digest, valid against its schema, with the chain head', async () => {
    const results = await h.console('GET', '/results');
    expect(results.status).toBe(200);
    expect(results.text).toBe(canonicalize(JSON.parse(results.text)));
    const sha256 = createHash('sha256').update(results.text, 'utf8').digest('hex');
    expect(results.headers['x-content-sha256']).toBe(sha256);
    expect(answer.json.resultsSha256).toBe(sha256);
    const parsed = ResultsDocument.safeParse(results.json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3))).toBe(true);
    const document = parsed.data!;

    const chain = verifyChain(h.t.db, h.sessionId);
    expect(chain).toMatchObject({ ok: true, head: document.auditChain.head, count: document.auditChain.seq });
    expect(document).toMatchObject({ globalComment: 'Coupure réseau à 9 h 10.', incidentDuringSession: true, joiningIssue: false });

    const byName = new Map(document.candidates.map((c) => [c.lastName, c]));
    const dupont = byName.get('Dupont')!.test!;
    expect(byName.get('Bernard')!.test!.result.reason).toBe(answer.json.candidates.find((c) => c.candidateId === idOf('Bernard'))!.reason);
    expect(dupont).toMatchObject({ state: 'completed', abortReason: null, endScreenSeen: true });
    expect(dupont.answers).toHaveLength(15);
    // Format 3: only the raw facts of each answer; its position is its challenge's index in the drawn ids.
    expect(Object.keys(dupont.answers[0]!).sort()).toEqual(['answer', 'answeredAt', 'challengeId', 'elapsedMs', 'focusLost', 'kioskId', 'timedOut']);
    expect(dupont.answers[0]).toMatchObject({ challengeId: 'ch_1', answer: { choice: '2' }, elapsedMs: 3000, timedOut: false, focusLost: false });
    expect(dupont.answers.map((a) => a.challengeId)).toEqual(dupont.drawnTest.challengeIds);
    expect(dupont.drawnTest.seed).toBe(dupont.drawnTest.seed >>> 0);
    expect(dupont.drawnTest).toMatchObject({ contentId: document.content.packageId, contentVersion: document.content.version, locale: 'fr' });
    expect(Object.keys(dupont).sort()).not.toContain('scoringInput');
    expect(dupont.frozenProfile.pupilId).toBe('INE-1');
    expect(dupont.effects).toEqual([{ challengeId: 'ch_1', questionNumber: 1, category: 'E1', effect: 'none',
      reason: 'E1 : R-INC-2, seules les réponses « ko » ou abandonnées sont neutralisées ; la réponse « ok » est conservée' }]);

    const bernard = byName.get('Bernard')!.test!;
    expect(bernard).toMatchObject({ state: 'endedDueToFinalisation', abortReason: 'technical' });
    expect(bernard.effects.filter((e) => e.category === 'R-FIN-2').map((e) => e.effect)).toEqual(Array(10).fill('neutralized'));
    expect(bernard.effects.find((e) => e.category === 'E4')).toMatchObject({ challengeId: 'ch_2', effect: 'neutralized' });
    // The scoring inputs the document leaves out: computed by the station for the console's review (R-SCORE-8).
    const scoringAnswer = await h.console('GET', '/results/scoring');
    expect(scoringAnswer.status).toBe(200);
    const scoring = ResultsScoring.parse(scoringAnswer.json);
    const inputOf = (name: string) => scoring.candidates.find((c) => c.candidateId === idOf(name))!.scoringInput;
    expect(scoring.candidates.map((c) => c.candidateId).sort()).toEqual(['Bernard', 'Dupont', 'Petit'].map(idOf).sort());
    expect(inputOf('Bernard').challenges.filter((c) => c.neutralized)).toHaveLength(11);
    expect(inputOf('Bernard')).toMatchObject({ abortReason: 'technical', fraud: false, maxLevel: 5 });
    // The result in the document is the score of that input (the same computation as at finalisation).
    for (const name of ['Bernard', 'Dupont', 'Petit']) expect(scoreCertification(inputOf(name))).toEqual(byName.get(name)!.test!.result);

    const petit = byName.get('Petit')!.test!;
    expect(petit).toMatchObject({ state: 'endedByInvigilator', abortReason: 'candidate', manualReview: ['C6'] });
    expect(inputOf('Petit').challenges.filter((c) => c.autoSkipped)).toHaveLength(12);

    expect(byName.get('Garnier')!.test).toBeNull();
    const attendance = new Map(document.attendance.map((a) => [a.lastName, a.present]));
    expect(Object.fromEntries(attendance)).toEqual({ Bernard: true, Dupont: true, Garnier: true, Lefèvre: false, Martin: false, Petit: true, Roux: false });
    expect(document.incidents.map((i) => i.category)).toEqual(['E4', 'E1', 'C6']);
  });

  test('a finalised session is closed: refused again, no action, no check-in, the kiosks show the end', async () => {
    const again = await finalise({ incidentDuringSession: false, joiningIssue: false, candidates: [{ candidateId: idOf('Bernard'), abortReason: 'technical' }] });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'sessionAlreadyFinalised', field: 'sessionId' });
    expect(again.json.error.message).toContain('La session est déjà finalisée.');
    expect((await h.console('POST', `/candidates/${idOf('Roux')}/confirm-presence`)).json.error.code).toBe('sessionLocked');
    expect((await h.console('POST', '/incidents', { candidateId: idOf('Roux'), category: 'C8' })).json.error.code).toBe('sessionLocked');
    const bernard = entries.get('Bernard')!;
    expect((await h.kiosk('GET', '/api/kiosk/state', bernard.kiosk, bernard.entry)).json.state).toBe('endedDueToFinalisation');
    expect((await h.checkIn(bernard.kiosk, 'Roux')).json.error.code).toBe('sessionClosed');
    expect(() => h.t.db.prepare('UPDATE finalisations SET global_comment = ?').run('changé')).toThrow(/ne se modifie pas/);
  });
});

describe('R-SCORE-5 — two QROCM-dep in a competence of 2 challenges: error at finalisation and in the results document', () => {
  // Competence 1.1 keeps two skills, both QROCM-dep (its third challenge is only `proposed`, so not drawn): 4 weighted
  // challenges (R-SCORE-2), outside the table. Dupont answers everything right.
  const depContent = testContentPackage();
  const depOf = (id: string) => ({ ...depContent.challenges.find((c) => c.id === 'ch_5')!, id, skill: depContent.challenges.find((c) => c.id === id)!.skill });
  depContent.challenges = depContent.challenges.map((c) => {
    if (c.id === 'ch_1' || c.id === 'ch_2') return depOf(c.id);
    return c.id === 'ch_3' ? { ...c, status: 'proposed' as const } : c;
  });
  let dep: Harness;
  beforeAll(async () => { dep = await startHarness({ content: depContent }); });
  afterAll(async () => { await dep.close(); });

  test('the finalisation answers error with the reason naming 1.1 and 4/3/0; the document carries the same result', async () => {
    const kiosk = await dep.pairKiosk('Poste Dupont');
    const { entry, test: started } = await enterTest(dep, kiosk, 'Dupont');
    expect(started.status).toBe(200);
    const delivered = depContent.challenges.filter((c) => c.status === 'validated' && c.id !== 'ch_unused');
    expect(delivered).toHaveLength(14);
    for (const c of delivered) {
      const ack = await dep.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId: c.id, answer: rightAnswerFor(c), clientAnswerId: c.id, elapsedMs: 3000, timedOut: false, focusLost: false });
      expect(ack.status).toBe(200);
    }
    const finalised = await dep.console('POST', '/finalisation', {
      incidentDuringSession: false, joiningIssue: false,
      candidates: [{ candidateId: dep.candidates.get('Dupont')!.id, endScreenSeen: true }],
    });
    expect(finalised.status).toBe(200);
    const reason = 'R-SCORE-5 : aucune règle de la table pour la compétence 1.1 : 4 épreuves proposées, 3 réponses correctes et 0 épreuves neutralisées (décomptes pondérés, R-SCORE-2) ; le niveau certifié ne se devine pas, une personne doit trancher';
    expect(finalised.json.candidates).toEqual([expect.objectContaining({ status: 'error', pix: 0, reproducibilityRate: 0, reason })]);
    const document = ResultsDocument.parse((await dep.console('GET', '/results')).json);
    const test = document.candidates.find((c) => c.lastName === 'Dupont')!.test!;
    expect(test.result).toEqual({ status: 'error', reproducibilityRate: 0, pix: 0, competences: [], reason });
    const scoring = ResultsScoring.parse((await dep.console('GET', '/results/scoring')).json);
    expect(scoring.candidates[0]!.scoringInput.challenges.filter((c) => c.competence === '1.1').map((c) => [c.type, c.status])).toEqual([['QROCM-dep', 'ok'], ['QROCM-dep', 'ok']]);
  });
});
