import type { CentreKey } from './words-centre-fr';

/** The manager's packages, centre certificate, platform address, pairing and kiosks words (English). */
export const centreEn: Record<CentreKey, string> = {
  'centre.packagesHeading': 'Signed packages',
  'centre.heading': 'The centre and its kiosks',
};
