import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, verifyChain } from '../audit/event-chain';
import { createAuthority, issueSigningCertificate } from '../pki/certificates';
import { signDetached } from '../pki/cms-sign';
import { CANDIDATE_INPUT, SESSION_INPUT, startTestServer, type TestServer } from '../testing/test-server';

const FIXTURES = path.join(__dirname, '../../../fixtures');
const contentBytes = fs.readFileSync(path.join(FIXTURES, 'content/content-package.json'));
const profileBytes = fs.readFileSync(path.join(FIXTURES, 'profiles/profile-package.json'));
const rosterBytes = fs.readFileSync(path.join(FIXTURES, 'roster/roster.csv'));

let t: TestServer;
let manager: string;
let sessionId: number;
const authority = createAuthority({ commonName: 'Autorité de test', validDays: 30 });
const signer = { ...issueSigningCertificate(authority, { organisation: 'Autorité de test', commonName: 'Paquets', validDays: 30 }), chainPems: [authority.certPem] };

const upload = (body: Buffer, signature: Buffer) => ({ package: body.toString('base64'), signature: signature.toString('base64') });

beforeAll(async () => {
  t = await startTestServer();
  manager = await t.loginManager();
  sessionId = (await t.call('POST', '/api/manager/sessions', { body: SESSION_INPUT, token: manager })).json.session.id;
});
afterAll(async () => { await t.close(); });

describe('sessions (R-SESS-1)', () => {
  it('create returns the session with its number and access code, and the invigilator password once', async () => {
    const created = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'A1', description: 'Matin' }, token: manager });
    expect(created.status).toBe(201);
    expect(created.json.session).toMatchObject({ number: 2, room: 'A1', maxLevel: 5, locale: 'fr', status: 'created', description: 'Matin' });
    expect(created.json.session.accessCode).toMatch(/^[BCDFGHJKMPQRTVWXY]{4}[2346789]{2}$/); // R-SESS-2
    expect(created.json.invigilatorPassword).toMatch(/^[2346789BCDFGHJKMPQRTVWXY]{8}$/);
    const read = await t.call('GET', `/api/manager/sessions/${created.json.session.id}`, { token: manager });
    expect(read.json.session).toEqual(created.json.session);
    expect(read.text).not.toContain(created.json.invigilatorPassword);
    const list = await t.call('GET', '/api/manager/sessions', { token: manager });
    expect(list.json.sessions.map((s: { number: number }) => s.number)).toEqual([1, 2]);
  });

  it('R-SESS-1: the same site, room, date and time twice → 409 naming the other session', async () => {
    const twin = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'b 12' }, token: manager });
    expect(twin.status).toBe(409);
    expect(twin.json.error.code).toBe('duplicateSession');
    expect(twin.json.error.message).toContain('La session n° 1');
  });

  it('edit, then delete; unknown ids → 404', async () => {
    const created = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'D4' }, token: manager });
    const id = created.json.session.id;
    const edited = await t.call('PUT', `/api/manager/sessions/${id}`, { body: { ...SESSION_INPUT, room: 'D5', startTime: '14:00' }, token: manager });
    expect(edited.status).toBe(200);
    expect(edited.json.session).toMatchObject({ room: 'D5', startTime: '14:00', number: created.json.session.number });
    expect((await t.call('DELETE', `/api/manager/sessions/${id}`, { token: manager })).status).toBe(204);
    expect((await t.call('GET', `/api/manager/sessions/${id}`, { token: manager })).status).toBe(404);
    expect((await t.call('DELETE', `/api/manager/sessions/${id}`, { token: manager })).status).toBe(404);
    expect((await t.call('GET', '/api/manager/sessions/0', { token: manager })).status).toBe(404);
    expect((await t.call('PUT', '/api/manager/sessions/999', { body: SESSION_INPUT, token: manager })).status).toBe(404);
  });

  it('a session or a candidate with audit events cannot be deleted (409 inUse): the log stays whole', async () => {
    const created = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'Audit' }, token: manager });
    const id = created.json.session.id;
    const candidate = await t.call('POST', `/api/manager/sessions/${id}/candidates`, { body: CANDIDATE_INPUT, token: manager });
    appendEvent(t.db, id, { kind: 'checkIn', candidateId: candidate.json.candidate.id });
    const deleteCandidate = await t.call('DELETE', `/api/manager/candidates/${candidate.json.candidate.id}`, { token: manager });
    expect(deleteCandidate.status).toBe(409);
    expect(deleteCandidate.json.error.code).toBe('inUse');
    const deleteSession = await t.call('DELETE', `/api/manager/sessions/${id}`, { token: manager });
    expect(deleteSession.status).toBe(409);
    expect(verifyChain(t.db, id)).toMatchObject({ ok: true, count: 1 });
  });
});

