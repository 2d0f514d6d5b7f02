/**
 * For tests: a real centre server (HTTPS on loopback, real SQLite file) with every route of the station, one session
 * with its packages and candidates, a logged-in invigilator and paired kiosks.
 */
import type { ContentPackage } from '../../../shared/formats/content-package';
import type { CandidateInput } from '../../../shared/formats/session';
import type { ProfilePackage } from '../../../shared/formats/profile-package';
import type { CentreServerConfig } from '../centre-server';
import { CANDIDATE_INPUT, SESSION_INPUT, startTestServer, type CallOptions, type TestResponse, type TestServer } from './test-server';
import { testContentPackage, testPupil, testProfilePackage } from './test-packages';

export interface Harness {
  t: TestServer;
  sessionId: number;
  sessionNumber: number;
  accessCode: string;
  invigilatorToken: string;
  managerToken: string;
  /** Candidate ids by last name. */
  candidates: Map<string, { id: number; input: CandidateInput }>;
  pairKiosk(name: string): Promise<string>;
  /** A new invigilator login (after the clock moved past the old one's expiry). */
  relogin(): Promise<void>;
  /** Every response a test made through `kiosk()` and `console()`, for the R-CHAL-3 search. */
  responses: TestResponse[];
  kiosk(method: string, path: string, kioskToken: string, entryToken?: string, body?: unknown, extra?: CallOptions): Promise<TestResponse>;
  console(method: string, path: string, body?: unknown): Promise<TestResponse>;
  checkIn(kioskToken: string, lastName: string, overrides?: Record<string, unknown>): Promise<TestResponse>;
  close(): Promise<void>;
}

/** The roster of the small package: certifiable pupils, one with extra time and an accessibility flag, one not certifiable. */
export const ROSTER: { input: CandidateInput; competences?: ('1.1' | '1.2' | '2.1' | '3.1' | '4.1')[] }[] = [
  { input: { ...CANDIDATE_INPUT, lastName: 'Dupont', firstName: 'Marie', externalId: 'INE-1' } as CandidateInput },
  { input: { ...CANDIDATE_INPUT, lastName: 'Lefèvre', firstName: 'Éloïse', birthDate: '2009-05-02', extraTimePercent: 30, accessibilityAdjustment: true } as CandidateInput },
  { input: { ...CANDIDATE_INPUT, lastName: 'Martin', firstName: 'Hugo', birthDate: '2010-01-20', externalId: 'INE-3' } as CandidateInput, competences: ['1.1', '1.2', '2.1'] },
  { input: { ...CANDIDATE_INPUT, lastName: 'Bernard', firstName: 'Léo', birthDate: '2010-06-30', externalId: 'INE-4' } as CandidateInput },
  { input: { ...CANDIDATE_INPUT, lastName: 'Petit', firstName: 'Zoé', birthDate: '2009-11-11' } as CandidateInput },
  { input: { ...CANDIDATE_INPUT, lastName: 'Roux', firstName: 'Adam', birthDate: '2010-02-14' } as CandidateInput },
  { input: { ...CANDIDATE_INPUT, lastName: 'Garnier', firstName: 'Lina', birthDate: '2009-07-07' } as CandidateInput },
];

