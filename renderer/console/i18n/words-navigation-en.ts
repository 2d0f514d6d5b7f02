import type { NavigationKey } from './words-navigation-fr';

/** The console's navigation words (English). */
export const navigationEn: Record<NavigationKey, string> = {
  'nav.invigilator': 'Invigilator pages',
  'nav.board': 'Supervision',
  'nav.finalisation': 'Finalisation',
  'nav.signing': 'Signing and sending',
  'nav.results': 'Results',
  'nav.manager': 'Centre manager pages',
  'nav.managerLink': 'Centre manager area',
  'nav.invigilatorLink': 'Invigilator console',
  'nav.sessions': 'Sessions',
  'nav.packages': 'Signed packages',
  'nav.centre': 'Centre and kiosks',
};
