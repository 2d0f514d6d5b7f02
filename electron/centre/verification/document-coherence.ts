import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { questionNumbers, type FinalisationChallenge } from '../../../shared/certification/finalisation';
import { incidentCategory } from '../../../shared/certification/incidents';
import { scoreCertification } from '../../../shared/certification/scoring';
import type { AnyResultsDocument, ResultsTest, ResultsTestV2 } from '../../../shared/formats/results';

/**
 * The audit chain as the results document states it (architecture §2), before audit.jsonl is recomputed
 * (audit-log-problem.ts): the head is not the empty chain's, and `seq`
 * counts at least the events the document itself implies — one `testStarted` per test, one `answer` per answer,
 * one `incident` per incident, and the `sessionFinalised` event the head is. Null when it holds, else the reason.
 */
export function auditChainProblem(document: AnyResultsDocument): string | null {
  const tests = document.candidates.flatMap((c) => (c.test ? [c.test] : []));
  const implied = tests.length + tests.reduce((n, t) => n + t.answers.length, 0) + document.incidents.length + 1;
  if (document.auditChain.head === '0'.repeat(64)) return 'la tête de la chaîne est celle d’une chaîne vide';
  if (document.auditChain.seq < implied) {
    return `la chaîne compte ${document.auditChain.seq} événement(s), moins que les ${implied} que le document contient (tests commencés, réponses, signalements, finalisation) : des événements manquent`;
  }
  return null;
}

/**
 * The document agrees with itself (R-FIN-1..3, R-INC-1, section 5): every problem found, in French, naming the
 * candidate. Checked without the content package: answers in delivery order, one per challenge of the drawn test;
 * question numbers as R-INC-1 numbers them; the scoring input built from the drawn test and the answers (statuses
 * changed only by a recorded effect); the provisional result is what scoring gives for it; incidents in the order
 * they were recorded, each for a candidate of the session; an effect of an incident only where one is recorded.
 * Format 3 carries no statuses nor scoring input (what needs the content is `passation rescore`'s): there, the answers
 * in delivery order, each to a challenge of the drawn ids; the effects on challenges of the test, numbered as R-INC-1
 * numbers them from the answers' times; R-FIN-2's effects exactly on the unanswered challenges; the result's total the
 * sum of its marks (R-SCORE-7); incidents and review.
 */
export function coherenceProblems(document: AnyResultsDocument): string[] {
  const problems: string[] = [];
  const ids = new Set(document.candidates.map((c) => c.candidateId));
  if (ids.size !== document.candidates.length) problems.push('un candidat figure deux fois');
  if (canonicalJson(document.attendance.map((a) => a.candidateId)) !== canonicalJson(document.candidates.map((c) => c.candidateId))) {
    problems.push('l’émargement ne liste pas les candidats du document, dans leur ordre');
  }
  const codes = new Set<string>();
  document.incidents.forEach((incident, i) => {
    const previous = document.incidents[i - 1];
    if (previous !== undefined && (incident.id <= previous.id || incident.createdAt < previous.createdAt)) {
      problems.push(`signalement n° ${incident.id} : les signalements ne sont pas dans l’ordre où ils ont été enregistrés`);
    }
    if (!ids.has(incident.candidateId)) problems.push(`signalement n° ${incident.id} : candidat ${incident.candidateId} absent du document`);
  });
  for (const candidate of document.candidates) {
    const test = candidate.test;
    if (test === null) continue;
    const who = `candidat ${candidate.candidateId} (${candidate.lastName} ${candidate.firstName})`;
    if (codes.has(test.verificationCode)) problems.push(`${who} : code de vérification ${test.verificationCode} en double`);
    codes.add(test.verificationCode);
    const categories = new Set(document.incidents.filter((i) => i.candidateId === candidate.candidateId).map((i) => i.category));
    const found = 'drawnTest' in test ? testProblems(test, categories) : testProblemsV2(document, test, categories);
    problems.push(...found.map((p) => `${who} : ${p}`));
  }
  return problems;
}

/** Format 3: what holds without the content. */
function testProblems(test: ResultsTest, incidentCategories: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const drawn = test.drawnTest.challengeIds;
  const indexOf = new Map(drawn.map((id, i) => [id, i]));
  if (indexOf.size !== drawn.length) problems.push('une épreuve figure deux fois dans le test tiré');
  let last = -1;
  for (const answer of test.answers) {
    const index = indexOf.get(answer.challengeId);
    if (index === undefined) {
      problems.push(`réponse à ${answer.challengeId} : épreuve hors du test tiré`);
      continue;
    }
    if (index <= last) problems.push(`réponse à ${answer.challengeId} : les réponses ne sont pas dans l’ordre de passation (épreuve n° ${index + 1})`);
    last = index;
  }
  const byChallenge = new Map(test.answers.map((a) => [a.challengeId, a]));
  // R-INC-1 numbers from the answers' times alone (a status only says whether there is an answer).
  const numbers = questionNumbers(drawn.map((id): FinalisationChallenge => {
    const answer = byChallenge.get(id);
    return {
      id, competence: '1.1', type: 'QCU', status: answer === undefined ? null : 'ok', answeredAt: answer?.answeredAt ?? null,
      hasIllustration: false, hasEmbed: false, hasAttachment: false, timed: false, focused: false,
    };
  }));
  for (const effect of test.effects) {
    if (effect.challengeId === null) continue;
    const index = indexOf.get(effect.challengeId);
    if (index === undefined) problems.push(`effet ${effect.category} sur ${effect.challengeId} : épreuve hors du test tiré`);
    else if (effect.questionNumber !== numbers[index]) problems.push(`effet ${effect.category} sur ${effect.challengeId} : question n° ${effect.questionNumber ?? 'aucune'} au lieu de ${numbers[index]} (R-INC-1)`);
  }
  // R-FIN-2 — with an abort reason, each unanswered challenge, in delivery order, and nothing else.
  const unanswered = test.abortReason === null ? [] : drawn.filter((id) => !byChallenge.has(id));
  const finEffects = test.effects.filter((e) => e.category === 'R-FIN-2');
  const expected = test.abortReason === 'candidate' ? 'autoSkipped' : 'neutralized';
  if (canonicalJson(finEffects.map((e) => [e.challengeId, e.effect])) !== canonicalJson(unanswered.map((id) => [id, expected]))) {
    problems.push(test.abortReason === null ? 'effet R-FIN-2 sans raison d’abandon' : `effets R-FIN-2 différents des ${unanswered.length} question(s) sans réponse (${expected})`);
  }
  problems.push(...effectAndReviewProblems(test, incidentCategories, false));
  // R-SCORE-7 — the total is the sum of the marks (an error has neither).
  const total = test.result.competences.reduce((n, m) => n + m.pix, 0);
  if (test.result.pix !== total) problems.push(`le total du résultat provisoire (${test.result.pix} pix) n’est pas la somme de ses compétences (${total} pix, R-SCORE-7)`);
  return problems;
}

