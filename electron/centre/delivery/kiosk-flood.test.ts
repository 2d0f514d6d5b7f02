import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../centre-server';
import { KIOSK_MESSAGE_RATE } from '../../../shared/formats/live-messages';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { REPEAT_WINDOW_MS } from '../records/repeated-events';

describe('kiosk HTTP routes have the kiosk socket’s budget', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ config: { rateLimits: { kioskRequests: { burst: 5, perSecond: 0.5 } } } }); });
  afterAll(() => h.close());

  test('the default is the socket’s (100, then 50/s)', () => {
    expect(DEFAULT_RATE_LIMITS.kioskRequests).toEqual(KIOSK_MESSAGE_RATE);
  });

  test('over the burst: 429 tooManyRequests with retryAfterSeconds and Retry-After; another kiosk is not affected', async () => {
    const kiosk = await h.pairKiosk('Poste bavard');
    const other = await h.pairKiosk('Poste calme');
    for (let i = 0; i < 5; i++) expect((await h.kiosk('GET', '/api/kiosk/me', kiosk)).status).toBe(200);
    const refused = await h.kiosk('GET', '/api/kiosk/me', kiosk);
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ code: 'tooManyRequests', field: '(racine)', retryAfterSeconds: 2 });
    expect(refused.headers['retry-after']).toBe('2');
    expect((await h.kiosk('GET', '/api/kiosk/me', other)).status).toBe(200);
  });
});

describe('identical repeated lockdown signals are one event with a count; /events filters by kind', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(() => h.close());

  test('50 identical warnings: one row (count 50), one audit event; another cause and a later one are new events', async () => {
    const kiosk = await h.pairKiosk('Poste 1');
    const { entry } = await enterTest(h, kiosk, 'Dupont');
    const signal = (n: number, cause = 'fenêtre quittée (Alt+Tab)') => h.kiosk('POST', '/api/kiosk/events', kiosk, entry,
      { kind: 'focusLost', cause, at: '2026-11-23T18:45:02Z', clientEventId: `ev-${cause.length}-${n}` });
    for (let i = 0; i < 50; i++) {
      const answer = await signal(i);
      expect(answer.status).toBe(200);
      expect(answer.json.policy).toBe('warn');
      h.t.advance(100);
    }
    expect((await signal(0, 'autre cause')).status).toBe(200);
    const listed = (await h.console('GET', '/events')).json;
    const focus = listed.lockdownEvents.filter((e: { kind: string }) => e.kind === 'focusLost');
    expect(focus.map((e: { cause: string; count: number; durationMs: number }) => [e.cause, e.count, e.durationMs])).toEqual([
      ['autre cause', 1, 0], ['fenêtre quittée (Alt+Tab)', 50, 4900]]);
    expect(listed.events.filter((e: { kind: string }) => e.kind === 'lockdown')).toHaveLength(2);

    h.t.advance(REPEAT_WINDOW_MS + 1);
    expect((await signal(99)).status).toBe(200);
    expect((await h.console('GET', '/events')).json.events.filter((e: { kind: string }) => e.kind === 'lockdown')).toHaveLength(3);
  });

  test('?kind= keeps one kind (audit events and signals); a bad kind is a 400 naming the parameter', async () => {
    const lockdown = (await h.console('GET', '/events?kind=lockdown')).json;
    expect(lockdown.events.length).toBeGreaterThan(0);
    expect(lockdown.events.every((e: { kind: string }) => e.kind === 'lockdown')).toBe(true);
    expect(lockdown.lockdownEvents).toEqual([]);
    const focus = (await h.console('GET', '/events?kind=focusLost')).json;
    expect(focus.events).toEqual([]);
    expect(focus.lockdownEvents.length).toBeGreaterThan(0);
    const bad = await h.console('GET', '/events?kind=%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'invalidQuery', field: 'kind' });
  });
});
