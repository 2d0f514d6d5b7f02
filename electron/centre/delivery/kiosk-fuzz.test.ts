import https from 'node:https';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';

/**
 * Fuzz of the kiosk routes over real HTTPS: random JSON bodies and fields (valid ones mixed in) never give a
 * 5xx; every 4xx is `{error: {code, message, field}}` with a French message naming a field; a refused
 * request changes nothing in the database (a failed check-in only adds its own audit event, by design).
 */
const RUNS = 5_000;

let h: Harness;
let kioskToken: string;
let runningEntry: string;
let pendingEntry: string;
let agent: https.Agent;

beforeAll(async () => {
  // Thousands of requests from one kiosk in seconds: above the kiosk budget (kiosk-flood.test.ts tests that limit).
  h = await startHarness({ config: { rateLimits: { kioskRequests: { burst: 1e9, perSecond: 1e9 } } } });
  kioskToken = await h.pairKiosk('Poste fuzz');
  runningEntry = (await enterTest(h, kioskToken, 'Dupont')).entry;
  pendingEntry = (await h.checkIn(kioskToken, 'Bernard')).json.entryToken;
  agent = new https.Agent({ ca: h.t.tls.certPem, keepAlive: true, maxSockets: 1 });
});
afterAll(async () => {
  agent.destroy();
  await h.close();
});

interface Case { method: 'GET' | 'POST'; path: string; entry: string | null; body: unknown }

