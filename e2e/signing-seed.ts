import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { CONTENT_FILE, PROFILES_FILE, ROSTER_FILE } from '../fixtures/paths';
import type { ContentPackage } from '../shared/formats/content-package';
import type { ProfilePackage } from '../shared/formats/profile-package';
import { rightAnswerFor, wrongAnswerFor } from '../shared/testing/simulated-answer';
import { DEMO_CENTRE, startDemoAuthority, type DemoAuthority } from '../scripts/demo-session/demo-authority';
import { demoRoster } from '../scripts/demo-session/demo-roster';
import { MANAGER_PASSWORD } from './session-seed';
import type { TestStation } from './station-fixture';
import { TEST_STATION_TLS } from './station-tls';

/**
 * Issue 10 §1 — a session sat and ready to finalise on a test station, with a REAL authority platform on loopback
 * (the platform's own commands: init, issue-centre, publish, serve — scripts/demo-session/demo-authority.ts), so
 * that the bundle the console signs is verified and rescored by the platform as in production. Everything goes
 * through the real HTTP APIs (the manager's, the kiosks', the console's), as `npm run demo:session` does; the
 * packages are downloaded from the platform (signed, verified against authority.pem). The platform's address is
 * NOT set: the test sets it (the console first says the manager must).
 */
export interface SigningSeed {
  authority: DemoAuthority;
  platformUrl: string;
  sessionId: number;
  sessionNumber: number;
  invigilatorPassword: string;
  pupils: { id: number; lastName: string; firstName: string }[];
  /** A call to the station (JSON or raw bytes back) as the manager, the invigilator or nobody. */
  station(method: string, urlPath: string, options?: { as?: 'manager' | 'invigilator'; body?: unknown }): Promise<Answer>;
  /** A call to the platform, trusting authority.pem only. */
  platform(urlPath: string): Promise<Answer>;
  /** R-FIN-1..3 through the console API: the session finalised (every test is finished), with this comment. */
  finalise(comment?: string): Promise<void>;
  importCentreKey(): Promise<void>;
  /** The manager sets the platform's address (default: the platform's own). */
  setPlatformUrl(url?: string): Promise<void>;
  close(): Promise<void>;
}

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; text: string;
  // oxlint-disable-next-line typescript/no-explicit-any -- test assertions read any field
  json: any }

function request(url: string, ca: string, method: string, token: string | undefined, body: unknown, checkName: boolean): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = {};
  if (payload) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method, headers, ca, agent: false,
      // The station's test certificate names no host (only its key is pinned); the platform's names 127.0.0.1.
      ...(checkName ? {} : { checkServerIdentity: () => undefined }),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        const text = buffer.toString('utf8');
        let json: unknown = null;
        try { json = text === '' ? null : JSON.parse(text); } catch { json = null; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buffer, text, json });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function expectStatus(step: string, answer: Answer, ...statuses: number[]): Answer {
  if (!statuses.includes(answer.status)) throw new Error(`${step} : ${answer.status} ${answer.text.slice(0, 400)}`);
  return answer;
}

/** What the seed may type differently (e2e/console-hostile-text.spec.ts puts markup and script in each). */
export interface SeedTexts {
  /** The i-th pupil's names as the roster file gives them (the profile stays theirs: matched by identifier). */
  names?: (i: number) => { lastName: string; firstName: string } | null;
  kioskName?: (i: number) => string;
  room?: string;
  invigilatorName?: string;
}

