import crypto from 'node:crypto';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTESTATION_HEADER, ATTESTATION_MAX_SKEW_MS } from '../../../shared/formats/kiosk-attestation';
// The shell's own module computes every header here (issue 8 §5: the station verifies what the shell signs).
import { attestationHeader, deviceKey } from '../../kiosk/attestation';
import { stationRequestHeaders } from '../../kiosk/station-headers';
import { startTestServer, type TestServer } from '../testing/test-server';
import { parseKioskBuilds } from './attestation-verdict';

/**
 * Issue 8 §5, kiosk-lockdown §2 — the station enforces the kiosk shell's attestation, over the real HTTPS server
 * (real SQLite, the headers computed by electron/kiosk/attestation.ts as the shell does on each request).
 */
const hex = (label: string) => crypto.createHash('sha256').update(label).digest('hex');
const PAIRED_BUILD = hex('build 1.4.0 (appairage)');
const LISTED_BUILD = hex('build 1.5.0 (kiosk-builds.txt)');
const OTHER_BUILD = hex('build patchée');
const CONFIG = hex('config du poste 07');
const OTHER_CONFIG = hex('config modifiée');

let s: TestServer;
let token: string;
let kioskId: number;

function header(method: string, path: string, options: { key?: Buffer; at?: number; build?: string; config?: string } = {}): string {
  const value = attestationHeader({
    method, url: `${s.server.url}${path}`, timestampMs: options.at ?? s.now(), deviceKey: options.key ?? deviceKey(token),
    buildHash: options.build ?? PAIRED_BUILD, configHash: options.config ?? CONFIG,
  });
  if (value === null) throw new Error('URL illisible');
  return value;
}

async function pair(shell?: { buildHash: string; configHash: string }): Promise<{ kioskId: number; deviceToken: string }> {
  const manager = await s.loginManager();
  const code = await s.call('POST', '/api/console/pairing-codes', { token: manager });
  const paired = await s.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: `Poste ${code.json.code}`, ...(shell ? { shell } : {}) } });
  expect(paired.status).toBe(201);
  return paired.json;
}

const me = (options: { token?: string; header?: string } = {}) =>
  s.call('GET', '/api/kiosk/me', { token: options.token ?? token, headers: options.header === undefined ? {} : { [ATTESTATION_HEADER]: options.header } });