function send(c: Case): Promise<{ status: number; json: { error?: { code?: unknown; message?: unknown; field?: unknown } } | null }> {
  const body = c.body === undefined ? undefined : JSON.stringify(c.body);
  const headers: Record<string, string> = { authorization: `Bearer ${kioskToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (c.entry !== null) headers['x-passation-entry'] = c.entry;
  return new Promise((resolve, reject) => {
    const request = https.request(`${h.t.server.url}${c.path}`, { method: c.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch { json = null; }
        resolve({ status: response.statusCode ?? 0, json });
      });
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** Rows that a refusal must not touch (failed check-ins are audited on purpose and left out). */
function snapshot(): string {
  const db = h.t.db;
  return ['entries', 'tests', 'answers', 'lockdown_events', 'incidents'].map((t) => db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get()).join('/')
    + '/' + String(db.prepare("SELECT COUNT(*) FROM events WHERE kind <> 'checkInFailed'").pluck().get())
    + '/' + String(db.prepare('SELECT group_concat(state) FROM tests').pluck().get())
    + '/' + String(db.prepare('SELECT group_concat(COALESCE(authorised_at, \'-\') || COALESCE(started_at, \'-\') || COALESCE(superseded_at, \'-\')) FROM entries').pluck().get());
}

const json = fc.jsonValue({ maxDepth: 3 });
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', ' ', 'Dupont', 'ch_1', 'ch_unused', 'é'.repeat(300), '<script>', '${x}'));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 12 });
/** Mostly `valid`, sometimes anything: so that most cases get past the schemas into the handlers. */
const mostly = <T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<unknown>[]) => fc.oneof({ weight: 6, arbitrary: valid as fc.Arbitrary<unknown> }, ...others.map((arbitrary) => ({ weight: 1, arbitrary })));
const withExtra = (arb: fc.Arbitrary<Record<string, unknown>>) => fc.tuple(arb, fc.option(fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 2 }), { nil: undefined, freq: 8 }))
  .map(([body, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries({ ...body, ...extra })) if (v !== undefined) out[k] = v;
    return out;
  });
const entry = fc.oneof(
  { weight: 6, arbitrary: fc.constant('running') },
  { weight: 2, arbitrary: fc.constant('pending') },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);
const resolveEntry = (e: string | null) => (e === 'running' ? runningEntry : e === 'pending' ? pendingEntry : e);

const checkInCase = fc.record({
  body: fc.oneof({ weight: 1, arbitrary: json }, { weight: 5, arbitrary: withExtra(fc.record({
    sessionNumber: maybe(mostly(fc.constantFrom(1, 2, 999), fc.integer({ min: -5, max: 2_000_000_000 }), json)),
    lastName: maybe(mostly(fc.constantFrom('Dupont', 'Martin', 'Inconnu'), text, json)),
    firstName: maybe(mostly(fc.constantFrom('Marie', 'Hugo', 'x'), text, json)),
    birthDate: maybe(mostly(fc.constantFrom('2010-03-14', '2010-01-20', '2010-02-30'), fc.constantFrom('14/03/2010', '1899-12-31'), text)),
    accessCode: maybe(mostly(fc.constantFrom('BCDF23', 'bcdf23', 'ZZZZ99'), text, json)),
  })) }),
}).map(({ body }): Case => ({ method: 'POST', path: '/api/kiosk/check-in', entry: null, body }));

const answerValue = mostly(fc.oneof(
  fc.record({ skipped: fc.constant(true) }), fc.record({ choice: text }), fc.record({ choices: fc.array(text, { maxLength: 4 }) }),
  fc.record({ value: text }), fc.record({ values: fc.dictionary(text, text, { maxKeys: 3 }) }),
), json);
const answerCase = fc.record({
  entry,
  body: fc.oneof({ weight: 1, arbitrary: json }, { weight: 4, arbitrary: withExtra(fc.record({
    challengeId: maybe(mostly(fc.constantFrom(...Array.from({ length: 15 }, (_, i) => `ch_${i + 1}`), 'ch_unused', 'nope'), text, json)),
    answer: maybe(answerValue),
    clientAnswerId: maybe(mostly(fc.stringMatching(/^[a-z0-9-]{1,10}$/), text)),
    elapsedMs: maybe(mostly(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: -10, max: 2_000_000_000 }), fc.double(), json)),
    timedOut: maybe(mostly(fc.boolean(), json)),
    focusLost: maybe(mostly(fc.boolean(), json)),
  })) }),
}).map(({ entry: e, body }): Case => ({ method: 'POST', path: '/api/kiosk/answers', entry: resolveEntry(e), body }));

const eventCase = fc.record({
  entry,
  body: fc.oneof({ weight: 1, arbitrary: json }, { weight: 5, arbitrary: withExtra(fc.record({
    kind: maybe(mostly(fc.constantFrom('focusLost', 'focusRegained', 'batteryLow', 'networkLost'), text)),
    cause: maybe(mostly(fc.constantFrom('alt-tab', 'batterie'), text, json)),
    at: maybe(mostly(fc.constant('2026-03-14T08:05:00Z'), fc.constant('2026-03-14'), text)),
    challengeId: fc.option(mostly(fc.constantFrom('ch_2', 'ch_3', 'ch_unused'), text), { nil: undefined, freq: 2 }),
    clientEventId: maybe(mostly(fc.stringMatching(/^[a-z0-9]{1,8}$/), text)),
    details: fc.option(mostly(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 3 }), json), { nil: undefined, freq: 2 }),
  })) }),
}).map(({ entry: e, body }): Case => ({ method: 'POST', path: '/api/kiosk/events', entry: resolveEntry(e), body }));

const otherCase = fc.oneof(
  fc.record({ entry, body: fc.option(json, { nil: undefined }) }).map(({ entry: e, body }): Case => ({ method: 'POST', path: '/api/kiosk/start', entry: resolveEntry(e), body })),
  entry.map((e): Case => ({ method: 'GET', path: '/api/kiosk/state', entry: resolveEntry(e), body: undefined })),
  fc.record({ entry, id: fc.oneof(fc.constantFrom('img_chart', 'img_unused', 'file_data_csv'), fc.string({ maxLength: 20 })) })
    .map(({ entry: e, id }): Case => ({ method: 'GET', path: `/api/kiosk/assets/${encodeURIComponent(id) || 'x'}`, entry: resolveEntry(e), body: undefined })),
);

const anyCase = fc.oneof(
  { weight: 3, arbitrary: checkInCase },
  { weight: 4, arbitrary: answerCase },
  { weight: 2, arbitrary: eventCase },
  { weight: 1, arbitrary: otherCase },
);

test(`fuzz: ${RUNS} random requests on the kiosk routes — never a 5xx, every refusal names a field and changes nothing`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(fc.asyncProperty(anyCase, async (c) => {
    const before = snapshot();
    const answer = await send(c);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    expect(answer.status, JSON.stringify(c).slice(0, 300)).toBeLessThan(500);
    if (answer.status >= 400) {
      const error = answer.json?.error;
      expect(typeof error?.code).toBe('string');
      expect(typeof error?.message === 'string' && error.message.length > 0).toBe(true);
      expect(typeof error?.field === 'string' && error.field.length > 0, `${answer.status} ${JSON.stringify(answer.json)}`).toBe(true);
      expect(snapshot()).toBe(before);
    }
  }), { numRuns: RUNS });
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  expect(total).toBe(RUNS);
  // The mix reached the handlers, not only the schemas.
  expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  expect(statuses.get(404) ?? 0).toBeGreaterThan(0);
  expect(statuses.get(409) ?? 0).toBeGreaterThan(0);
}, 120_000);