describe('candidates (R-SESS-3)', () => {
  it('add, read, edit, list, delete', async () => {
    const added = await t.call('POST', `/api/manager/sessions/${sessionId}/candidates`, { body: CANDIDATE_INPUT, token: manager });
    expect(added.status).toBe(201);
    expect(added.json.candidate).toMatchObject({ lastName: 'Dupont', extraTimePercent: 0, accessibilityAdjustment: false, sessionId });
    const id = added.json.candidate.id;
    const edited = await t.call('PUT', `/api/manager/candidates/${id}`, { body: { ...CANDIDATE_INPUT, extraTimePercent: 33.5 }, token: manager });
    expect(edited.json.candidate.extraTimePercent).toBe(33.5);
    expect((await t.call('GET', `/api/manager/candidates/${id}`, { token: manager })).json.candidate.extraTimePercent).toBe(33.5);
    expect((await t.call('GET', `/api/manager/sessions/${sessionId}/candidates`, { token: manager })).json.candidates).toHaveLength(1);
    expect((await t.call('DELETE', `/api/manager/candidates/${id}`, { token: manager })).status).toBe(204);
    expect((await t.call('GET', `/api/manager/candidates/${id}`, { token: manager })).status).toBe(404);
  });

  it('the same person twice → 409; a bad nested field → 400 naming its path; extra time ≥ 1000 % refused', async () => {
    await t.call('POST', `/api/manager/sessions/${sessionId}/candidates`, { body: CANDIDATE_INPUT, token: manager });
    const twin = await t.call('POST', `/api/manager/sessions/${sessionId}/candidates`, { body: { ...CANDIDATE_INPUT, lastName: 'DUPONT', firstName: 'marie' }, token: manager });
    expect(twin.status).toBe(409);
    expect(twin.json.error.code).toBe('duplicateCandidate');
    const badPlace = await t.call('POST', `/api/manager/sessions/${sessionId}/candidates`, { body: { ...CANDIDATE_INPUT, birthplace: { kind: 'insee', code: '123' } }, token: manager });
    expect(badPlace.status).toBe(400);
    expect(badPlace.json.error.field).toBe('birthplace.code');
    const extra = await t.call('POST', `/api/manager/sessions/${sessionId}/candidates`, { body: { ...CANDIDATE_INPUT, firstName: 'Paul', extraTimePercent: 1000 }, token: manager });
    expect(extra.json.error).toMatchObject({ field: 'extraTimePercent', message: 'Champ « extraTimePercent » invalide : le temps majoré doit être inférieur à 1000 %.' });
    const noSession = await t.call('POST', '/api/manager/sessions/999/candidates', { body: { ...CANDIDATE_INPUT, firstName: 'Paul' }, token: manager });
    expect(noSession.status).toBe(404);
  });
});

