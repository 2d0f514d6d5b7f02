import type { Db } from '../storage/database';
import { listEvents, verifyChain, type ChainEvent, type ChainVerification } from './event-chain';

export interface FormatOptions {
  /** IANA zone for the times shown; defaults to the station's local zone. */
  timeZone?: string;
}

/**
 * One readable French line per event, e.g.
 * `n° 3 · 14/03/2026 09:02:11 · answer · candidat 12 · poste 4 · {"challenge":"c1"} · empreinte 9f86d081…`.
 */
export function formatChain(events: readonly ChainEvent[], options: FormatOptions = {}): string[] {
  const time = new Intl.DateTimeFormat('fr-FR', {
    timeZone: options.timeZone,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
  return events.map((e) => {
    const date = new Date(e.at);
    const parts = [
      `n° ${e.seq}`,
      Number.isNaN(date.getTime()) ? e.at : time.format(date).replace(',', ''),
      e.kind,
      ...(e.candidateId === null ? [] : [`candidat ${e.candidateId}`]),
      ...(e.kioskId === null ? [] : [`poste ${e.kioskId}`]),
      ...(Object.keys(e.payload).length === 0 ? [] : [JSON.stringify(e.payload)]),
      `empreinte ${e.hash.slice(0, 8)}…`,
    ];
    return parts.join(' · ');
  });
}

/** The verdict line printed under the events. */
export function describeVerification(result: ChainVerification): string {
  return result.ok
    ? `Journal intègre : ${result.count} événement(s), tête ${result.head}.`
    : `Journal ALTÉRÉ à l’événement n° ${result.brokenAt} : ${result.reason}.`;
}

export interface AuditReport {
  /** 0 when the chain verifies, 1 when it is broken, 2 when the session does not exist. */
  exitCode: 0 | 1 | 2;
  lines: string[];
  verification: ChainVerification | null;
}

/** `passation audit SESSION` — prints the session's events and verifies its chain. */
export function auditSession(db: Db, sessionNumber: number, options: FormatOptions = {}): AuditReport {
  const sessionId = db.prepare<[number], number>('SELECT id FROM sessions WHERE number = ?').pluck().get(sessionNumber);
  if (sessionId === undefined) {
    return { exitCode: 2, lines: [`Aucune session ne porte le numéro ${sessionNumber}.`], verification: null };
  }
  const verification = verifyChain(db, sessionId);
  const lines = [
    `Journal d’audit de la session n° ${sessionNumber}`,
    ...formatChain(listEvents(db, sessionId), options),
    describeVerification(verification),
  ];
  return { exitCode: verification.ok ? 0 : 1, lines, verification };
}
