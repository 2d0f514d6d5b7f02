/** The signing, sending, export and results-received words (French; the English file has exactly these keys). */
export const signingFr = {
  'signing.heading': 'Signer et envoyer les résultats',
  'results.heading': 'Résultats reçus de la plateforme',
} as const satisfies Record<string, string>;

export type SigningKey = keyof typeof signingFr;
