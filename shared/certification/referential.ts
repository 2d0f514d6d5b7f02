import type { Challenge, ContentPackage, Skill, Tube } from '../formats/content-package';
import type { Locale } from '../formats/common';
import { MAX_SKILL_PIX, PIX_PER_LEVEL } from './constants';

/** R-GEN-4 — a challenge can be drawn when it is validated or archived. */
export function isUsableChallenge(challenge: Pick<Challenge, 'status'>): boolean {
  return challenge.status === 'validated' || challenge.status === 'archived';
}

/** A content package indexed once for generation, validation and the R-REF-5 pix values. */
export interface ContentIndex {
  readonly content: ContentPackage;
  readonly challengeById: ReadonlyMap<string, Challenge>;
  readonly skillById: ReadonlyMap<string, Skill>;
  readonly tubeById: ReadonlyMap<string, Tube>;
  /** R-REF-4 — for every skill id (any version), the latest version of the same name. */
  readonly latestSkillOf: ReadonlyMap<string, Skill>;
  /** Usable challenges of each skill, by locale then skill id, sorted by id (stable draws). */
  readonly usableChallenges: ReadonlyMap<Locale, ReadonlyMap<string, readonly Challenge[]>>;
  /** R-REF-5 — pix value of each active skill (latest versions only). */
  readonly skillPix: ReadonlyMap<string, number>;
  /** R-GEN-3 — the fixed visiting order of skills within a difficulty group: by tube name, then skill name. */
  readonly skillRank: ReadonlyMap<string, number>;
}

/** Indexes a content package (R-REF-4, R-REF-5, R-GEN-4). */
export function indexContent(content: ContentPackage): ContentIndex {
  const skillById = new Map(content.skills.map((s) => [s.id, s]));
  const tubeById = new Map(content.tubes.map((t) => [t.id, t]));
  const challengeById = new Map(content.challenges.map((c) => [c.id, c]));

  // R-REF-4 — only the latest version of a name counts.
  const latestByName = new Map<string, Skill>();
  for (const skill of content.skills) {
    const known = latestByName.get(skill.name);
    if (!known || skill.version > known.version) latestByName.set(skill.name, skill);
  }
  const latestSkillOf = new Map<string, Skill>();
  for (const skill of content.skills) latestSkillOf.set(skill.id, latestByName.get(skill.name)!);

  const usableChallenges = new Map<Locale, Map<string, Challenge[]>>();
  const usableSkillIds = new Set<string>();
  const sorted = [...content.challenges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const challenge of sorted) {
    if (!isUsableChallenge(challenge)) continue;
    usableSkillIds.add(challenge.skill);
    for (const locale of challenge.locales) {
      let bySkill = usableChallenges.get(locale);
      if (!bySkill) usableChallenges.set(locale, (bySkill = new Map()));
      const list = bySkill.get(challenge.skill);
      if (list) list.push(challenge);
      else bySkill.set(challenge.skill, [challenge]);
    }
  }

  const tubeName = (skill: Skill) => tubeById.get(skill.tube)?.name ?? skill.tube;
  const ranked = [...content.skills].sort((a, b) => compare(tubeName(a), tubeName(b)) || compare(a.name, b.name) || a.version - b.version);
  const skillRank = new Map(ranked.map((skill, rank) => [skill.id, rank]));

  return { content, challengeById, skillById, tubeById, latestSkillOf, usableChallenges, skillPix: computeSkillPix(latestByName, usableSkillIds), skillRank };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * R-REF-5 — a skill's pix = min(4, 8 / n), n = active skills of the same competence and difficulty.
 * Active = latest version of its name, not obsolete, with at least one usable challenge.
 */
function computeSkillPix(latestByName: ReadonlyMap<string, Skill>, usableSkillIds: ReadonlySet<string>): Map<string, number> {
  const active = [...latestByName.values()].filter((s) => s.status !== 'obsolete' && usableSkillIds.has(s.id));
  const counts = new Map<string, number>();
  for (const s of active) counts.set(`${s.competence}|${s.difficulty}`, (counts.get(`${s.competence}|${s.difficulty}`) ?? 0) + 1);
  return new Map(active.map((s) => [s.id, Math.min(MAX_SKILL_PIX, PIX_PER_LEVEL / counts.get(`${s.competence}|${s.difficulty}`)!)]));
}

const NONE: readonly Challenge[] = [];

/** Usable challenges of a skill in a locale (R-GEN-4). */
export function usableChallengesOf(index: ContentIndex, skillId: string, locale: Locale): readonly Challenge[] {
  return index.usableChallenges.get(locale)?.get(skillId) ?? NONE;
}
