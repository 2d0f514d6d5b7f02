/**
 * CRL reason codes (RFC 5280 §5.3.1), by the names `revoke --reason` accepts, with their French wording.
 * `unspecified` is written without a reasonCode extension, as RFC 5280 recommends.
 */
export const REVOCATION_REASONS = {
  unspecified: { code: 0, label: 'non précisée' },
  keyCompromise: { code: 1, label: 'clé compromise' },
  affiliationChanged: { code: 3, label: 'changement d’affiliation' },
  superseded: { code: 4, label: 'remplacé' },
  cessationOfOperation: { code: 5, label: 'cessation d’activité' },
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

export function isRevocationReason(value: string): value is RevocationReason {
  return Object.hasOwn(REVOCATION_REASONS, value);
}