export async function startHarness(options: { content?: ContentPackage; profiles?: ProfilePackage; roster?: CandidateInput[]; config?: CentreServerConfig; realClock?: boolean } = {}): Promise<Harness> {
  const t = await startTestServer(options.config, { realClock: options.realClock });
  const managerToken = await t.loginManager();
  const created = await t.call('POST', '/api/manager/sessions', { token: managerToken, body: SESSION_INPUT });
  if (created.status !== 201) throw new Error(`session : ${created.text}`);
  const sessionId = created.json.session.id as number;
  const sessionNumber = created.json.session.number as number;
  const accessCode = created.json.session.accessCode as string;

  const roster = options.roster ?? ROSTER.map((r) => r.input);
  const candidates = new Map<string, { id: number; input: CandidateInput }>();
  for (const input of roster) {
    const added = await t.call('POST', `/api/manager/sessions/${sessionId}/candidates`, { token: managerToken, body: input });
    if (added.status !== 201) throw new Error(`candidat : ${added.text}`);
    candidates.set(input.lastName, { id: added.json.candidate.id, input });
  }

  const content = options.content ?? testContentPackage();
  const profiles = options.profiles ?? testProfilePackage(ROSTER.map((r, i) =>
    testPupil(r.input.externalId ?? `autre-${i}`, r.input.lastName, r.input.firstName, r.input.birthDate, r.competences)));
  const packages = t.server.app.centre.packages;
  for (const [kind, pkg, version] of [['content', content, content.version], ['profile', profiles, profiles.generatedAt]] as const) {
    const saved = packages.savePackage({ kind, packageId: pkg.id, version, body: JSON.stringify(pkg), signature: Buffer.from('test'), signer: 'CN=Test' });
    const used = packages.useInSession(sessionId, saved.package.id);
    if (!used.ok) throw new Error(used.error.message);
  }

  const login = await t.call('POST', '/api/console/login', { body: { sessionNumber, password: created.json.invigilatorPassword } });
  if (login.status !== 200) throw new Error(`login surveillant : ${login.text}`);
  const invigilatorToken = login.json.token as string;
  const responses: TestResponse[] = [];

  const harness: Harness = {
    t, sessionId, sessionNumber, accessCode, invigilatorToken, managerToken, candidates, responses,
    async relogin() {
      const again = await t.call('POST', '/api/console/login', { body: { sessionNumber, password: created.json.invigilatorPassword } });
      if (again.status !== 200) throw new Error(`login surveillant : ${again.text}`);
      harness.invigilatorToken = again.json.token;
    },
    async pairKiosk(name) {
      const code = await t.call('POST', '/api/console/pairing-codes', { token: harness.invigilatorToken });
      const paired = await t.call('POST', '/api/kiosk/pair', { body: { code: code.json.code, name } });
      if (paired.status !== 201) throw new Error(`appairage : ${paired.text}`);
      return paired.json.deviceToken as string;
    },
    async kiosk(method, path, kioskToken, entryToken, body, extra = {}) {
      const headers = { ...extra.headers, ...(entryToken ? { 'x-passation-entry': entryToken } : {}) };
      const response = await t.call(method, path, { ...extra, token: kioskToken, headers, ...(body === undefined ? {} : { body }) });
      responses.push(response);
      return response;
    },
    async console(method, path, body) {
      const response = await t.call(method, `/api/console/sessions/${sessionId}${path}`, { token: harness.invigilatorToken, ...(body === undefined ? {} : { body }) });
      responses.push(response);
      return response;
    },
    checkIn(kioskToken, lastName, overrides = {}) {
      const candidate = candidates.get(lastName);
      if (!candidate) throw new Error(`candidat inconnu : ${lastName}`);
      return harness.kiosk('POST', '/api/kiosk/check-in', kioskToken, undefined, {
        sessionNumber, lastName: candidate.input.lastName, firstName: candidate.input.firstName, birthDate: candidate.input.birthDate,
        accessCode: accessCode.toLowerCase(), ...overrides,
      });
    },
    close: () => t.close(),
  };
  return harness;
}

/** Checks in, has the invigilator confirm presence and starts: the entry token and the delivered test. */
export async function enterTest(h: Harness, kioskToken: string, lastName: string): Promise<{ entry: string; test: TestResponse }> {
  const checkedIn = await h.checkIn(kioskToken, lastName);
  if (checkedIn.status !== 200) throw new Error(`check-in : ${checkedIn.text}`);
  const entry = checkedIn.json.entryToken as string;
  const confirmed = await h.console('POST', `/candidates/${h.candidates.get(lastName)!.id}/confirm-presence`);
  if (confirmed.status !== 200) throw new Error(`présence : ${confirmed.text}`);
  const test = await h.kiosk('POST', '/api/kiosk/start', kioskToken, entry);
  return { entry, test };
}
