import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import type { Db } from '../storage/database';

/** The `prev_hash` of a chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller appends: `kind` names the event (`checkIn`, `answer`, `focusLost`…); `payload` is any JSON object. */
export interface NewEvent {
  kind: string;
  candidateId?: number | null;
  kioskId?: number | null;
  payload?: Record<string, unknown>;
  /** ISO 8601; defaults to now. */
  at?: string;
}

/** The part of an event that is hashed: canonical JSON (RFC 8785) of exactly these keys, nulls included. */
export interface ChainEntry {
  sessionId: number;
  seq: number;
  at: string;
  kind: string;
  candidateId: number | null;
  kioskId: number | null;
  payload: Record<string, unknown>;
}

export interface ChainEvent extends ChainEntry {
  prevHash: string;
  hash: string;
}

export type ChainVerification =
  | { ok: true; head: string; count: number }
  | { ok: false; brokenAt: number; reason: string };

interface EventRow {
  session_id: number; seq: number; at: string; kind: string; candidate_id: number | null; kiosk_id: number | null;
  payload: string; prev_hash: string; hash: string;
}

/** sha256(prevHash + canonicalJson(entry)), lower-case hex (architecture §2). */
export function eventHash(prevHash: string, entry: ChainEntry): string {
  return hashOf(prevHash, canonicalJson(entry));
}

const hashOf = (prevHash: string, entryJson: string): string => createHash('sha256').update(prevHash + entryJson, 'utf8').digest('hex');

/**
 * canonicalJson(entry) built from the payload's canonical JSON, computed once (it is also what is stored): RFC 8785
 * orders the keys by code unit (at, candidateId, kind, kioskId, payload, seq, sessionId), serialises strings as
 * JSON.stringify does and integers as themselves. event-chain.test.ts checks it equals canonicalJson(entry).
 */
export function chainEntryJson(entry: Omit<ChainEntry, 'payload'>, payloadJson: string): string {
  for (const id of [entry.sessionId, entry.seq, entry.candidateId ?? 0, entry.kioskId ?? 0]) {
    if (!Number.isSafeInteger(id)) throw new TypeError(`identifiant non entier dans un événement : ${id}`);
  }
  return `{"at":${JSON.stringify(entry.at)},"candidateId":${entry.candidateId === null ? 'null' : entry.candidateId},`
    + `"kind":${JSON.stringify(entry.kind)},"kioskId":${entry.kioskId === null ? 'null' : entry.kioskId},`
    + `"payload":${payloadJson},"seq":${entry.seq},"sessionId":${entry.sessionId}}`;
}

/**
 * Appends one event to the session's hash chain. Inside the caller's transaction when there is one, so the event
 * commits or rolls back with what it records (a failure half-way throws into that transaction, which the caller
 * rolls back); in a transaction of its own otherwise.
 */
export function appendEvent(db: Db, sessionId: number, event: NewEvent): ChainEvent {
  const sql = statements(db);
  return db.inTransaction ? sql.write(sessionId, event) : sql.append(sessionId, event);
}

/** appendEvent runs on every answer: its statements and its transaction are prepared once per database. */
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  const sql = {
    last: db.prepare<[number], { seq: number; hash: string }>('SELECT seq, hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1'),
    insert: db.prepare(`INSERT INTO events (session_id, seq, at, kind, candidate_id, kiosk_id, payload, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    head: db.prepare(`INSERT INTO event_chain_heads (session_id, seq, hash) VALUES (?, ?, ?)
      ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`),
  };
  const write = (sessionId: number, event: NewEvent): ChainEvent => {
    const last = sql.last.get(sessionId);
    const payload = event.payload ?? {};
    const payloadJson = canonicalJson(payload);
    const entry = {
      sessionId,
      seq: (last?.seq ?? 0) + 1,
      at: event.at ?? new Date().toISOString(),
      kind: event.kind,
      candidateId: event.candidateId ?? null,
      kioskId: event.kioskId ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = hashOf(prevHash, chainEntryJson(entry, payloadJson));
    sql.insert.run(sessionId, entry.seq, entry.at, entry.kind, entry.candidateId, entry.kioskId, payloadJson, prevHash, hash);
    sql.head.run(sessionId, entry.seq, hash);
    return { ...entry, payload, prevHash, hash };
  };
  return { write, append: db.transaction(write) };
}
function statements(db: Db) {
  let found = prepared.get(db);
  if (!found) {
    found = prepare(db);
    prepared.set(db, found);
  }
  return found;
}

/** Every event of a session, in order. A payload that is no longer JSON is returned as `{ unreadable: text }`. */
export function listEvents(db: Db, sessionId: number): ChainEvent[] {
  return db.prepare<[number], EventRow>('SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(sessionId).map(toEvent);
}

/**
 * Recomputes the chain: sequence numbers 1, 2, 3… without gaps, each `prev_hash` equal to the previous
 * `hash`, each `hash` equal to the hash of its own content, and the last event equal to the recorded head
 * (or to `expectedHead`, e.g. the head inside a signed bundle). The first failure is reported, in French.
 */
export function verifyChain(db: Db, sessionId: number, expectedHead?: { seq: number; hash: string }): ChainVerification {
  const rows = db.prepare<[number], EventRow>('SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(sessionId);
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expectedSeq = index + 1;
    if (row.seq !== expectedSeq) {
      return { ok: false, brokenAt: expectedSeq, reason: `l’événement n° ${expectedSeq} manque (le suivant est le n° ${row.seq})` };
    }
    if (row.prev_hash !== prevHash) {
      return { ok: false, brokenAt: row.seq, reason: `l’événement n° ${row.seq} ne suit plus le précédent (empreinte précédente différente)` };
    }
    const payload = parsePayload(row.payload);
    if (payload === null) {
      return { ok: false, brokenAt: row.seq, reason: `le contenu de l’événement n° ${row.seq} n’est plus du JSON lisible` };
    }
    if (eventHash(prevHash, { ...toEntry(row), payload }) !== row.hash) {
      return { ok: false, brokenAt: row.seq, reason: `le contenu de l’événement n° ${row.seq} ne correspond plus à son empreinte` };
    }
    prevHash = row.hash;
  }
  const head = expectedHead ?? db.prepare<[number], { seq: number; hash: string }>(
    'SELECT seq, hash FROM event_chain_heads WHERE session_id = ?').get(sessionId);
  const count = rows.length;
  if (head !== undefined && (head.seq !== count || head.hash !== prevHash)) {
    return head.seq > count
      ? { ok: false, brokenAt: count + 1, reason: `le journal s’arrête au n° ${count} alors que ${head.seq} événements ont été enregistrés` }
      : { ok: false, brokenAt: head.seq, reason: `la tête du journal enregistrée (n° ${head.seq}) ne correspond pas à son dernier événement (n° ${count})` };
  }
  if (head === undefined && count > 0) {
    return { ok: false, brokenAt: count, reason: 'la tête du journal n’est plus enregistrée' };
  }
  return { ok: true, head: prevHash, count };
}

function toEntry(row: EventRow): ChainEntry {
  return {
    sessionId: row.session_id,
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    candidateId: row.candidate_id,
    kioskId: row.kiosk_id,
    payload: parsePayload(row.payload) ?? { unreadable: row.payload },
  };
}

function toEvent(row: EventRow): ChainEvent {
  return { ...toEntry(row), prevHash: row.prev_hash, hash: row.hash };
}

/** The stored payload, or null when it is no longer a JSON object. */
function parsePayload(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}