/** Both formats: an incident's effect only where one is recorded, R-FIN-2's only with an abort reason, the review. */
function effectAndReviewProblems(test: ResultsTest | ResultsTestV2, incidentCategories: ReadonlySet<string>, finWithoutAbort: boolean): string[] {
  const problems: string[] = [];
  for (const effect of test.effects) {
    if (effect.category !== 'R-FIN-2' && !incidentCategories.has(effect.category)) {
      problems.push(`effet ${effect.category} sur ${effect.challengeId ?? 'aucune épreuve'} sans signalement ${effect.category} du candidat`);
    }
    if (finWithoutAbort && effect.category === 'R-FIN-2' && test.abortReason === null) problems.push('effet R-FIN-2 sans raison d’abandon');
  }
  const review = [...incidentCategories].filter((c) => incidentCategory(c)?.effect === 'manualReview').sort();
  if (canonicalJson([...test.manualReview].sort()) !== canonicalJson(review)) problems.push('revue manuelle différente des signalements C1 et C6 du candidat');
  return problems;
}

/** Format 2: the derived data too (question numbers, scoring input, result). */
function testProblemsV2(document: AnyResultsDocument, test: ResultsTestV2, incidentCategories: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const drawn = test.generatedTest.challenges;
  let last = 0;
  for (const answer of test.answers) {
    if (answer.position <= last) problems.push(`réponse à ${answer.challengeId} : les réponses ne sont pas dans l’ordre de passation (position ${answer.position})`);
    last = answer.position;
    if (drawn[answer.position - 1]?.challengeId !== answer.challengeId) problems.push(`réponse à ${answer.challengeId} : ce n’est pas l’épreuve n° ${answer.position} du test tiré`);
  }
  const byChallenge = new Map(test.answers.map((a) => [a.challengeId, a]));
  const challenges: FinalisationChallenge[] = drawn.map((c) => {
    const answer = byChallenge.get(c.challengeId);
    return {
      id: c.challengeId, competence: c.competence, type: c.type, status: answer?.status ?? null, answeredAt: answer?.answeredAt ?? null,
      hasIllustration: false, hasEmbed: false, hasAttachment: false, timed: false, focused: false,
    };
  });
  const numbers = questionNumbers(challenges);
  for (const answer of test.answers) {
    const expected = numbers[answer.position - 1];
    if (expected !== undefined && expected !== answer.questionNumber) problems.push(`réponse à ${answer.challengeId} : question n° ${answer.questionNumber} au lieu de ${expected} (R-INC-1)`);
  }

  const input = test.scoringInput;
  if (input.maxLevel !== document.session.maxLevel) problems.push('niveau maximal du score différent de celui de la session');
  if (input.abortReason !== test.abortReason) problems.push('raison d’abandon du score différente de celle du test');
  if (canonicalJson(input.competences) !== canonicalJson(test.generatedTest.competences)) problems.push('compétences du score différentes de celles du test tiré');
  if (canonicalJson(test.certifiableCompetences) !== canonicalJson(test.generatedTest.competences)) problems.push('compétences certifiables différentes de celles du test tiré');
  if (input.challenges.length !== drawn.length) problems.push(`le score compte ${input.challenges.length} épreuve(s), le test tiré ${drawn.length}`);
  const validated = new Set(test.effects.filter((e) => e.effect === 'validated').map((e) => e.challengeId));
  input.challenges.forEach((scored, index) => {
    const c = drawn[index];
    if (c === undefined) return;
    if (scored.id !== c.challengeId || scored.competence !== c.competence || scored.type !== c.type) {
      problems.push(`épreuve n° ${index + 1} du score (${scored.id}) différente de celle du test tiré (${c.challengeId})`);
      return;
    }
    const answered = byChallenge.get(c.challengeId)?.status ?? null;
    const allowed = validated.has(c.challengeId) && answered === 'focusedOut' ? 'ok' : answered;
    if (scored.status !== allowed) problems.push(`épreuve ${c.challengeId} : statut « ${scored.status ?? 'sans réponse'} » dans le score, « ${answered ?? 'sans réponse'} » dans les réponses`);
  });
  problems.push(...effectAndReviewProblems(test, incidentCategories, true));
  if (canonicalJson(scoreCertification(input)) !== canonicalJson(test.result)) problems.push('le résultat provisoire n’est pas celui que donne le score (section 5)');
  return problems;
}
