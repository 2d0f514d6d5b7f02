/**
 * `npm run bench:core` — generates, validates and scores 100,000 candidates from the fixtures on one core,
 * and prints candidates per second for each step beside a same-run baseline (a plain loop that only reads
 * the same inputs). Targets (issue #2): scoring ≥ 200,000/s, generation ≥ 20,000/s. Last line: one JSON object.
 * Options: --candidates N (default 100000).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { generateTest } from '../shared/certification/generation';
import { placementProfile } from '../shared/certification/profile';
import { indexContent } from '../shared/certification/referential';
import { scoreCertification } from '../shared/certification/scoring';
import { judgeAnswer, validateAnswer } from '../shared/certification/validation';
import type { Answer } from '../shared/formats/challenge';
import { ContentPackage } from '../shared/formats/content-package';
import type { GeneratedTest } from '../shared/formats/generated-test';
import { ProfilePackage } from '../shared/formats/profile-package';
import type { AnswerStatus } from '../shared/formats/challenge';
import type { ScoringInput } from '../shared/formats/scoring';
import { rightAnswerFor, wrongAnswerFor } from '../shared/testing/simulated-answer';
import { CONTENT_FILE, PROFILES_FILE } from '../fixtures/paths';

const { values } = parseArgs({ options: { candidates: { type: 'string', default: '100000' } } });
const N = Number(values.candidates);

const content = ContentPackage.parse(JSON.parse(fs.readFileSync(CONTENT_FILE, 'utf8')));
const profiles = ProfilePackage.parse(JSON.parse(fs.readFileSync(PROFILES_FILE, 'utf8'))).profiles
  .filter((p) => placementProfile(p.knowledgeElements).certifiable);
const index = indexContent(content);

function perSecond(count: number, run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round(count / seconds);
}

// 1. Generation (R-GEN): one test per candidate, profiles in turn, seed = candidate number. Each test is used
// (counted) and let go, as the station does (it stores the test in SQLite, not 100,000 tests in memory); the
// tests the next steps need are drawn again, untimed.
let drawn = 0;
const generationPerSecond = perSecond(N, () => {
  for (let i = 0; i < N; i++) drawn += generateTest(index, profiles[i % profiles.length]!, { seed: i, locale: 'fr' }).challenges.length;
});
const tests: GeneratedTest[] = new Array(N);
for (let i = 0; i < N; i++) tests[i] = generateTest(index, profiles[i % profiles.length]!, { seed: i, locale: 'fr' });

// 2. Validation (R-VAL): every answer of every candidate (answers prepared beforehand: right for 3 in 4).
const answers = new Map<string, [Answer, Answer]>();
for (const c of content.challenges) answers.set(c.id, [rightAnswerFor(c), wrongAnswerFor(c)]);
const statuses: AnswerStatus[][] = new Array(N);
const validationPerSecond = perSecond(N, () => {
  for (let i = 0; i < N; i++) {
    const test = tests[i]!;
    const out: AnswerStatus[] = new Array(test.challenges.length);
    for (let j = 0; j < test.challenges.length; j++) {
      const id = test.challenges[j]!.challengeId;
      const challenge = index.challengeById.get(id)!;
      const validation = validateAnswer(challenge, answers.get(id)![(i + j) % 4 === 0 ? 1 : 0]).status;
      out[j] = judgeAnswer({ validation, timedOut: false, focusLost: false, focusedChallenge: challenge.focused ?? false, accessibilityAdjustment: false });
    }
    statuses[i] = out;
  }
});

// 3. Scoring (R-SCORE): inputs built beforehand, only scoring is timed.
const inputs: ScoringInput[] = tests.map((test, i) => ({
  maxLevel: 5,
  competences: test.competences,
  challenges: test.challenges.map((c, j) => ({ id: c.challengeId, competence: c.competence, type: c.type, neutralized: false, autoSkipped: false, status: statuses[i]![j]! })),
  abortReason: null,
  fraud: false,
}));
let total = 0;
const scoringPerSecond = perSecond(N, () => {
  for (let i = 0; i < N; i++) total += scoreCertification(inputs[i]!).pix;
});

// Baseline: a plain loop that reads the same scoring inputs (every challenge's status and competence).
let checksum = 0;
const baselinePerSecond = perSecond(N, () => {
  for (let i = 0; i < N; i++) {
    const input = inputs[i]!;
    for (let j = 0; j < input.challenges.length; j++) {
      const c = input.challenges[j]!;
      if (c.status === 'ok') checksum += c.competence.length;
    }
  }
});

const challengesPerCandidate = (drawn / N).toFixed(1);
console.log(`bench:core — ${N} candidats, ${profiles.length} profils certifiables, ${challengesPerCandidate} épreuves par candidat en moyenne, Node ${process.version}, un seul cœur (--max-semi-space-size=64 : moins de ramassages de la jeune génération)`);
console.log(`  génération   ${generationPerSecond.toLocaleString('fr-FR')} candidats/s   (objectif ≥ 20 000)`);
console.log(`  validation   ${validationPerSecond.toLocaleString('fr-FR')} candidats/s`);
console.log(`  score        ${scoringPerSecond.toLocaleString('fr-FR')} candidats/s   (objectif ≥ 200 000)`);
console.log(`  référence    ${baselinePerSecond.toLocaleString('fr-FR')} candidats/s   (boucle qui lit seulement les mêmes entrées)`);
console.log(`  (contrôle : ${total} pix au total, somme ${checksum})`);
console.log(JSON.stringify({ candidates: N, generationPerSecond, validationPerSecond, scoringPerSecond, baselinePerSecond }));
