/** The manager's packages, centre certificate, platform address, pairing and kiosks words (French; the English file has exactly these keys). */
export const centreFr = {
  'centre.packagesHeading': 'Paquets signés',
  'centre.heading': 'Le centre et ses postes',
} as const satisfies Record<string, string>;

export type CentreKey = keyof typeof centreFr;
