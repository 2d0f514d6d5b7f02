import { createHash, randomBytes } from 'node:crypto';

/**
 * What a token grants, readable from its prefix: `pm_` manager, `pi_` invigilator, `pk_` kiosk device.
 * The prefix only routes the lookup: a token is valid only if its hash is in the matching table.
 */
export const TOKEN_PREFIXES = { manager: 'pm_', invigilator: 'pi_', kiosk: 'pk_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIXES;

const TOKEN_BYTES = 32;

/** A new bearer token: prefix + 256 random bits, base64url. Only its SHA-256 is ever stored. */
export function newToken(kind: TokenKind): string {
  return TOKEN_PREFIXES[kind] + randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The kind a token claims by its prefix, or null. */
export function tokenKind(token: string): TokenKind | null {
  for (const [kind, prefix] of Object.entries(TOKEN_PREFIXES) as [TokenKind, string][]) {
    if (token.startsWith(prefix)) return kind;
  }
  return null;
}

/** Lower-case hex SHA-256: how tokens and pairing codes are kept in the database. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
