import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, issueCentreCertificate, issueSigningCertificate } from '../../../../electron/centre/pki/certificates';
import { signDetached } from '../../../../electron/centre/pki/cms-sign';
import { exportPkcs12 } from '../../../../electron/centre/pki/pkcs12';
import { fetchTrusting } from '../../../../electron/centre/testing/fetch-trusting';
import { startTestServer, type TestServer } from '../../../../electron/centre/testing/test-server';
import { CONTENT_FILE } from '../../../../fixtures/paths';
import { createApiClient, type ApiClient } from '../../../ui/api-client';
import { createCentreKeyStore } from './centre-key-store';
import { createKiosksStore } from './kiosks-store';
import { createPackagesStore } from './packages-store';
import { createPlatformAddressStore } from './platform-address-store';

// Issue 10 §1 — the manager's page stores against a real centre server (HTTPS on loopback, SQLite file): what they
// hold after each call is what the station answered; a refusal leaves nothing imported.

const authority = createAuthority({ commonName: 'Autorité de test des écrans', validDays: 30 });
const signer = { ...issueSigningCertificate(authority, { organisation: 'Autorité de test', commonName: 'Paquets', validDays: 30 }), chainPems: [authority.certPem] };
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const PASSWORD = 'Mot-de-passe-du-centre-2026';
const content = fs.readFileSync(CONTENT_FILE);

let t: TestServer;
let client: ApiClient;
beforeAll(async () => {
  t = await startTestServer();
  fs.writeFileSync(path.join(t.dataDir, 'authority.pem'), authority.certPem);
  const manager = await t.loginManager();
  client = createApiClient({ baseUrl: t.server.url, fetch: fetchTrusting(t.tls.certPem), headers: () => ({ authorization: `Bearer ${manager}` }) });
});
afterAll(async () => { await t?.close(); });

const rows = (table: string) => t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the packages store', () => {
  it('asks for both files, refuses an altered package (the signature is named), then imports the genuine one', async () => {
    const store = createPackagesStore(client);
    await store.getState().loadImported();
    expect(store.getState().imported).toEqual({ kind: 'ready', packages: [] });
    expect(await store.getState().sendUpload()).toBe(false);
    expect(store.getState().upload).toEqual({ kind: 'invalid', problems: { package: 'centre.uploadPackageMissing', signature: 'centre.uploadSignatureMissing' } });

    const signature = new File([new Uint8Array(signDetached(content, signer))], 'content-package.json.p7s');
    const altered = Buffer.from(content);
    altered[altered.indexOf('"version"') + 1] = 'V'.charCodeAt(0);
    store.getState().choosePackage(new File([new Uint8Array(altered)], 'content-package.json'));
    store.getState().chooseSignature(signature);
    expect(await store.getState().sendUpload()).toBe(false);
    expect(store.getState().upload).toEqual({ kind: 'refused', key: 'centre.refusedSignature', field: 'signature' });
    expect(rows('packages')).toBe(0);

    store.getState().choosePackage(new File([new Uint8Array(content)], 'content-package.json'));
    expect(await store.getState().sendUpload()).toBe(true);
    expect(store.getState().upload).toMatchObject({ kind: 'imported', created: true, package: { kind: 'content', signer: 'O=Autorité de test, CN=Paquets' } });
    expect(store.getState().imported).toMatchObject({ kind: 'ready', packages: [{ kind: 'content' }] });
    expect(store.getState().packageFile).toBeNull();
    expect(rows('packages')).toBe(1);
  });

  it('says when no platform address is set', async () => {
    const store = createPackagesStore(client);
    await store.getState().loadPlatform();
    expect(store.getState().platform).toEqual({ kind: 'noAddress' });
  });
});

describe('the centre certificate store', () => {
  it('holds none, refuses a wrong password (emptied, nothing kept), then imports', async () => {
    const store = createCentreKeyStore(client);
    await store.getState().load();
    expect(store.getState().held).toEqual({ kind: 'none' });
    store.getState().chooseFile(new File([new Uint8Array(exportPkcs12({ ...centre, chainPems: [authority.certPem] }, PASSWORD))], 'centre.p12'));
    store.getState().setPassword('pas-le-bon-mot-de-passe');
    expect(await store.getState().send()).toBe(false);
    expect(store.getState().status).toEqual({ kind: 'refused', field: 'password', key: 'centre.keyPasswordWrong' });
    expect(store.getState().password).toBe('');
    expect(fs.existsSync(path.join(t.dataDir, 'centre-key.json'))).toBe(false);
    store.getState().setPassword(PASSWORD);
    expect(await store.getState().send()).toBe(true);
    expect(store.getState().held).toMatchObject({ kind: 'held', info: { subject: 'O=Lycée Érable, CN=0123456A' } });
    expect(store.getState().password).toBe('');
  });
});

describe('the platform address store', () => {
  it('refuses http:// before sending, then saves an https:// address', async () => {
    const store = createPlatformAddressStore(client);
    await store.getState().load();
    expect(store.getState().saved).toEqual({ kind: 'ready', platformUrl: null, updatedAt: null });
    store.getState().type('http://plateforme.exemple.fr');
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().status).toEqual({ kind: 'invalid', key: 'centre.addressNotHttps' });
    store.getState().type('https://plateforme.exemple.fr');
    expect(await store.getState().save()).toBe(true);
    expect(store.getState().saved).toMatchObject({ kind: 'ready', platformUrl: 'https://plateforme.exemple.fr' });
    expect((await t.call('GET', '/api/manager/platform', { token: await t.loginManager() })).json.platformUrl).toBe('https://plateforme.exemple.fr');
  });
});

describe('the kiosks store', () => {
  it('gives a code and the station’s fingerprint, sees the kiosk paired with it, revokes it after confirmation', async () => {
    const store = createKiosksStore(client);
    await store.getState().loadKiosks();
    await store.getState().loadFingerprint();
    expect(store.getState().fingerprint).toEqual({ kind: 'known', value: (await t.call('GET', '/api/health')).json.certificateFingerprint });
    await store.getState().askCode();
    const pairing = store.getState().pairing;
    expect(pairing).toMatchObject({ kind: 'shown', code: expect.stringMatching(/^\d{6}$/), knownKioskIds: [] });
    const code = pairing.kind === 'shown' ? pairing.code : '';
    const paired = await t.call('POST', '/api/kiosk/pair', { body: { code, name: 'Salle B12 — poste 07' } });
    expect(paired.status).toBe(201);
    await store.getState().loadKiosks();
    const kiosks = store.getState().kiosks;
    expect(kiosks).toMatchObject({ kind: 'ready', kiosks: [{ id: paired.json.kioskId, name: 'Salle B12 — poste 07', revokedAt: null, buildHash: null }] });
    const kiosk = kiosks.kind === 'ready' ? kiosks.kiosks[0]! : null;
    expect(await store.getState().revoke()).toBe(false); // nothing to confirm yet
    store.getState().askRevoke(kiosk!);
    expect(await store.getState().revoke()).toBe(true);
    expect(store.getState()).toMatchObject({ confirming: null, revoked: { id: kiosk!.id } });
    expect(store.getState().kiosks).toMatchObject({ kind: 'ready', kiosks: [{ id: kiosk!.id, revokedAt: expect.any(String) }] });
    expect((await t.call('GET', '/api/kiosk/me', { token: paired.json.deviceToken })).json.error.code).toBe('kioskRevoked');
  });
});
