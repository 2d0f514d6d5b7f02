import type { KioskSummary } from '../../../../shared/formats/centre-api';

/** The paired kiosks' list, pure: active ones first (by name), then the revoked; a build shown by its first characters. */

export function kioskOrder(kiosks: readonly KioskSummary[]): KioskSummary[] {
  return [...kiosks].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.name.localeCompare(b.name, 'fr') || a.id - b.id);
}

/** The build hash's first 12 characters (as the station's own messages quote it), or null when the kiosk has none. */
export function shortBuild(buildHash: string | null): string | null {
  return buildHash === null ? null : buildHash.slice(0, 12);
}

/** Who paired it, from `pairedBy` (`manager` or `invigilator:<session id>`). */
export function pairedByWho(pairedBy: string): { kind: 'manager' } | { kind: 'invigilator'; sessionId: number } | { kind: 'other' } {
  if (pairedBy === 'manager') return { kind: 'manager' };
  const m = /^invigilator:(\d+)$/.exec(pairedBy);
  return m ? { kind: 'invigilator', sessionId: Number(m[1]) } : { kind: 'other' };
}
