import type { FinalisationKey } from './words-finalisation-fr';

/** The finalisation wizard's and review's words (R-FIN-1..3) (English). */
export const finalisationEn: Record<FinalisationKey, string> = {
  'finalisation.heading': 'Finalise the session',
};