describe('roster import (R-SESS-3: CSV or ODS, all or nothing)', () => {
  it('imports the fixture roster sent as a raw body with its file name', async () => {
    const session = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'Roster' }, token: manager });
    const id = session.json.session.id;
    const answer = await t.call('POST', `/api/manager/sessions/${id}/roster?fileName=${encodeURIComponent('élèves 3e.csv')}`, { raw: rosterBytes, contentType: 'text/csv', token: manager });
    expect(answer.status).toBe(201);
    expect(answer.json.count).toBe(32);
    expect(answer.json.candidates[0]).toMatchObject({ sessionId: id });
    const again = await t.call('POST', `/api/manager/sessions/${id}/roster?fileName=eleves.csv`, { raw: rosterBytes, contentType: 'text/csv', token: manager });
    expect(again.status).toBe(422);
    // Each row twice over: the same person and the same pupil id are already in the session.
    expect(again.json.error.errors).toHaveLength(64);
    expect(again.json.error.errors[0]).toMatchObject({ line: 2, column: 'Nom', message: expect.stringMatching(/^déjà inscrit\(e\) dans la session/) });
    expect((await t.call('GET', `/api/manager/sessions/${id}/candidates`, { token: manager })).json.candidates).toHaveLength(32);
  });

  it('a bad row refuses the whole file: every error has line, column and a French reason; nothing is imported', async () => {
    const session = await t.call('POST', '/api/manager/sessions', { body: { ...SESSION_INPUT, room: 'Roster 2' }, token: manager });
    const id = session.json.session.id;
    const csv = 'Nom;Prénom;Sexe;Date de naissance;Code INSEE\nMartin;Léa;F;14/03/2010;75115\nBernard;Hugo;X;02/11/2009;69123\n';
    const answer = await t.call('POST', `/api/manager/sessions/${id}/roster?fileName=eleves.csv`, { raw: csv, contentType: 'text/csv', token: manager });
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('rosterRefused');
    expect(answer.json.error.message).toBe('Liste « eleves.csv » refusée : 1 erreur(s), aucun candidat importé.');
    expect(answer.json.error.errors).toEqual([{ line: 3, column: 'Sexe', message: expect.any(String) }]);
    expect((await t.call('GET', `/api/manager/sessions/${id}/candidates`, { token: manager })).json.candidates).toEqual([]);
  });

  it('refuses a missing file name (400 naming fileName), a JSON body (415), an unknown session (404), a file over 10 MiB (413)', async () => {
    const noName = await t.call('POST', `/api/manager/sessions/${sessionId}/roster`, { raw: rosterBytes, contentType: 'text/csv', token: manager });
    expect(noName.status).toBe(400);
    expect(noName.json.error.field).toBe('fileName');
    const json = await t.call('POST', `/api/manager/sessions/${sessionId}/roster?fileName=a.csv`, { body: { rows: [] }, token: manager });
    expect(json.status).toBe(415);
    const unknown = await t.call('POST', '/api/manager/sessions/999/roster?fileName=a.csv', { raw: rosterBytes, contentType: 'text/csv', token: manager });
    expect(unknown.status).toBe(404);
    const huge = await t.call('POST', `/api/manager/sessions/${sessionId}/roster?fileName=a.csv`, { raw: Buffer.alloc(10 * 1024 * 1024 + 2048, 0x41), contentType: 'text/csv', token: manager });
    expect(huge.status).toBe(413);
  });
});

