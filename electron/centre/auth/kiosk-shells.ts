import type { Db } from '../storage/database';

/**
 * The kiosk shell each kiosk is bound to (migration 008, issue 8 §5): the build hash and config hash its
 * attestation declared at pairing (or, for a kiosk paired by hand, on its first valid request). Kept in memory
 * after the first read: a binding is written once and never changes (a kiosk with a new config pairs again).
 */
export interface KioskShell { buildHash: string; configHash: string; recordedAt: string; recordedBy: 'pairing' | 'firstRequest' }

interface ShellRow { build_hash: string; config_hash: string; recorded_at: string; recorded_by: 'pairing' | 'firstRequest' }

const cache = new WeakMap<Db, Map<number, KioskShell>>();

function cached(db: Db): Map<number, KioskShell> {
  let found = cache.get(db);
  if (!found) {
    found = new Map();
    cache.set(db, found);
  }
  return found;
}

export function findKioskShell(db: Db, kioskId: number): KioskShell | null {
  const known = cached(db).get(kioskId);
  if (known) return known;
  const row = db.prepare<[number], ShellRow>('SELECT build_hash, config_hash, recorded_at, recorded_by FROM kiosk_shells WHERE kiosk_id = ?').get(kioskId);
  if (!row) return null;
  const shell: KioskShell = { buildHash: row.build_hash, configHash: row.config_hash, recordedAt: row.recorded_at, recordedBy: row.recorded_by };
  cached(db).set(kioskId, shell);
  return shell;
}

/** Records the binding unless one exists (the first one wins); returns the binding in force. */
export function recordKioskShell(db: Db, kioskId: number, shell: Omit<KioskShell, 'recordedAt'>, now: Date): KioskShell {
  db.prepare('INSERT OR IGNORE INTO kiosk_shells (kiosk_id, build_hash, config_hash, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)')
    .run(kioskId, shell.buildHash, shell.configHash, now.toISOString(), shell.recordedBy);
  cached(db).delete(kioskId);
  return findKioskShell(db, kioskId)!;
}
