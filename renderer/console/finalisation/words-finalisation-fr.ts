/** The finalisation wizard's and review's words (R-FIN-1..3) (French; the English file has exactly these keys). */
export const finalisationFr = {
  'finalisation.heading': 'Finaliser la session',
} as const satisfies Record<string, string>;

export type FinalisationKey = keyof typeof finalisationFr;
