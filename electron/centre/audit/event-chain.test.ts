import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../sessions/session-store';
import { openDatabase, type Db } from '../storage/database';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { GENESIS_HASH, appendEvent, chainEntryJson, listEvents, verifyChain } from './event-chain';
import { auditSession, formatChain } from './format-chain';

let dir: string;
let db: Db;
let sessionId: number;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-audit-'));
  db = openDatabase(path.join(dir, 'centre.sqlite'));
  const created = createSessionStore(db).createSession({
    centre: 'Lycée Érable', siteAddress: '1 rue des Lilas, Lyon', room: 'B12', date: '2026-03-14', startTime: '09:00', invigilatorName: 'M. Martin',
  });
  if (!created.ok) throw new Error(created.error.message);
  sessionId = created.value.session.id;
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function appendThree() {
  appendEvent(db, sessionId, { kind: 'checkIn', at: '2026-03-14T09:00:00.000Z', payload: { b: 2, a: 'é' } });
  appendEvent(db, sessionId, { kind: 'presenceConfirmed', at: '2026-03-14T09:01:00.000Z' });
  appendEvent(db, sessionId, { kind: 'answer', at: '2026-03-14T09:02:00.000Z', payload: { challenge: 'c1', value: 'x' } });
}

/** What an attacker holding the file does: the triggers only protect against the application itself. */
function dropGuards() {
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
}

describe('audit hash chain (architecture §2)', () => {
  it('hashes the previous hash followed by the RFC 8785 form of the entry, starting from 64 zeros', () => {
    const first = appendEvent(db, sessionId, { kind: 'checkIn', at: '2026-03-14T09:00:00.000Z', payload: { b: 2, a: 'é' } });
    const canonical = `{"at":"2026-03-14T09:00:00.000Z","candidateId":null,"kind":"checkIn","kioskId":null,"payload":{"a":"é","b":2},"seq":1,"sessionId":${sessionId}}`;
    expect(first.prevHash).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(first.hash).toBe(sha256(`${'0'.repeat(64)}${canonical}`));
    const second = appendEvent(db, sessionId, { kind: 'end', at: '2026-03-14T10:00:00.000Z' });
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(sha256(`${first.hash}{"at":"2026-03-14T10:00:00.000Z","candidateId":null,"kind":"end","kioskId":null,"payload":{},"seq":2,"sessionId":${sessionId}}`));
    expect(verifyChain(db, sessionId)).toEqual({ ok: true, head: second.hash, count: 2 });
  });

  it('an empty chain verifies with the genesis head', () => {
    expect(verifyChain(db, sessionId)).toEqual({ ok: true, head: GENESIS_HASH, count: 0 });
  });

  it('is append-only for the application: UPDATE and DELETE are refused by the database', () => {
    appendThree();
    expect(() => db.prepare("UPDATE events SET kind = 'x' WHERE seq = 1").run()).toThrow(/ne se modifie pas/);
    expect(() => db.prepare('DELETE FROM events WHERE seq = 3').run()).toThrow(/ne se supprime pas/);
  });

  it('rolls back with the caller’s transaction', () => {
    appendThree();
    expect(() => db.transaction(() => {
      appendEvent(db, sessionId, { kind: 'answer' });
      throw new Error('handler failed');
    })()).toThrow('handler failed');
    expect(listEvents(db, sessionId)).toHaveLength(3);
    expect(verifyChain(db, sessionId)).toMatchObject({ ok: true, count: 3 });
  });

  it('detects an edited payload, kind, time or candidate at the edited event', () => {
    const edits = [
      "payload = '{\"challenge\":\"c1\",\"value\":\"y\"}'",
      "kind = 'focusLost'",
      "at = '2026-03-14T09:02:01.000Z'",
    ];
    for (const edit of edits) {
      db.exec('DELETE FROM event_chain_heads; DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; DELETE FROM events;');
      appendThree();
      db.exec(`UPDATE events SET ${edit} WHERE seq = 3`);
      expect(verifyChain(db, sessionId)).toEqual({ ok: false, brokenAt: 3, reason: 'le contenu de l’événement n° 3 ne correspond plus à son empreinte' });
    }
  });

  it('detects a rewritten hash at the next event, and a payload that is no longer JSON', () => {
    appendThree();
    dropGuards();
    db.exec(`UPDATE events SET payload = '{"a":"é","b":3}', hash = '${'a'.repeat(64)}' WHERE seq = 1`);
    expect(verifyChain(db, sessionId)).toMatchObject({ ok: false, brokenAt: 1 });
    db.exec("UPDATE events SET payload = 'pas du json' WHERE seq = 2");
    const rows = listEvents(db, sessionId);
    expect(rows[1]!.payload).toEqual({ unreadable: 'pas du json' });
  });

  it('detects a deleted event anywhere: first, middle, last', () => {
    for (const [seq, brokenAt] of [[1, 1], [2, 2], [3, 3]] as const) {
      db.exec('DELETE FROM event_chain_heads; DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; DELETE FROM events;');
      appendThree();
      db.exec(`DELETE FROM events WHERE seq = ${seq}`);
      const result = verifyChain(db, sessionId);
      expect(result).toMatchObject({ ok: false, brokenAt });
    }
  });

  it('detects a truncated tail against a head from a signed bundle', () => {
    appendThree();
    const head = verifyChain(db, sessionId);
    if (!head.ok) throw new Error('chain should verify');
    dropGuards();
    db.exec('DELETE FROM events WHERE seq = 3; DELETE FROM event_chain_heads;');
    expect(verifyChain(db, sessionId)).toMatchObject({ ok: false, brokenAt: 2 });
    expect(verifyChain(db, sessionId, { seq: 3, hash: head.head })).toEqual({
      ok: false, brokenAt: 3, reason: 'le journal s’arrête au n° 2 alors que 3 événements ont été enregistrés',
    });
  });

  it('property: any single-byte change of any stored payload breaks the chain at that event', () => {
    fc.assert(fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())), { minLength: 1, maxLength: 6 }), fc.nat(), (payloads, pick) => {
      db.exec('DELETE FROM event_chain_heads; DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; DELETE FROM events;');
      for (const payload of payloads) appendEvent(db, sessionId, { kind: 'answer', payload: { ...payload, n: 1 } });
      const seq = (pick % payloads.length) + 1;
      db.prepare("UPDATE events SET payload = replace(payload, '\"n\":1', '\"n\":2') WHERE seq = ?").run(seq);
      const result = verifyChain(db, sessionId);
      return !result.ok && result.brokenAt === seq;
    }), { numRuns: 40 });
  });
});

