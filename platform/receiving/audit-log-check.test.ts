import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readAuditLog } from '../../shared/audit/audit-log-check';
import { canonicalJson } from '../../shared/canonical/canonical-json';
import { AUDIT_GENESIS_HASH, AuditLogEvent, auditLogText } from '../../shared/formats/audit-log';
import { auditLogTools } from './audit-log-check';

// Architecture §2 — the one-pass chain check on any log (property): the genuine file passes and gives back its
// events; one event removed, two swapped, one byte changed anywhere, or a line added is refused. The chain here is
// computed independently, with a Hash object per line, as a reader of docs/results-bundle.md §4 would.
const event = fc.record({
  at: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  candidateId: fc.option(fc.integer({ min: 1, max: 40 })),
  kind: fc.constantFrom('checkIn', 'presenceConfirmed', 'testStarted', 'answer', 'focusLost', 'incident', 'testEnded'),
  kioskId: fc.option(fc.integer({ min: 1, max: 40 })),
  payload: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
});

function logOf(events: readonly object[]) {
  const lines = events.map((e, i) => canonicalJson({ ...e, seq: i + 1, sessionId: 7 }));
  const head = lines.reduce((prev, line) => crypto.createHash('sha256').update(prev + line, 'utf8').digest('hex'), AUDIT_GENESIS_HASH);
  const bytes = Buffer.from(auditLogText(lines), 'utf8');
  return { lines, bytes, claim: { seq: lines.length, head, logSha256: crypto.createHash('sha256').update(bytes).digest('hex') } };
}
const linesToBytes = (lines: readonly string[]) => Buffer.from(auditLogText(lines), 'utf8');

describe('readAuditLog', () => {
  test('the genuine log passes and gives back its events, each of the AuditLogEvent schema', () => {
    fc.assert(fc.property(fc.array(event, { minLength: 1, maxLength: 30 }), (events) => {
      const { bytes, claim } = logOf(events);
      const read = readAuditLog(bytes, claim, auditLogTools);
      expect(read.ok).toBe(true);
      if (read.ok) {
        expect(read.value.map((e) => AuditLogEvent.parse(e))).toHaveLength(events.length);
        expect(read.value.map((e) => e.kind)).toEqual(events.map((e) => e.kind));
      }
    }), { numRuns: 200 });
  });

  test('an event removed, two swapped, a line added, or any byte changed: refused', () => {
    fc.assert(fc.property(fc.array(event, { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (events, a, b, at, mask) => {
      const { lines, bytes, claim } = logOf(events);
      const i = a % lines.length;
      const j = (i + 1 + (b % (lines.length - 1))) % lines.length;
      const swapped = [...lines];
      [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
      const flipped = Buffer.from(bytes);
      flipped[at % bytes.length] = flipped[at % bytes.length]! ^ mask;
      const variants = [linesToBytes(lines.filter((_, k) => k !== i)), linesToBytes(swapped), linesToBytes([...lines, lines[i]!]), flipped];
      for (const variant of variants) {
        if (variant.equals(bytes)) continue; // two equal events swapped: the same file
        expect(readAuditLog(variant, claim, auditLogTools).ok).toBe(false);
      }
    }), { numRuns: 300 });
  });

  test('names what is wrong, in French', () => {
    const { lines, bytes, claim } = logOf([{ at: '2026-03-02T08:00:00.000Z', candidateId: 1, kind: 'checkIn', kioskId: 2, payload: {} }, { at: '2026-03-02T08:01:00.000Z', candidateId: 1, kind: 'testStarted', kioskId: 2, payload: {} }]);
    expect(readAuditLog(linesToBytes(lines.slice(1)), claim, auditLogTools)).toEqual({ ok: false, error: 'audit.jsonl, ligne 1 : l’événement n° 1 manque ou n’est pas à sa place (la ligne porte le n° 2)' });
    expect(readAuditLog(linesToBytes(lines.slice(0, 1)), claim, auditLogTools)).toEqual({ ok: false, error: 'audit.jsonl compte 1 événement(s), results.json en signe 2 : des événements ont été retirés' });
    expect(readAuditLog(bytes.subarray(0, -1), claim, auditLogTools)).toMatchObject({ ok: false, error: expect.stringContaining('tronqué') });
    expect(readAuditLog(Buffer.from([0xff, 0x0a]), claim, auditLogTools)).toEqual({ ok: false, error: 'audit.jsonl n’est pas du texte UTF-8' });
    expect(readAuditLog(linesToBytes([lines[0]!, '{"at":']), claim, auditLogTools)).toEqual({ ok: false, error: 'audit.jsonl, ligne 2 : ce n’est pas un événement JSON lisible' });
    expect(readAuditLog(linesToBytes([`${lines[0]!},${lines[1]!}`]), claim, auditLogTools)).toEqual({ ok: false, error: 'audit.jsonl : une ligne contient plusieurs valeurs JSON' });
  });
});
