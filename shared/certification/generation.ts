import type { Locale } from '../formats/common';
import type { Challenge, Skill } from '../formats/content-package';
import { GENERATED_TEST_FORMAT, GENERATED_TEST_FORMAT_VERSION, type GeneratedTest, type TestChallenge } from '../formats/generated-test';
import type { PupilProfile } from '../formats/profile-package';
import { CHALLENGES_PER_COMPETENCE } from './constants';
import { latestKnowledgeElements, placementProfile } from './profile';
import { usableChallengesOf, type ContentIndex } from './referential';
import { seededRandom, type SeededRandom } from './seeded-random';

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
  const placement = placementProfile(profile.knowledgeElements);
  const latest = latestKnowledgeElements(profile.knowledgeElements);

  const answered = new Set<string>(profile.answeredChallengeIds ?? []);
  for (const ke of profile.knowledgeElements) if (ke.challengeId) answered.add(ke.challengeId);

  // R-GEN-2 — skills validated directly, mapped to the latest version of their name (R-REF-4), once each.
  const directSkills = new Map<string, Skill>();
  for (const ke of latest) {
    if (ke.status !== 'validated' || ke.source !== 'direct') continue;
    const skill = index.latestSkillOf.get(ke.skillId);
    if (skill && skill.status !== 'obsolete') directSkills.set(skill.id, skill);
  }

  const challenges: TestChallenge[] = [];
  for (const competence of placement.certifiableCompetences) {
    const skills = [...directSkills.values()].filter((s) => s.competence === competence.code);
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
 * Within a group skills are visited in tube-name then skill-name order (our reading: the rules leave it open,
 * and a fixed order keeps the draw auditable).
 */
function pickForCompetence(index: ContentIndex, skills: Skill[], answered: ReadonlySet<string>, locale: Locale, random: SeededRandom): Challenge[] {
  const byDifficulty = new Map<number, Skill[]>();
  for (const skill of skills) {
    const group = byDifficulty.get(skill.difficulty);
    if (group) group.push(skill);
    else byDifficulty.set(skill.difficulty, [skill]);
  }
  const difficulties = [...byDifficulty.keys()].sort((a, b) => b - a);

  const picked: Challenge[] = [];
  const usedTubes = new Set<string>();
  for (const difficulty of difficulties) {
    const group = byDifficulty.get(difficulty)!.sort(bySkillOrder(index));
    const fresh: Challenge[] = [];
    const usedAgain: Challenge[] = [];
    for (const skill of group) {
      const challenge = pickForSkill(usableChallengesOf(index, skill.id, locale), answered, random);
      if (!challenge) continue; // R-GEN-2 — a skill without a usable challenge is passed over.
      (usedTubes.has(skill.tube) ? usedAgain : fresh).push(challenge);
    }
    for (const challenge of [...fresh, ...usedAgain]) {
      picked.push(challenge);
      usedTubes.add(index.skillById.get(challenge.skill)!.tube);
    }
    if (picked.length >= CHALLENGES_PER_COMPETENCE) break;
  }
  return picked.slice(0, CHALLENGES_PER_COMPETENCE);
}

/** R-GEN-2 — prefer challenges the pupil has not answered; if all were answered, pick among all. */
function pickForSkill(pool: readonly Challenge[], answered: ReadonlySet<string>, random: SeededRandom): Challenge | undefined {
  if (pool.length === 0) return undefined;
  const unanswered = pool.filter((c) => !answered.has(c.id));
  const from = unanswered.length > 0 ? unanswered : pool;
  return from[random.nextInt(from.length)];
}

function bySkillOrder(index: ContentIndex) {
  return (a: Skill, b: Skill): number => {
    const ta = index.tubeById.get(a.tube)?.name ?? a.tube;
    const tb = index.tubeById.get(b.tube)?.name ?? b.tube;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
}