export async function seedSigningSession(station: TestStation, pupilCount = 3, texts: SeedTexts = {}): Promise<SigningSeed> {
  const content = JSON.parse(fs.readFileSync(CONTENT_FILE, 'utf8')) as ContentPackage;
  const profiles = JSON.parse(fs.readFileSync(PROFILES_FILE, 'utf8')) as ProfilePackage;
  const authority = await startDemoAuthority(path.join(station.dataDir, 'autorite-e2e'), { contentFile: CONTENT_FILE, profilesFile: PROFILES_FILE });
  fs.writeFileSync(path.join(station.dataDir, 'authority.pem'), authority.authorityPem);
  const ca = TEST_STATION_TLS.certPem;
  const tokens: { manager?: string; invigilator?: string } = {};
  const call = (method: string, urlPath: string, options: { as?: 'manager' | 'invigilator'; body?: unknown; token?: string } = {}) =>
    request(`${station.url}${urlPath}`, ca, method, options.token ?? (options.as ? tokens[options.as] : undefined), options.body, false);

  tokens.manager = expectStatus('connexion du responsable', await call('POST', '/api/manager/login', { body: { password: MANAGER_PASSWORD } }), 200).json.token;
  const today = new Date().toISOString().slice(0, 10);
  const created = expectStatus('session', await call('POST', '/api/manager/sessions', {
    as: 'manager', body: { centre: DEMO_CENTRE.name, siteAddress: '1 place de la République, Lyon', room: texts.room ?? 'Salle info 1', date: today, startTime: '09:00', invigilatorName: texts.invigilatorName ?? 'M. Surveillant' },
  }), 201).json;
  const sessionId = created.session.id as number;
  const sessionNumber = created.session.number as number;
  const accessCode = created.session.accessCode as string;
  const roster = demoRoster(fs.readFileSync(ROSTER_FILE, 'utf8'), profiles, pupilCount).split('\r\n').map((line, i) => {
    const renamed = i === 0 || line === '' ? null : texts.names?.(i - 1);
    return renamed ? [renamed.lastName, renamed.firstName, ...line.split(';').slice(2)].join(';') : line;
  }).join('\r\n');
  const imported = await new Promise<Answer>((resolve, reject) => {
    const req = https.request(`${station.url}/api/manager/sessions/${sessionId}/roster?fileName=eleves.csv`, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${tokens.manager}` }, ca, agent: false, checkServerIdentity: () => undefined,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { const b = Buffer.concat(chunks); resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b, text: b.toString('utf8'), json: JSON.parse(b.toString('utf8')) }); });
    });
    req.on('error', reject);
    req.end(Buffer.from(roster, 'utf8'));
  });
  const pupils = (expectStatus('liste des candidats', imported, 201).json.candidates as { id: number; lastName: string; firstName: string; birthDate: string }[]);

  // The packages the platform published, taken from it (`GET /api/packages/…`, as a USB key would carry them)
  // and imported as files by the manager (verified against authority.pem): the platform's address stays unset.
  const platformGet = (urlPath: string) => request(`${authority.serve.platform.url}${urlPath}`, authority.authorityPem, 'GET', undefined, undefined, true);
  const listed = expectStatus('paquets de la plateforme', await platformGet('/api/packages'), 200).json.packages as { kind: string; packageId: string; version: string }[];
  for (const pkg of listed) {
    const got = expectStatus(`paquet ${pkg.packageId}`, await platformGet(`/api/packages/${pkg.kind}/${encodeURIComponent(pkg.packageId)}/${encodeURIComponent(pkg.version)}`), 200).json;
    const saved = expectStatus(`import du paquet ${pkg.packageId}`, await call('POST', '/api/manager/packages', { as: 'manager', body: { package: got.document, signature: got.signature } }), 201, 200).json;
    expectStatus('paquets de la session', await call('PUT', `/api/manager/sessions/${sessionId}/packages`, { as: 'manager', body: { packageId: saved.package.id } }), 200);
  }

  tokens.invigilator = expectStatus('connexion du surveillant', await call('POST', '/api/console/login', { body: { sessionNumber, password: created.invigilatorPassword } }), 200).json.token;
  const S = `/api/console/sessions/${sessionId}`;
  const byId = new Map(content.challenges.map((ch) => [ch.id, ch]));
  for (const [i, pupil] of pupils.entries()) {
    const code = expectStatus('code d’appairage', await call('POST', '/api/console/pairing-codes', { as: 'invigilator' }), 201).json.code as string;
    const device = expectStatus('appairage', await call('POST', '/api/kiosk/pair', { body: { code, name: texts.kioskName?.(i) ?? `Poste ${i + 1}` } }), 201).json.deviceToken as string;
    const entry = expectStatus(`identification de ${pupil.lastName}`, await call('POST', '/api/kiosk/check-in', {
      token: device, body: { sessionNumber, lastName: pupil.lastName, firstName: pupil.firstName, birthDate: pupil.birthDate, accessCode },
    }), 200).json.entryToken as string;
    expectStatus('présence', await call('POST', `${S}/candidates/${pupil.id}/confirm-presence`, { as: 'invigilator' }), 200);
    const kiosk = (method: string, urlPath: string, body: unknown) => new Promise<Answer>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const req = https.request(`${station.url}${urlPath}`, {
        method, headers: { 'content-type': 'application/json', authorization: `Bearer ${device}`, 'x-passation-entry': entry }, ca, agent: false, checkServerIdentity: () => undefined,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => { const b = Buffer.concat(chunks); resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b, text: b.toString('utf8'), json: JSON.parse(b.toString('utf8') || 'null') }); });
      });
      req.on('error', reject);
      req.end(payload);
    });
    const test = expectStatus('début du test', await kiosk('POST', '/api/kiosk/start', {}), 200).json;
    for (const [q, { challengeId }] of (test.challenges as { challengeId: string }[]).entries()) {
      const challenge = byId.get(challengeId)!;
      const wrong = q === (i * 5 + 2) % test.challenges.length;
      expectStatus('réponse', await kiosk('POST', '/api/kiosk/answers', {
        challengeId, answer: wrong ? wrongAnswerFor(challenge) : rightAnswerFor(challenge), clientAnswerId: `e2e-${i}-${q}`, elapsedMs: 15_000 + q * 500, timedOut: false, focusLost: false,
      }), 200);
    }
  }

  return {
    authority, platformUrl: authority.serve.platform.url, sessionId, sessionNumber, invigilatorPassword: created.invigilatorPassword as string,
    pupils: pupils.map(({ id, lastName, firstName }) => ({ id, lastName, firstName })),
    station: call,
    platform: platformGet,
    async finalise(comment = 'Session sans incident.') {
      expectStatus('finalisation', await call('POST', `${S}/finalisation`, {
        as: 'invigilator', body: { incidentDuringSession: false, joiningIssue: false, globalComment: comment, candidates: [] },
      }), 200);
    },
    async importCentreKey() {
      expectStatus('clé du centre', await call('POST', '/api/manager/centre-key', { as: 'manager', body: { pkcs12: authority.pkcs12.toString('base64'), password: authority.pkcs12Password } }), 201);
    },
    async setPlatformUrl(url = authority.serve.platform.url) {
      expectStatus('adresse de la plateforme', await call('PUT', '/api/manager/platform', { as: 'manager', body: { platformUrl: url } }), 200);
    },
    close: () => authority.serve.close(),
  };
}
