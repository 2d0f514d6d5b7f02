import { COMPETENCE_CODES, type CompetenceCode } from '../formats/common';
import type { CompetenceEstimate, KnowledgeElement } from '../formats/profile-package';
import { MIN_CERTIFIABLE_COMPETENCES, MIN_CERTIFIABLE_LEVEL, PIX_PER_LEVEL } from './constants';

/** R-PROF-2, R-PROF-3 — a pupil's placement profile, computed from their knowledge elements. */
export interface PlacementProfile {
  /** All 16 competences in code order, uncapped. */
  readonly competences: readonly CompetenceEstimate[];
  /** The certifiable ones (estimated level ≥ 1), in code order: what the test is drawn for. */
  readonly certifiableCompetences: readonly CompetenceEstimate[];
  readonly certifiable: boolean;
  /** French sentence for the kiosk and the console, e.g. "3 compétences sur 5 au niveau 1". */
  readonly message: string;
}

/**
 * R-PROF-1 — only the latest element per skill counts (latest `createdAt`; on a tie, the later in the list).
 * Returned in the order in which each skill first appears in the input list.
 */
export function latestKnowledgeElements(elements: readonly KnowledgeElement[]): KnowledgeElement[] {
  const latest = new Map<string, KnowledgeElement>();
  for (const ke of elements) {
    const known = latest.get(ke.skillId);
    if (!known || !isEarlier(ke.createdAt, known.createdAt)) latest.set(ke.skillId, ke);
  }
  return [...latest.values()];
}

/**
 * Whether instant `a` is strictly before instant `b`. Two UTC timestamps of the same shape (`…Z`, same length,
 * as the authority writes them) compare as strings, which is exact and much faster than parsing; anything else
 * (offsets, other precisions) is parsed.
 */
function isEarlier(a: string, b: string): boolean {
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b;
  return Date.parse(a) < Date.parse(b);
}

/**
 * R-PROF-2 — competence pix = floor(Σ earnedPix) of validated elements; level = floor(Σ / 8); no cap.
 * Sums of fractional values (8/3, 8/6…) are rounded to 1e-6 before the floor, so that six skills worth 8/6
 * give 8 pix and not 7.999999999999999 → 7 (our reading: the authority adds exact fractions).
 */
export function placementProfile(elements: readonly KnowledgeElement[]): PlacementProfile {
  return placementOfLatest(latestKnowledgeElements(elements));
}

/** R-PROF-2 on elements already reduced to the latest per skill (R-PROF-1). */
export function placementOfLatest(latest: readonly KnowledgeElement[]): PlacementProfile {
  const sums = new Map<CompetenceCode, number>();
  for (const ke of latest) {
    if (ke.status !== 'validated') continue;
    sums.set(ke.competence, (sums.get(ke.competence) ?? 0) + ke.earnedPix);
  }
  const competences = COMPETENCE_CODES.map((code) => {
    const total = Math.round((sums.get(code) ?? 0) * 1e6) / 1e6;
    return { code, pixScore: Math.floor(total), estimatedLevel: Math.floor(total / PIX_PER_LEVEL) };
  });
  const certifiableCompetences = competences.filter((c) => c.estimatedLevel >= MIN_CERTIFIABLE_LEVEL); // R-PROF-3
  const certifiable = certifiableCompetences.length >= MIN_CERTIFIABLE_COMPETENCES;
  return { competences, certifiableCompetences, certifiable, message: certifiabilityMessage(certifiableCompetences.length) };
}

/** R-PROF-3 — says how far the pupil is from being certifiable. */
export function certifiabilityMessage(certifiableCount: number): string {
  if (certifiableCount >= MIN_CERTIFIABLE_COMPETENCES) {
    return `Certifiable : ${certifiableCount} compétences au niveau ${MIN_CERTIFIABLE_LEVEL} ou plus.`;
  }
  const noun = certifiableCount > 1 ? 'compétences' : 'compétence';
  return `Non certifiable : ${certifiableCount} ${noun} sur ${MIN_CERTIFIABLE_COMPETENCES} au niveau ${MIN_CERTIFIABLE_LEVEL}. `
    + `Il faut atteindre le niveau ${MIN_CERTIFIABLE_LEVEL} dans ${MIN_CERTIFIABLE_COMPETENCES} compétences pour passer la certification.`;
}
