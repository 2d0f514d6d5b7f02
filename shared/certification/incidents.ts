import { z } from 'zod';

/** R-INC-1 — incident category codes. C-codes concern the candidate or the session, E-codes one question. */
export const INCIDENT_CATEGORY_CODES = [
  'C1', 'C2', 'C4', 'C6', 'C7', 'C8',
  'E1', 'E2', 'E3', 'E4', 'E5', 'E8', 'E9', 'E10', 'E11', 'E12',
] as const;
export const IncidentCategory = z.enum(INCIDENT_CATEGORY_CODES);
export type IncidentCategory = z.infer<typeof IncidentCategory>;

/** R-INC-1 — what finalisation does automatically for a category (R-FIN-2). */
export type IncidentEffect =
  | 'none'
  | 'manualReview'
  | 'neutralise'
  | 'neutraliseIfIllustrationOrEmbed'
  | 'neutraliseIfAttachment'
  | 'neutraliseIfTimed'
  /** On a focused challenge: `focusedOut` becomes `ok`, `aband` is neutralised. */
  | 'focusLoss';

export interface IncidentCategoryDefinition {
  code: IncidentCategory;
  /** What the invigilator reads (French). */
  label: string;
  effect: IncidentEffect;
  /** E-codes name a challenge by its question number (R-INC-1). */
  namesQuestion: boolean;
}

// R-INC-1 — the categories, in the rules' order.
export const INCIDENT_CATEGORIES: readonly IncidentCategoryDefinition[] = [
  { code: 'C1', label: 'Modification des nom, prénom ou date de naissance', effect: 'manualReview', namesQuestion: false },
  { code: 'C2', label: 'Modification du temps majoré', effect: 'none', namesQuestion: false },
  { code: 'C4', label: 'Problème de signature sur la feuille d’émargement', effect: 'none', namesQuestion: false },
  { code: 'C6', label: 'Suspicion de fraude', effect: 'manualReview', namesQuestion: false },
  { code: 'C7', label: 'Problème technique non bloquant', effect: 'none', namesQuestion: false },
  { code: 'C8', label: 'Problème non bloquant lié au candidat', effect: 'none', namesQuestion: false },
  { code: 'E1', label: 'L’image ne s’affiche pas', effect: 'neutraliseIfIllustrationOrEmbed', namesQuestion: true },
  { code: 'E2', label: 'Le simulateur (application intégrée) ne fonctionne pas', effect: 'neutraliseIfIllustrationOrEmbed', namesQuestion: true },
  { code: 'E3', label: 'Le fichier à télécharger ne s’ouvre pas', effect: 'neutraliseIfAttachment', namesQuestion: true },
  { code: 'E4', label: 'Le site à visiter est indisponible', effect: 'neutralise', namesQuestion: true },
  { code: 'E5', label: 'Le site à visiter est bloqué', effect: 'neutralise', namesQuestion: true },
  { code: 'E8', label: 'Temps majoré dépassé sur une question chronométrée', effect: 'neutraliseIfTimed', namesQuestion: true },
  { code: 'E9', label: 'Le logiciel à utiliser ne fonctionne pas', effect: 'neutralise', namesQuestion: true },
  { code: 'E10', label: 'Perte de focus involontaire', effect: 'focusLoss', namesQuestion: true },
  { code: 'E11', label: 'Problème de la plateforme (page « oups »)', effect: 'neutralise', namesQuestion: true },
  { code: 'E12', label: 'Problème d’accessibilité de la question', effect: 'neutralise', namesQuestion: true },
];

const BY_CODE = new Map<string, IncidentCategoryDefinition>(INCIDENT_CATEGORIES.map((c) => [c.code, c]));

/** R-INC-1 — the definition of a category, `undefined` for an unknown code. */
export function incidentCategory(code: string): IncidentCategoryDefinition | undefined {
  return BY_CODE.get(code);
}
