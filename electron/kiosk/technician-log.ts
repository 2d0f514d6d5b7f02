import fs from 'node:fs';
import type { TechnicianRefusal } from '../../shared/formats/kiosk-bridge';
import type { Result } from '../../shared/result';

/**
 * Issue 8 §6, kiosk-lockdown §2 — « it is logged »: every try of the admin code from the admin page, accepted or
 * refused, one line in `technician.log` (the shell's user-data folder, which the kiosk account can write) and on
 * stderr (the journal, on Linux). The station also gets `technicianExit` / `technicianRepairing` as events, but
 * only through a checked-in pupil's page; this log holds them when nobody is checked in. Never the code typed.
 */
export type TechnicianAction = 'exit' | 'repairing';

const ACTION: Record<TechnicianAction, string> = { exit: 'sortie technicien', repairing: 'nouvel appairage' };

/** `2026-12-02T09:14:03.120Z sortie technicien : acceptée` / `… : refusée (wrongAdminCode) Code administrateur incorrect (4 essai(s) restant(s)).` */
export function technicianLogLine(atMs: number, action: TechnicianAction, outcome: Result<unknown, TechnicianRefusal>): string {
  const what = outcome.ok ? 'acceptée' : `refusée (${outcome.error.code}) ${outcome.error.message.replace(/[\r\n]+/g, ' ')}`;
  return `${new Date(atMs).toISOString()} ${ACTION[action]} : ${what}`;
}

/** Appends one line; a log that cannot be written is said on stderr and never stops the technician. */
export function appendTechnicianLog(file: string, line: string): void {
  try {
    fs.appendFileSync(file, `${line}\n`, { mode: 0o600 });
  } catch (e) {
    process.stderr.write(`[passation-kiosk] journal technicien non écrit dans ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
  }
}
