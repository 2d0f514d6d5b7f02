/**
 * After the run, with the station stopped: the database, opened read-only, against what the kiosks were told.
 * An acknowledged answer must be stored exactly once, with the very acknowledgement the kiosk received;
 * every session's audit hash chain must verify (architecture §2).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { verifyChain } from '../../electron/centre/audit/event-chain';
import type { AckRecord } from './load-recorder';

export interface AnswerCheck {
  /** Distinct answers the kiosks saw acknowledged. */
  acknowledged: number;
  /** Acknowledged but not stored, or stored with another acknowledgement than the one sent. */
  lost: number;
  /** Extra copies of an acknowledged answer (stored more than once). */
  duplicated: number;
  /** Answers stored in all (acknowledged or not: an answer in flight at a kill may be stored unacknowledged). */
  stored: number;
  examples: string[];
}

export interface ChainCheck { chainsValid: boolean; sessions: number; events: number; failures: string[] }

const MAX_EXAMPLES = 5;

export function readAcks(file: string): AckRecord[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AckRecord);
}

export function checkAnswers(dbFile: string, acks: readonly AckRecord[]): AnswerCheck {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare<[], { candidateId: number; challengeId: string; clientAnswerId: string; ack: string }>(
      `SELECT t.candidate_id AS candidateId, a.challenge_id AS challengeId, a.client_answer_id AS clientAnswerId, a.ack
         FROM answers a JOIN tests t ON t.id = a.test_id`).all();
    const stored = new Map<string, { clientAnswerId: string; ack: string }[]>();
    for (const row of rows) {
      const key = `${row.candidateId}|${row.challengeId}`;
      stored.set(key, [...(stored.get(key) ?? []), row]);
    }
    const seen = new Set<string>();
    const result: AnswerCheck = { acknowledged: 0, lost: 0, duplicated: 0, stored: rows.length, examples: [] };
    for (const ack of acks) {
      const key = `${ack.candidateId}|${ack.challengeId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.acknowledged++;
      const copies = stored.get(key) ?? [];
      const same = copies.filter((c) => c.clientAnswerId === ack.clientAnswerId && c.ack === ack.ack);
      if (same.length === 0) {
        result.lost++;
        if (result.examples.length < MAX_EXAMPLES) {
          result.examples.push(`candidat ${ack.candidateId}, épreuve ${ack.challengeId} : ${copies.length === 0 ? 'absente de la base' : 'accusé différent en base'}`);
        }
      }
      if (copies.length > 1) {
        result.duplicated += copies.length - 1;
        if (result.examples.length < MAX_EXAMPLES) result.examples.push(`candidat ${ack.candidateId}, épreuve ${ack.challengeId} : ${copies.length} exemplaires`);
      }
    }
    return result;
  } finally {
    db.close();
  }
}

export function checkChains(dbFile: string): ChainCheck {
  const db = new Database(dbFile, { readonly: true });
  try {
    const sessionIds = db.prepare<[], number>('SELECT DISTINCT session_id FROM events ORDER BY session_id').pluck().all();
    const result: ChainCheck = { chainsValid: true, sessions: sessionIds.length, events: 0, failures: [] };
    for (const sessionId of sessionIds) {
      const verified = verifyChain(db, sessionId);
      if (verified.ok) {
        result.events += verified.count;
      } else {
        result.chainsValid = false;
        result.failures.push(`session ${sessionId} : ${verified.reason}`);
      }
    }
    return result;
  } finally {
    db.close();
  }
}
