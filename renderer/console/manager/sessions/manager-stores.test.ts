import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTrusting } from '../../../../electron/centre/testing/fetch-trusting';
import { startTestServer, TEST_MANAGER_PASSWORD, type TestServer } from '../../../../electron/centre/testing/test-server';
import { createApiClient, type ApiClient } from '../../../ui/api-client';
import { createCandidatesStore, type RosterFile } from './candidates-store';
import { createManagerLoginStore } from './manager-login-store';
import { createSessionPageStore } from './session-page-store';
import { createSessionsListStore } from './sessions-list-store';

// The manager's stores against a REAL centre server (HTTPS on loopback, SQLite file): what the pages show is what
// the station answered. Node's fetch keeps no cookie, so the client sends the manager's token as the page's cookie would.

let t: TestServer;
let client: ApiClient;
const noLoginEnd = () => false;

const file = (name: string, text: string): RosterFile => {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.buffer.slice(0) as ArrayBuffer };
};

beforeAll(async () => {
  t = await startTestServer();
  const token = await t.loginManager();
  client = createApiClient({ baseUrl: t.server.url, fetch: fetchTrusting(t.tls.certPem), headers: () => ({ authorization: `Bearer ${token}` }) });
});
afterAll(async () => { await t.close(); });

async function createSession(room: string): Promise<{ id: number; password: string }> {
  const list = createSessionsListStore(client, noLoginEnd);
  await list.getState().load();
  list.getState().startCreating();
  const editor = list.getState().creating!;
  for (const [field, value] of [['centre', 'Collège'], ['siteAddress', '1 rue des Lilas'], ['room', room], ['date', '2026-03-14'], ['startTime', '09:00'], ['invigilatorName', 'M. Martin']] as const) {
    editor.getState().edit(field, value);
  }
  expect(await editor.getState().submit()).toBe(true);
  const created = list.getState().created!;
  return { id: created.session.id, password: created.invigilatorPassword };
}