function upgrade(headers: Record<string, string>): Promise<{ opened: true; hello: unknown } | { opened: false; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${s.server.url.replace(/^https/, 'wss')}/api/kiosk/live`, { ca: s.tls.certPem, headers });
    ws.once('message', (data) => { resolve({ opened: true, hello: JSON.parse(String(data)) }); ws.close(); });
    ws.once('unexpected-response', (request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => { request.destroy(); resolve({ opened: false, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }); });
    });
    ws.once('error', reject);
  });
}

beforeAll(async () => {
  // The property below sends a few hundred requests from one kiosk: its request budget is raised.
  s = await startTestServer({ kioskAttestation: { mode: 'enforced', acceptedBuildHashes: [LISTED_BUILD] }, rateLimits: { kioskRequests: { burst: 10_000, perSecond: 10_000 } } });
  ({ kioskId, deviceToken: token } = await pair({ buildHash: PAIRED_BUILD, configHash: CONFIG }));
});
afterAll(async () => { await s.close(); });

describe('enforced: the paired shell’s header is accepted, anything else refused', () => {
  it('no header → 403 attestationMissing on every candidate route (pairing, public, needs none: beforeAll paired)', async () => {
    const routes = s.server.app.centreInternals.routes.filter((r) => r.auth === 'kiosk' && !r.websocket);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    for (const route of routes) {
      const answer = await s.call(route.method, route.url.replace(':assetId', 'a'), { token, body: route.method === 'GET' ? undefined : {} });
      expect([route.url, answer.status, answer.json?.error?.code, answer.json?.error?.field]).toEqual([route.url, 403, 'attestationMissing', ATTESTATION_HEADER]);
    }
  });

  it('a header from the shell’s module → accepted; the same for the build listed in kiosk-builds.txt', async () => {
    const accepted = await me({ header: header('GET', '/api/kiosk/me') });
    expect([accepted.status, accepted.json]).toEqual([200, { kioskId, name: expect.any(String) }]);
    expect((await me({ header: header('GET', '/api/kiosk/me', { build: LISTED_BUILD }) })).status).toBe(200);
    // A query string is part of what is signed.
    const events = await s.call('GET', '/api/kiosk/me?x=1', { token, headers: { [ATTESTATION_HEADER]: header('GET', '/api/kiosk/me?x=1') } });
    expect(events.status).toBe(200);
  });

  it('wrong key, other target, other method → attestationInvalid; stale or early time → attestationExpired', async () => {
    const cases: [string, string, string][] = [
      ['wrong key', header('GET', '/api/kiosk/me', { key: deviceKey('pk_un_autre_jeton_de_poste_0000') }), 'attestationInvalid'],
      ['other target', header('GET', '/api/kiosk/state'), 'attestationInvalid'],
      ['other query', header('GET', '/api/kiosk/me?x=2'), 'attestationInvalid'],
      ['other method', header('POST', '/api/kiosk/me'), 'attestationInvalid'],
      ['malformed', 'v1;t=1;b=zz;c=zz;m=zz', 'attestationInvalid'],
      ['stale', header('GET', '/api/kiosk/me', { at: s.now() - ATTESTATION_MAX_SKEW_MS - 1000 }), 'attestationExpired'],
      ['early', header('GET', '/api/kiosk/me', { at: s.now() + ATTESTATION_MAX_SKEW_MS + 1000 }), 'attestationExpired'],
    ];
    for (const [what, value, code] of cases) {
      const answer = await me({ header: value });
      expect([what, answer.status, answer.json.error.code]).toEqual([what, 403, code]);
    }
    const stale = await me({ header: header('GET', '/api/kiosk/me', { at: s.now() - 7 * 60_000 }) });
    expect(stale.json.error.message).toBe('Requête refusée : l’horloge du poste retarde de 7 min sur celle du poste du surveillant (5 min au plus).');
    // Within the window either side: accepted.
    expect((await me({ header: header('GET', '/api/kiosk/me', { at: s.now() - ATTESTATION_MAX_SKEW_MS + 1000 }) })).status).toBe(200);
    expect((await me({ header: header('GET', '/api/kiosk/me', { at: s.now() + ATTESTATION_MAX_SKEW_MS - 1000 }) })).status).toBe(200);
  });

  it('other build → attestationUnknownBuild; other config → attestationConfigChanged', async () => {
    const build = await me({ header: header('GET', '/api/kiosk/me', { build: OTHER_BUILD }) });
    expect([build.status, build.json.error.code]).toEqual([403, 'attestationUnknownBuild']);
    expect(build.json.error.message).toContain(OTHER_BUILD.slice(0, 12));
    const config = await me({ header: header('GET', '/api/kiosk/me', { config: OTHER_CONFIG }) });
    expect([config.status, config.json.error.code]).toEqual([403, 'attestationConfigChanged']);
  });

  it('the kiosk WebSocket: refused before the upgrade without the header, opened with it', async () => {
    const refused = await upgrade({ authorization: `Bearer ${token}` });
    expect(refused).toMatchObject({ opened: false, status: 403 });
    expect(JSON.parse((refused as { body: string }).body).error.code).toBe('attestationMissing');
    const opened = await upgrade({ authorization: `Bearer ${token}`, [ATTESTATION_HEADER]: header('GET', '/api/kiosk/live') });
    expect(opened).toEqual({ opened: true, hello: { type: 'hello', role: 'kiosk', kioskId } });
    // Exactly what the shell's webRequest hook adds to the wss:// handshake (station-headers.ts), replacing the page's.
    const shellHeaders = stationRequestHeaders(
      { url: `${s.server.url.replace(/^https/, 'wss')}/api/kiosk/live`, method: 'GET', requestHeaders: { Authorization: 'Bearer forgé-par-la-page', [ATTESTATION_HEADER]: 'v1;forgé' } },
      { stationOrigin: s.server.url, deviceToken: token, deviceKey: deviceKey(token), buildHash: PAIRED_BUILD, configHash: CONFIG }, s.now());
    expect(await upgrade(shellHeaders)).toEqual({ opened: true, hello: { type: 'hello', role: 'kiosk', kioskId } });
  });

  it('a kiosk paired by hand (no shell hashes): its first valid request with a listed build binds its config', async () => {
    const byHand = await pair();
    const sign = (build: string, config: string) => attestationHeader({
      method: 'GET', url: `${s.server.url}/api/kiosk/me`, timestampMs: s.now(), deviceKey: deviceKey(byHand.deviceToken), buildHash: build, configHash: config,
    })!;
    // No build recorded for it: only the listed one is accepted (the paired kiosk's build is not its own).
    expect((await me({ token: byHand.deviceToken, header: sign(PAIRED_BUILD, CONFIG) })).json.error.code).toBe('attestationUnknownBuild');
    expect((await me({ token: byHand.deviceToken, header: sign(LISTED_BUILD, OTHER_CONFIG) })).status).toBe(200);
    expect((await me({ token: byHand.deviceToken, header: sign(LISTED_BUILD, CONFIG) })).json.error.code).toBe('attestationConfigChanged');
    const row = s.db.prepare('SELECT build_hash, config_hash, recorded_by FROM kiosk_shells WHERE kiosk_id = ?').get(byHand.kioskId);
    expect(row).toEqual({ build_hash: LISTED_BUILD, config_hash: OTHER_CONFIG, recorded_by: 'firstRequest' });
  });

  it('property: any mutation of a valid header is refused with an attestation code', async () => {
    const valid = header('GET', '/api/kiosk/me');
    const alphabet = '0123456789abcdefABCDEF-_;=tvmbc';
    const mutation = fc.oneof(
      // One character replaced by another.
      fc.tuple(fc.nat(valid.length - 1), fc.constantFrom(...alphabet)).filter(([i, c]) => valid[i] !== c)
        .map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1)),
      // One character removed, or one inserted.
      fc.nat(valid.length - 1).map((i) => valid.slice(0, i) + valid.slice(i + 1)),
      fc.tuple(fc.nat(valid.length), fc.constantFrom(...alphabet)).map(([i, c]) => valid.slice(0, i) + c + valid.slice(i)),
      // The time moved by a little (inside the window: only the MAC catches it).
      fc.integer({ min: -60_000, max: 60_000 }).filter((d) => d !== 0).map((d) => valid.replace(/t=(\d+)/, (_m, t: string) => `t=${Number(t) + d}`)),
      // Two fields swapped, or a field duplicated.
      fc.constant(valid.replace(/b=([0-9a-f]+);c=([0-9a-f]+)/, 'b=$2;c=$1')),
      fc.constant(`${valid};m=${valid.split('m=')[1]}`),
    );
    await fc.assert(fc.asyncProperty(mutation, async (mutated) => {
      fc.pre(mutated !== valid);
      const answer = await me({ header: mutated });
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toMatch(/^attestation(Invalid|Missing|Expired|UnknownBuild|ConfigChanged)$/);
    }), { numRuns: 150 });
  });
});

describe('demo mode', () => {
  it('accepts kiosk routes without the header (npm start, the e2e tests: the page shows its demo banner)', async () => {
    const demo = await startTestServer({ kioskAttestation: { mode: 'demo' } });
    try {
      const manager = await demo.loginManager();
      const code = await demo.call('POST', '/api/console/pairing-codes', { token: manager });
      const paired = await demo.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name: 'Démo' } });
      expect((await demo.call('GET', '/api/kiosk/me', { token: paired.json.deviceToken })).status).toBe(200);
    } finally {
      await demo.close();
    }
  });
});

describe('kiosk-builds.txt', () => {
  it('one hash a line, comments and blank lines ignored; a bad line refused with its number', () => {
    expect(parseKioskBuilds(`# version 1.5.0\n${LISTED_BUILD}\n\n${PAIRED_BUILD}  # 1.4.0\r\n`, 'kiosk-builds.txt')).toEqual({ ok: true, value: [LISTED_BUILD, PAIRED_BUILD] });
    expect(parseKioskBuilds(`${LISTED_BUILD}\n${LISTED_BUILD.toUpperCase()}\n`, 'kiosk-builds.txt')).toEqual({
      ok: false, error: `kiosk-builds.txt, ligne 2 : empreinte SHA-256 attendue (64 caractères hexadécimaux minuscules), reçu « ${LISTED_BUILD.toUpperCase()} »`,
    });
  });
});
