import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import type { LiveCandidate } from './console-api';
import {
  answerSavedText, ConsoleToServer, jsonText, KioskToServer, ServerToConsole, ServerToKiosk,
  type AnswerSaved, type JsonText,
} from './live-messages';
import type { AnswerAck } from './kiosk-api';

const candidate: LiveCandidate = {
  candidateId: 3, lastName: 'Dupont', firstName: 'Marie', birthDate: '2010-03-14', extraTimePercent: 33, accessibilityAdjustment: false,
  status: 'suspended', needsAction: true, resumeExpired: false, kiosk: { id: 2, name: 'Poste 12' }, progress: { answered: 4, total: 15 },
  startedAt: '2026-03-14T08:00:00.000Z', theoreticalEndAt: '2026-03-14T10:19:39.000Z',
  suspension: { kind: 'focusLost', cause: 'alt-tab', at: '2026-03-14T08:20:00.000Z' },
  lastWarning: { kind: 'displayAdded', cause: 'second écran', at: '2026-03-14T08:10:00.000Z' },
  lastEvent: { kind: 'suspended', at: '2026-03-14T08:20:00.000Z', signal: 'focusLost', cause: 'alt-tab' },
};
const ack: AnswerAck = { saved: true, challengeId: 'ch_1', clientAnswerId: 'a-1', savedAt: '2026-03-14T08:01:00.000Z', testCompleted: false };

/** One example of every message type, both directions (the test below checks none is missing). */
const EXAMPLES = {
  consoleToServer: [{ type: 'ping' }],
  kioskToServer: [
    { type: 'ping' },
    { type: 'answer', entryToken: 'pe_x', body: { challengeId: 'ch_1', answer: { choice: '2' }, clientAnswerId: 'a-1', elapsedMs: 1200, timedOut: false, focusLost: false } },
  ],
  serverToConsole: [
    { type: 'hello', role: 'console', sessionId: 1 },
    { type: 'candidates', sessionId: 1, sessionStatus: 'created', checkInAlert: { code: 'checkInFailures', failures: 60, since: '2026-12-01T08:00:00.000Z' }, candidates: [candidate] },
    { type: 'candidate', sessionId: 1, candidate },
    { type: 'pong', at: '2026-03-14T08:00:00.000Z' },
    { type: 'error', error: { code: 'unsupportedMessage', message: 'Message non pris en charge.' } },
  ],
  serverToKiosk: [
    { type: 'hello', role: 'kiosk', kioskId: 2 },
    { type: 'stateChanged' },
    { type: 'answerSaved', clientAnswerId: 'a-1', ack },
    { type: 'answerRefused', clientAnswerId: null, status: 429, error: { code: 'tooManyRequests', message: 'Trop de messages.', field: '(racine)', retryAfterSeconds: 1 } },
    { type: 'pong', at: '2026-03-14T08:00:00.000Z' },
    { type: 'error', error: { code: 'tooManyMessages', message: 'Trop de messages.', retryAfterSeconds: 2 } },
  ],
} as const;

const UNIONS = {
  consoleToServer: ConsoleToServer,
  kioskToServer: KioskToServer,
  serverToConsole: ServerToConsole,
  serverToKiosk: ServerToKiosk,
} satisfies Record<keyof typeof EXAMPLES, z.ZodDiscriminatedUnion>;

/** The `type` of each member of a union. */
const typesOf = (union: z.ZodDiscriminatedUnion) => union.options.map((o) => String((o as z.ZodObject).shape.type.def.values[0]));

describe('live messages: one discriminated union per direction', () => {
  for (const [direction, union] of Object.entries(UNIONS) as [keyof typeof EXAMPLES, z.ZodDiscriminatedUnion][]) {
    test(`${direction}: every message type has an example, and each round-trips through JSON and the union`, () => {
      const examples = EXAMPLES[direction];
      expect(examples.map((m) => m.type).sort()).toEqual(typesOf(union).sort());
      for (const message of examples) {
        expect(union.parse(JSON.parse(JSON.stringify(message)))).toEqual(message);
      }
    });

    test(`${direction}: an unknown type, a missing type, an extra field are refused`, () => {
      expect(union.safeParse({ type: 'sessionEnded' }).success).toBe(false);
      expect(union.safeParse({ sessionId: 1 }).success).toBe(false);
      expect(union.safeParse({ ...EXAMPLES[direction][0], extra: 1 }).success).toBe(false);
    });
  }

  test('answerSavedText wraps the stored acknowledgement bytes: the same bytes, an AnswerSaved of the union', () => {
    const stored = '{"challengeId":"ch_1","clientAnswerId":"a-1","saved":true,"savedAt":"2026-03-14T08:01:00.000Z","testCompleted":false}' as JsonText<AnswerAck>;
    const text = answerSavedText('a-1', stored);
    expect(text).toBe(`{"type":"answerSaved","clientAnswerId":"a-1","ack":${stored}}`);
    const parsed = ServerToKiosk.parse(JSON.parse(text)) as AnswerSaved;
    expect(parsed).toEqual({ type: 'answerSaved', clientAnswerId: 'a-1', ack });
    // A client id that needs escaping stays valid JSON.
    expect(JSON.parse(answerSavedText('a"b', stored)).clientAnswerId).toBe('a"b');
  });

  test('jsonText is JSON.stringify, typed', () => {
    const text: JsonText<{ type: 'stateChanged' }> = jsonText({ type: 'stateChanged' as const });
    expect(text).toBe('{"type":"stateChanged"}');
  });
});