describe('signed packages (architecture §2)', () => {
  it('without a trusted authority certificate in dataDir → 409, nothing imported', async () => {
    const answer = await t.call('POST', '/api/manager/packages', { body: upload(contentBytes, signDetached(contentBytes, signer)), token: manager });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('noTrustedAuthority');
    fs.writeFileSync(path.join(t.dataDir, 'authority.pem'), authority.certPem);
  });

  it('imports a content and a profile package with valid signatures, once each, and attaches them to a session', async () => {
    const content = await t.call('POST', '/api/manager/packages', { body: upload(contentBytes, signDetached(contentBytes, signer)), token: manager });
    expect(content.status).toBe(201);
    expect(content.json.package).toMatchObject({ kind: 'content', packageId: 'passation-demo', signer: 'O=Autorité de test, CN=Paquets' });
    expect(content.json.package).not.toHaveProperty('body');
    expect(content.json.package).not.toHaveProperty('signature');
    const twice = await t.call('POST', '/api/manager/packages', { body: upload(contentBytes, signDetached(contentBytes, signer)), token: manager });
    expect(twice.status).toBe(200);
    expect(twice.json).toMatchObject({ created: false, package: { id: content.json.package.id } });
    const profile = await t.call('POST', '/api/manager/packages', { body: upload(profileBytes, signDetached(profileBytes, signer)), token: manager });
    expect(profile.json.package).toMatchObject({ kind: 'profile', packageId: 'passation-demo-profiles', version: '2026-01-06T07:00:00Z' });
    const list = await t.call('GET', '/api/manager/packages', { token: manager });
    expect(list.json.packages).toHaveLength(2);
    await t.call('PUT', `/api/manager/sessions/${sessionId}/packages`, { body: { packageId: content.json.package.id }, token: manager });
    const used = await t.call('PUT', `/api/manager/sessions/${sessionId}/packages`, { body: { packageId: profile.json.package.id }, token: manager });
    expect(used.json).toMatchObject({ content: { id: content.json.package.id }, profile: { id: profile.json.package.id } });
    expect((await t.call('GET', `/api/manager/sessions/${sessionId}/packages`, { token: manager })).json).toEqual(used.json);
    expect((await t.call('PUT', `/api/manager/sessions/${sessionId}/packages`, { body: { packageId: 999 }, token: manager })).status).toBe(404);
  });

  it('one changed byte, another authority, a signature of something else, a bad schema → 422 with the reason, nothing written', async () => {
    const before = (await t.call('GET', '/api/manager/packages', { token: manager })).json.packages.length;
    const tampered = Buffer.from(profileBytes);
    tampered[tampered.indexOf('Léa')] = 'M'.charCodeAt(0);
    const refusals = [
      upload(tampered, signDetached(profileBytes, signer)),
      upload(profileBytes, signDetached(profileBytes, (() => {
        const other = createAuthority({ commonName: 'Autre autorité', validDays: 30 });
        return { ...other, chainPems: [] };
      })())),
      upload(profileBytes, Buffer.from('pas une signature')),
    ];
    for (const body of refusals) {
      const answer = await t.call('POST', '/api/manager/packages', { body, token: manager });
      expect(answer.status).toBe(422);
      expect(answer.json.error.code).toBe('packageRefused');
      expect(answer.json.error.field).toBe('signature');
      expect(answer.json.error.message).toMatch(/^Paquet refusé : signature refusée : .+\. Rien n’a été importé\.$/);
    }
    const badSchema = Buffer.from(JSON.stringify({ format: 'passation/profile-package', formatVersion: 1, id: 'x', contentId: 'y', generatedAt: 'hier', profiles: [] }));
    const schema = await t.call('POST', '/api/manager/packages', { body: upload(badSchema, signDetached(badSchema, signer)), token: manager });
    expect(schema.status).toBe(422);
    expect(schema.json.error.field).toBe('package');
    expect(schema.json.error.errors[0].field).toBe('generatedAt');
    const notJson = Buffer.from('{ pas du json');
    expect((await t.call('POST', '/api/manager/packages', { body: upload(notJson, signDetached(notJson, signer)), token: manager })).json.error.message)
      .toBe('Paquet refusé : le fichier du paquet n’est pas du JSON valide. Rien n’a été importé.');
    const missing = await t.call('POST', '/api/manager/packages', { body: { package: 'aGVsbG8=' }, token: manager });
    expect(missing.json.error).toMatchObject({ code: 'invalidBody', field: 'signature' });
    expect((await t.call('GET', '/api/manager/packages', { token: manager })).json.packages).toHaveLength(before);
  });
});
