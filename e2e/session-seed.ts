import https from 'node:https';
import type { CandidateInput } from '../shared/formats/session';
import { ROSTER } from '../electron/centre/testing/test-harness';
import { testContentPackage, testProfilePackage, testPupil } from '../electron/centre/testing/test-packages';
import { SESSION_INPUT } from '../electron/centre/testing/test-server';
import { TEST_STATION_TLS } from './station-tls';
import type { TestStation } from './station-fixture';

/**
 * A session ready for pupils on a test station, prepared as the centre manager does it: the manager's login, the
 * session and its roster through the real manager API (HTTPS, trusting only the station's certificate), the
 * invigilator's login through the console API. The two packages are stored through the station's package store,
 * as the test harness does (electron/centre/testing/test-harness.ts): a real import needs packages signed by the
 * authority, which no e2e test holds.
 */
export interface SeededSession {
  sessionId: number;
  sessionNumber: number;
  /** As the invigilator reads it out (upper case). */
  accessCode: string;
  candidates: Map<string, { id: number; input: CandidateInput }>;
  /** A console call as the session's invigilator: `path` after `/api/console/sessions/:id`. */
  // oxlint-disable-next-line typescript/no-explicit-any -- test assertions read any field (as the test harness does)
  console(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** A call as the centre manager (whole path). */
  // oxlint-disable-next-line typescript/no-explicit-any -- test assertions read any field (as the test harness does)
  manager(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** A fresh 6-digit pairing code from the console API. */
  pairingCode(): Promise<string>;
  /** What a station in another process hands its test (e2e/harness/station-process.ts): it rebuilds the calls. */
  seed: SeedFacts;
}

/** The plain facts of a seeded session (JSON), from which `sessionFromSeed` rebuilds the helpers. */
export interface SeedFacts {
  sessionId: number;
  sessionNumber: number;
  accessCode: string;
  candidates: [string, { id: number; input: CandidateInput }][];
  /** The manager's and the invigilator's bearer tokens (kept in the station's SQLite: they survive its restarts). */
  managerToken: string;
  invigilatorToken: string;
}

/** The manager's password of every e2e station (station-fixture.ts, harness/station-child.ts). */
export const MANAGER_PASSWORD = 'responsable-e2e';

/**
 * One HTTPS call to the test station as a script makes it (JSON in and out, a bearer token, extra headers such as a
 * kiosk's entry token), trusting the station's certificate only: the e2e tests' one way to reach the station's API.
 */
// oxlint-disable-next-line typescript/no-explicit-any -- test assertions read any field (as the test harness does)
export function stationCall(station: Pick<TestStation, 'url'>, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; json: any }> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    // The station's certificate is the only one trusted; it names no host, so only the name check is skipped.
    const request = https.request(`${station.url}${path}`, { method, headers, ca: TEST_STATION_TLS.certPem, checkServerIdentity: () => undefined, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, json: text === '' ? null : JSON.parse(text) });
      });
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

function expectStatus(answer: { status: number; json: unknown }, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what} : ${answer.status} ${JSON.stringify(answer.json)}`);
}

export async function seedSession(station: TestStation): Promise<SeededSession> {
  const login = await stationCall(station, 'POST', '/api/manager/login', { body: { password: MANAGER_PASSWORD } });
  expectStatus(login, 200, 'connexion du responsable');
  const manager = login.json.token as string;
  const created = await stationCall(station, 'POST', '/api/manager/sessions', { token: manager, body: SESSION_INPUT });
  expectStatus(created, 201, 'session');
  const sessionId = created.json.session.id as number;
  const sessionNumber = created.json.session.number as number;
  const candidates = new Map<string, { id: number; input: CandidateInput }>();
  for (const { input } of ROSTER) {
    const added = await stationCall(station, 'POST', `/api/manager/sessions/${sessionId}/candidates`, { token: manager, body: input });
    expectStatus(added, 201, `candidat ${input.lastName}`);
    candidates.set(input.lastName, { id: added.json.candidate.id as number, input });
  }
  const content = testContentPackage();
  const profiles = testProfilePackage(ROSTER.map((r, i) =>
    testPupil(r.input.externalId ?? `autre-${i}`, r.input.lastName, r.input.firstName, r.input.birthDate, r.competences)));
  const packages = station.server.app.centre.packages;
  for (const [kind, pkg, version] of [['content', content, content.version], ['profile', profiles, profiles.generatedAt]] as const) {
    const saved = packages.savePackage({ kind, packageId: pkg.id, version, body: JSON.stringify(pkg), signature: Buffer.from('test'), signer: 'CN=Test' });
    const used = packages.useInSession(sessionId, saved.package.id);
    if (!used.ok) throw new Error(used.error.message);
  }
  const invigilator = await stationCall(station, 'POST', '/api/console/login', { body: { sessionNumber, password: created.json.invigilatorPassword } });
  expectStatus(invigilator, 200, 'connexion du surveillant');
  return sessionFromSeed(station.url, {
    sessionId, sessionNumber, accessCode: String(created.json.session.accessCode).toUpperCase(), candidates: [...candidates],
    managerToken: manager, invigilatorToken: invigilator.json.token as string,
  });
}

/** The seeded session's helpers, for the station at `url` (this process's, or a child's that seeded itself). */
export function sessionFromSeed(url: string, seed: SeedFacts): SeededSession {
  const station = { url };
  const token = seed.invigilatorToken;
  return {
    sessionId: seed.sessionId, sessionNumber: seed.sessionNumber, accessCode: seed.accessCode, candidates: new Map(seed.candidates), seed,
    manager: (method, path, body) => stationCall(station, method, path, { token: seed.managerToken, body }),
    console: (method, path, body) => stationCall(station, method, `/api/console/sessions/${seed.sessionId}${path}`, { token, body }),
    async pairingCode() {
      const code = await stationCall(station, 'POST', '/api/console/pairing-codes', { token });
      expectStatus(code, 201, 'code d’appairage');
      return code.json.code as string;
    },
  };
}
