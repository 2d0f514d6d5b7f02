import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from './json-depth';

let s: TestServer;
let manager: string;
beforeAll(async () => {
  s = await startTestServer();
  manager = await s.loginManager();
});
afterAll(() => s.close());

describe('JSON nesting depth is bounded before parsing', () => {
  test('the scan counts brackets outside strings only', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[[[[[\\"[[[["}', 2)).toBe(false);
    expect(jsonDepthExceeds('{"a":{"b":{"c":1}}}', 2)).toBe(true);
  });

  test('a body nested deeper than the limit is refused with 400 jsonTooDeep, a body at the limit is parsed', async () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    const refused = await s.call('POST', '/api/manager/login', { raw: deep });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({ code: 'jsonTooDeep', message: `JSON trop imbriqué : ${MAX_JSON_DEPTH} niveaux au plus.` });
    const atLimit = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    const parsed = await s.call('POST', '/api/manager/login', { raw: atLimit });
    expect(parsed.status).toBe(400);
    expect(parsed.json.error.code).toBe('invalidBody');
  });

  test('the probe: 5 million levels on the 64 MiB package route get the same refusal', async () => {
    const levels = 5_000_000;
    const refused = await s.call('POST', '/api/manager/packages', { token: manager, raw: '['.repeat(levels) + ']'.repeat(levels) });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('jsonTooDeep');
  });

  test('prototype poisoning is still removed (the schema then names the field)', async () => {
    const poisoned = await s.call('POST', '/api/manager/login', { raw: '{"__proto__":{"x":1},"password":"faux"}' });
    expect(poisoned.status).toBe(401);
    expect((await s.call('POST', '/api/manager/login', { raw: '{"password":' })).json.error.code).toBe('invalidJson');
  });
});