describe('the manager’s stores against a real station', () => {
  it('the login: a wrong password refused, the right one lets in; without a login the gate shows the form', async () => {
    const anonymous = createApiClient({ baseUrl: t.server.url, fetch: fetchTrusting(t.tls.certPem) });
    const gate = createManagerLoginStore(anonymous);
    await gate.getState().boot();
    expect(gate.getState().screen).toEqual({ name: 'login' });
    gate.getState().edit('mauvais');
    await gate.getState().submit();
    expect(gate.getState().status).toMatchObject({ kind: 'refused', refusal: { key: 'manager.wrongPassword' } });
    expect(gate.getState().fields.password).toBe('');
    gate.getState().edit(TEST_MANAGER_PASSWORD);
    await gate.getState().submit();
    expect(gate.getState().screen).toEqual({ name: 'in' });
  });

  it('creates a session (its password once), refuses the duplicate naming the other, lists it with its candidates', async () => {
    const first = await createSession('B12');
    expect(first.password).toMatch(/^[A-Z0-9]{6,}$/);
    const list = createSessionsListStore(client, noLoginEnd);
    await list.getState().load();
    list.getState().startCreating();
    const editor = list.getState().creating!;
    for (const [field, value] of [['room', 'b 12'], ['date', '2026-03-14'], ['startTime', '09:00'], ['invigilatorName', 'Mme Roux']] as const) editor.getState().edit(field, value);
    editor.getState().edit('siteAddress', '1 RUE DES LILAS');
    expect(await editor.getState().submit()).toBe(false);
    const number = t.server.app.centre.sessions.getSession(first.id)!.number;
    expect(editor.getState().status).toMatchObject({ kind: 'refused', refusal: { key: 'sessions.duplicateNamed', params: { number } } });
    expect(t.server.app.centre.sessions.listSessions()).toHaveLength(1);
    const loaded = list.getState().list;
    expect(loaded.kind === 'loaded' ? loaded.candidates[first.id] : null).toBe(0);
  });

  it('a bad roster: every bad row, nothing imported; a good one: the count, the list re-read', async () => {
    const { id } = await createSession('C3');
    const store = createCandidatesStore(client, id, noLoginEnd);
    await store.getState().load();
    const header = 'Nom;Prénom;Sexe;Date de naissance;Code INSEE';
    await store.getState().importRoster(file('faux.csv', [header, 'Martin;Léa;F;14/03/2010;75115', 'Roux;Jade;X;09/09/2010;75115', 'Petit;Noah;M;05/05/2010;123', 'Blanc;Tom;M;31/02/2010;75115'].join('\n')));
    const roster = store.getState().roster;
    expect(roster.kind).toBe('badRows');
    if (roster.kind !== 'badRows') return;
    expect(roster.rows.map((r) => [r.line, r.column])).toEqual([[3, 'Sexe'], [4, 'Code INSEE'], [5, 'Date de naissance']]);
    expect(roster.rows.every((r) => r.reason.length > 0)).toBe(true);
    expect(t.server.app.centre.sessions.listCandidates(id)).toEqual([]);

    await store.getState().importRoster(file('bon.csv', [header, 'Martin;Léa;F;14/03/2010;75115', 'Roux;Jade;F;09/09/2010;75115'].join('\n')));
    expect(store.getState().roster).toEqual({ kind: 'imported', fileName: 'bon.csv', count: 2 });
    const list = store.getState().list;
    expect(list.kind === 'loaded' ? list.candidates.map((c) => c.lastName) : []).toEqual(['Martin', 'Roux']);
    expect(t.server.app.centre.sessions.listCandidates(id)).toHaveLength(2);

    // The same file again: the same pupils twice are refused as a whole, nothing added.
    await store.getState().importRoster(file('bon.csv', [header, 'Martin;Léa;F;14/03/2010;75115'].join('\n')));
    expect(store.getState().roster.kind).not.toBe('imported');
    expect(t.server.app.centre.sessions.listCandidates(id)).toHaveLength(2);
  });

  it('a new invigilator password works at the console and the old one no longer does; a deleted session is gone', async () => {
    const { id, password } = await createSession('D4');
    const page = createSessionPageStore(client, id, noLoginEnd);
    await page.getState().load();
    await page.getState().newPassword();
    const shown = page.getState().password;
    expect(shown.kind).toBe('shown');
    if (shown.kind !== 'shown') return;
    const sessionNumber = t.server.app.centre.sessions.getSession(id)!.number;
    expect((await t.call('POST', '/api/console/login', { body: { sessionNumber, password: shown.password } })).status).toBe(200);
    expect((await t.call('POST', '/api/console/login', { body: { sessionNumber, password } })).status).toBe(401);
    expect(await page.getState().confirmDelete()).toBe(true);
    expect(t.server.app.centre.sessions.getSession(id)).toBeNull();
  });

  // Last: it ends every other manager login, this test's token included.
  it('the password change: a wrong current one named on its field, then changed, the old login ended', async () => {
    const gate = createManagerLoginStore(client);
    await gate.getState().boot();
    gate.getState().openPasswordChange(true);
    const type = (current: string, next: string) => {
      gate.getState().editPasswordChange('currentPassword', current);
      gate.getState().editPasswordChange('newPassword', next);
      gate.getState().editPasswordChange('confirmation', next);
    };
    type('pas-le-bon', 'un-nouveau-mot-de-passe');
    await gate.getState().submitPasswordChange();
    expect(gate.getState().passwordChange.status).toEqual({ kind: 'refused', field: 'currentPassword', refusal: { key: 'manager.currentWrong' } });
    expect(gate.getState().screen).toEqual({ name: 'in' });
    type(TEST_MANAGER_PASSWORD, 'un-nouveau-mot-de-passe');
    await gate.getState().submitPasswordChange();
    expect(gate.getState().passwordChange.done).toBe(true);
    expect((await t.call('POST', '/api/manager/login', { body: { password: 'un-nouveau-mot-de-passe' } })).status).toBe(200);
    // This client's token was one of the other logins: its next call brings the form back, saying why.
    await gate.getState().recheck();
    expect([gate.getState().screen, gate.getState().ended]).toEqual([{ name: 'login' }, true]);
  });
});
