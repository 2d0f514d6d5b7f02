import type { SigningKey } from './words-signing-fr';

/** The signing, sending, export and results-received words (English). */
export const signingEn: Record<SigningKey, string> = {
  'signing.heading': 'Sign and send the results',
  'results.heading': 'Results received from the platform',
};
