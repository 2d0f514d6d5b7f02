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
 * Returned in the order of the input list.
 */
export function latestKnowledgeElements(elements: readonly KnowledgeElement[]): KnowledgeElement[] {
  const latest = new Map<string, { ke: KnowledgeElement; at: number; index: number }>();
  elements.forEach((ke, index) => {
    const at = Date.parse(ke.createdAt);
    const known = latest.get(ke.skillId);
    if (!known || at >= known.at) latest.set(ke.skillId, { ke, at, index });
  });
  return [...latest.values()].sort((a, b) => a.index - b.index).map((x) => x.ke);
}

/**
 * R-PROF-2 — competence pix = floor(Σ earnedPix) of validated elements; level = floor(Σ / 8); no cap.
 * Sums of fractional values (8/3, 8/6…) are rounded to 1e-6 before the floor, so that six skills worth 8/6
 * give 8 pix and not 7.999999999999999 → 7 (our reading: the authority adds exact fractions).
 */
export function placementProfile(elements: readonly KnowledgeElement[]): PlacementProfile {
  const sums = new Map<CompetenceCode, number>();
  for (const ke of latestKnowledgeElements(elements)) {
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
