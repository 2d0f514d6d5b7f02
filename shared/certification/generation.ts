import type { CompetenceCode, Locale } from '../formats/common';
import type { Challenge, Skill } from '../formats/content-package';
import { GENERATED_TEST_FORMAT, GENERATED_TEST_FORMAT_VERSION, type GeneratedTest, type TestChallenge } from '../formats/generated-test';
import type { PupilProfile } from '../formats/profile-package';
import * as rules from './constants';
import { latestKnowledgeElements, placementOfLatest } from './profile';
import { usableChallengesOf, type ContentIndex } from './referential';
import { seededRandom, type SeededRandom } from './seeded-random';

// Read once (see scoring.ts: imported bindings are getters under tsx).
const { CHALLENGES_PER_COMPETENCE } = rules;

export interface GenerationOptions {
  /** R-GEN-4 — stored with the test: the same content, profile and seed give the same test. */
  seed: number;
  locale: Locale;
}

/**
 * R-GEN-1..5 — draws a candidate's test from their frozen profile (R-PROF-4).
 * Up to 3 challenges per certifiable competence, competences in code order, delivered in generation order.
 * The caller checks certifiability first (R-PROF-3); a non-certifiable profile still yields the challenges
 * of its certifiable competences.
 */
export function generateTest(index: ContentIndex, profile: PupilProfile, options: GenerationOptions): GeneratedTest {
  const random = seededRandom(options.seed);
  const latest = latestKnowledgeElements(profile.knowledgeElements);
  const placement = placementOfLatest(latest);

  const answered = new Set<string>(profile.answeredChallengeIds);
  for (const ke of profile.knowledgeElements) if (ke.challengeId !== undefined) answered.add(ke.challengeId);

  // R-GEN-2 — skills validated directly, mapped to the latest version of their name (R-REF-4), once each, by competence.
  const directSkills = new Map<CompetenceCode, Skill[]>();
  const seen = new Set<string>();
  for (const ke of latest) {
    if (ke.status !== 'validated' || ke.source !== 'direct') continue;
    const skill = index.latestSkillOf.get(ke.skillId);
    if (!skill || skill.status === 'obsolete' || seen.has(skill.id)) continue;
    seen.add(skill.id);
    const list = directSkills.get(skill.competence);
    if (list) list.push(skill);
    else directSkills.set(skill.competence, [skill]);
  }

  const challenges: TestChallenge[] = [];
  for (const competence of placement.certifiableCompetences) {
    const skills = directSkills.get(competence.code);
    if (!skills) continue;
    for (const picked of pickForCompetence(index, skills, answered, options.locale, random)) {
      const skill = index.skillById.get(picked.skill)!;
      challenges.push({
        challengeId: picked.id,
        skillId: skill.id,
        skillName: skill.name,
        tubeId: skill.tube,
        competence: competence.code,
        difficulty: skill.difficulty,
        type: picked.type,
      });
    }
  }

  return {
    format: GENERATED_TEST_FORMAT,
    formatVersion: GENERATED_TEST_FORMAT_VERSION,
    contentId: index.content.id,
    contentVersion: index.content.version,
    locale: options.locale,
    seed: options.seed,
    competences: placement.certifiableCompetences.map((c) => ({ code: c.code, estimatedLevel: c.estimatedLevel, pixScore: c.pixScore })),
    challenges,
  };
}

/**
 * R-GEN-2, R-GEN-3 — one competence: difficulty groups from the hardest down; one challenge per skill, preferring
 * challenges not answered yet, at random among equals; within a group, challenges from tubes not used yet in this
 * competence come first; stop once 3 are collected and keep the first 3.
 * Within a group skills are visited in tube-name then skill-name order (`index.skillRank`; the rules leave it
 * open, and a fixed order keeps the draw auditable).
 */
function pickForCompetence(index: ContentIndex, skills: Skill[], answered: ReadonlySet<string>, locale: Locale, random: SeededRandom): Challenge[] {
  const rank = index.skillRank;
  skills.sort((a, b) => b.difficulty - a.difficulty || rank.get(a.id)! - rank.get(b.id)!);

  const picked: Challenge[] = [];
  const pickedTubes: string[] = [];
  let start = 0;
  while (start < skills.length && picked.length < CHALLENGES_PER_COMPETENCE) {
    const difficulty = skills[start]!.difficulty;
    let end = start;
    while (end < skills.length && skills[end]!.difficulty === difficulty) end++;
    // One challenge per skill of the group, then those of tubes not used yet first (R-GEN-3).
    const usedTubes = pickedTubes.slice();
    const usedAgain: Challenge[] = [];
    for (let i = start; i < end; i++) {
      const skill = skills[i]!;
      const challenge = pickForSkill(usableChallengesOf(index, skill.id, locale), answered, random);
      if (!challenge) continue; // R-GEN-2 — a skill without a usable challenge is passed over.
      if (usedTubes.includes(skill.tube)) usedAgain.push(challenge);
      else {
        picked.push(challenge);
        pickedTubes.push(skill.tube);
      }
    }
    for (const challenge of usedAgain) picked.push(challenge);
    start = end;
  }
  if (picked.length > CHALLENGES_PER_COMPETENCE) picked.length = CHALLENGES_PER_COMPETENCE;
  return picked;
}

/** R-GEN-2 — prefer challenges the pupil has not answered; if all were answered, pick among all. */
function pickForSkill(pool: readonly Challenge[], answered: ReadonlySet<string>, random: SeededRandom): Challenge | undefined {
  if (pool.length === 0) return undefined;
  let fresh = 0;
  for (const c of pool) if (!answered.has(c.id)) fresh++;
  if (fresh === 0) return pool[random.nextInt(pool.length)];
  let k = random.nextInt(fresh);
  for (const c of pool) {
    if (answered.has(c.id)) continue;
    if (k === 0) return c;
    k--;
  }
  return undefined;
}