describe('formatChain and auditSession (passation audit SESSION)', () => {
  it('prints one French line per event and the verdict', () => {
    appendThree();
    const lines = formatChain(listEvents(db, sessionId), { timeZone: 'UTC' });
    expect(lines[0]).toMatch(/^n° 1 · 14\/03\/2026 09:00:00 · checkIn · \{"a":"é","b":2\} · empreinte [0-9a-f]{8}…$/);
    expect(lines[1]).toMatch(/^n° 2 · 14\/03\/2026 09:01:00 · presenceConfirmed · empreinte/);
    const report = auditSession(db, 1, { timeZone: 'UTC' });
    expect(report.exitCode).toBe(0);
    expect(report.lines[0]).toBe('Journal d’audit de la session n° 1');
    expect(report.lines.at(-1)).toMatch(/^Journal intègre : 3 événement\(s\), tête [0-9a-f]{64}\.$/);
  });

  it('exit code 1 and the broken event when tampered, 2 for an unknown session', () => {
    appendThree();
    dropGuards();
    db.exec("UPDATE events SET kind = 'autre' WHERE seq = 2");
    const report = auditSession(db, 1);
    expect(report.exitCode).toBe(1);
    expect(report.lines.at(-1)).toBe('Journal ALTÉRÉ à l’événement n° 2 : le contenu de l’événement n° 2 ne correspond plus à son empreinte.');
    expect(auditSession(db, 99)).toMatchObject({ exitCode: 2, lines: ['Aucune session ne porte le numéro 99.'] });
  });
});

describe('chainEntryJson (the hashed bytes, built without canonicalising the entry again)', () => {
  it('is exactly canonicalJson(entry) for any entry (RFC 8785 key order, strings, integers, nulls)', () => {
    const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(fc.property(
      fc.record({
        sessionId: id, seq: id, at: fc.string({ unit: 'binary' }), kind: fc.string({ unit: 'binary' }),
        candidateId: fc.option(id), kioskId: fc.option(id),
        payload: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()),
      }),
      (entry) => {
        const payload = JSON.parse(JSON.stringify(entry.payload)) as Record<string, unknown>;
        const { payload: _omitted, ...rest } = entry;
        expect(chainEntryJson(rest, canonicalJson(payload))).toBe(canonicalJson({ ...rest, payload }));
      },
    ), { numRuns: 2000 });
  });

  it('refuses an identifier that is not an integer', () => {
    expect(() => chainEntryJson({ sessionId: 1, seq: 1.5, at: 'x', kind: 'k', candidateId: null, kioskId: null }, '{}')).toThrow('non entier');
  });
});
