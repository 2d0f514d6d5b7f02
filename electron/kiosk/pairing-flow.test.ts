import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTESTATION_HEADER } from '../../shared/formats/kiosk-attestation';
import type { PairingRequest } from '../../shared/formats/kiosk-pairing-bridge';
import { startTestServer, type TestServer } from '../centre/testing/test-server';
import { hashAdminCode, verifyAdminCode } from './admin-code';
import { parseKioskConfig } from './kiosk-config';
import { createPairingFlow, readConfigOnDisk } from './pairing-flow';
import { loadShellContext } from './shell-context';
import { stationRequestHeaders } from './station-headers';

/**
 * Issue 8 §6 — the pairing page's steps against a real centre server (HTTPS on loopback, real SQLite) that
 * enforces the attestation: the certificate read and compared, the code posted, the token and config written;
 * then the shell's own start-up (loadShellContext) reads them and its headers are accepted by that station.
 */
const BUILD = crypto.createHash('sha256').update('build de test du shell').digest('hex');
const CHEAP = (code: string) => hashAdminCode(code, crypto.randomBytes(16), { N: 1024, r: 8, p: 1 });

let s: TestServer;
let dir: string;
let fingerprint: string;
let address: string;

beforeAll(async () => {
  s = await startTestServer({ kioskAttestation: { mode: 'enforced', acceptedBuildHashes: [] } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-pairing-'));
  fingerprint = s.server.certificateFingerprint!;
  address = s.server.url.replace(/^https:\/\//, '');
});
afterAll(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function code(): Promise<string> {
  const manager = await s.loginManager();
  return (await s.call('POST', '/api/console/pairing-codes', { token: manager })).json.code;
}

const form = (over: Partial<PairingRequest>): PairingRequest => ({
  stationAddress: address, confirmedFingerprint: fingerprint, code: '000000', kioskName: 'Salle B12 — poste 07',
  adminCode: 'technicien-2026', adminCodeRepeat: 'technicien-2026', ...over,
});

/** One kiosk request with the headers the shell's webRequest hook adds. */
function asShell(credentials: Parameters<typeof stationRequestHeaders>[1], urlPath: string): Promise<{ status: number; json: { error?: { code: string } } }> {
  const url = `${s.server.url}${urlPath}`;
  const headers = stationRequestHeaders({ url, method: 'GET', requestHeaders: {} }, credentials, s.now());
  return new Promise((resolve, reject) => {
    https.get(url, { ca: s.tls.certPem, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    }).on('error', reject);
  });
}

describe('first pairing (no config file)', () => {
  it('reads the station’s certificate: the fingerprint the console shows', async () => {
    const configFile = path.join(dir, 'first', 'kiosk.json');
    const flow = createPairingFlow({ configFile, onDisk: readConfigOnDisk(configFile), buildHash: BUILD, hashCode: CHEAP })!;
    expect(flow.situation).toEqual({ mode: 'first', stationUrl: null, kioskName: null, reason: null, configFile });
    expect(await flow.fetchCertificate({ stationAddress: address })).toEqual({ ok: true, value: { stationUrl: `${s.server.url}/`, fingerprint } });
    expect(await flow.fetchCertificate({ stationAddress: `http://${address}` })).toEqual({ ok: false, errors: [{ field: 'stationAddress', message: 'la station se joint en https:// seulement' }] });
    const nobody = await flow.fetchCertificate({ stationAddress: '127.0.0.1:1' });
    expect(nobody).toMatchObject({ ok: false, errors: [{ field: 'stationAddress', message: expect.stringContaining('injoignable (ECONNREFUSED)') }] });
  });

  it('pairs, writes token (0600) and config atomically; the shell then starts and its attestation is accepted', async () => {
    const configFile = path.join(dir, 'first', 'kiosk.json');
    const flow = createPairingFlow({ configFile, onDisk: readConfigOnDisk(configFile), buildHash: BUILD, hashCode: CHEAP })!;
    const paired = await flow.pair(form({ code: await code() }));
    expect(paired.ok).toBe(true);
    const config = parseKioskConfig(fs.readFileSync(configFile, 'utf8'));
    expect(config.ok && config.value).toMatchObject({
      stationUrl: `${s.server.url}/`, certificateFingerprint: fingerprint, deviceTokenFile: path.join(dir, 'first', 'device-token'), kioskName: 'Salle B12 — poste 07', permittedApplications: [],
    });
    expect(config.ok && verifyAdminCode('technicien-2026', config.value.adminCodeHash)).toBe(true);
    expect(fs.statSync(path.join(dir, 'first', 'device-token')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, 'first')).sort()).toEqual(['device-token', 'kiosk.json']);
    // The shell's start-up reads what the pairing wrote; the station recorded the same hashes.
    const appDir = fs.mkdtempSync(path.join(dir, 'app-'));
    const shell = loadShellContext(configFile, appDir, '0.1.0');
    expect(shell.ok).toBe(true);
    if (!shell.ok) return;
    const recorded = s.db.prepare('SELECT build_hash, config_hash, recorded_by FROM kiosk_shells WHERE kiosk_id = ?').get(paired.ok ? paired.value.kioskId : 0);
    expect(recorded).toEqual({ build_hash: BUILD, config_hash: shell.value.credentials.configHash, recorded_by: 'pairing' });
    // The shell's headers, with its real build hash of the (empty) app folder, are refused: not the paired build…
    expect((await asShell(shell.value.credentials, '/api/kiosk/me')).json.error?.code).toBe('attestationUnknownBuild');
    // …and with the build it paired with, accepted.
    const me = await asShell({ ...shell.value.credentials, buildHash: BUILD }, '/api/kiosk/me');
    expect(me).toEqual({ status: 200, json: { kioskId: paired.ok ? paired.value.kioskId : 0, name: 'Salle B12 — poste 07' } });
    expect(me.json).not.toHaveProperty(ATTESTATION_HEADER);
  });

  it('every problem of the form at once, each on its field; a used code is the station’s refusal, nothing written', async () => {
    const configFile = path.join(dir, 'bad', 'kiosk.json');
    const flow = createPairingFlow({ configFile, onDisk: readConfigOnDisk(configFile), buildHash: BUILD, hashCode: CHEAP })!;
    const bad = await flow.pair(form({ confirmedFingerprint: '', code: '12a', kioskName: ' ', adminCode: 'court', adminCodeRepeat: 'court' }));
    expect(bad).toEqual({ ok: false, errors: [
      { field: 'confirmedFingerprint', message: 'cochez la case une fois l’empreinte lue et trouvée identique à celle du poste du surveillant' },
      { field: 'code', message: 'code d’appairage : les 6 chiffres affichés sur la console' },
      { field: 'kioskName', message: 'nom du poste obligatoire (exemple : Salle B12 — poste 07)' },
      { field: 'adminCode', message: 'code administrateur : 8 caractères au moins' },
    ] });
    expect((await flow.pair(form({ adminCodeRepeat: 'autre-code-2026' }))).ok).toBe(false);
    const other = await flow.pair(form({ confirmedFingerprint: 'AB'.repeat(32) }));
    expect(other).toMatchObject({ ok: false, errors: [{ field: 'confirmedFingerprint', message: expect.stringContaining('n’est pas celui affiché') }] });
    const used = await code();
    expect((await flow.pair(form({ code: used }))).ok).toBe(true);
    fs.rmSync(path.join(dir, 'bad'), { recursive: true });
    const again = await flow.pair(form({ code: used }));
    expect(again).toEqual({ ok: false, errors: [{ field: 'code', message: 'Ce code d’appairage a déjà servi : demandez-en un nouveau sur la console.' }] });
    expect(fs.existsSync(path.join(dir, 'bad'))).toBe(false);
  });
});

describe('re-pairing (a config whose device token is gone)', () => {
  it('needs the config’s admin code, keeps it and the permitted applications; five wrong codes lock it', async () => {
    const configFile = path.join(dir, 'repair', 'kiosk.json');
    fs.mkdirSync(path.dirname(configFile), { recursive: true });
    const apps = [{ name: 'LibreOffice Calc', executable: '/usr/bin/localc', mediaTypes: ['application/vnd.oasis.opendocument.spreadsheet'] }];
    const adminCodeHash = CHEAP('code-du-technicien');
    fs.writeFileSync(configFile, JSON.stringify({
      stationUrl: 'https://192.168.1.10:8443/', certificateFingerprint: 'AB'.repeat(32), deviceTokenFile: path.join(dir, 'repair', 'token'),
      adminCodeHash, kioskName: 'Ancien nom', permittedApplications: apps,
    }));
    let now = 1_000_000;
    const flow = createPairingFlow({ configFile, onDisk: readConfigOnDisk(configFile), buildHash: BUILD, clock: () => now })!;
    expect(flow.situation).toMatchObject({ mode: 'repair', stationUrl: 'https://192.168.1.10:8443/', kioskName: 'Ancien nom' });
    const fresh = await code();
    for (let i = 0; i < 4; i++) {
      expect(await flow.pair(form({ code: fresh, adminCode: 'mauvais-code' }))).toMatchObject({ ok: false, errors: [{ field: 'adminCode', message: 'code administrateur du poste incorrect' }] });
    }
    expect(await flow.pair(form({ code: fresh, adminCode: 'mauvais-code' }))).toEqual({ ok: false, errors: [{ field: 'adminCode', message: 'Trop d’essais : appairage bloqué 5 min.' }] });
    // Locked: even the right code is not tried.
    expect(await flow.pair(form({ code: fresh, adminCode: 'code-du-technicien' }))).toMatchObject({ ok: false, errors: [{ field: 'adminCode', message: expect.stringContaining('Trop d’essais') }] });
    now += 5 * 60_000 + 1;
    expect((await flow.pair(form({ code: fresh, adminCode: 'code-du-technicien', adminCodeRepeat: '' }))).ok).toBe(true);
    const config = parseKioskConfig(fs.readFileSync(configFile, 'utf8'));
    expect(config.ok && config.value).toMatchObject({ stationUrl: `${s.server.url}/`, adminCodeHash, permittedApplications: apps, deviceTokenFile: path.join(dir, 'repair', 'token') });
    expect(loadShellContext(configFile, dir, '0.1.0').ok).toBe(true);
  });

  it('an invalid config is not re-paired from the kiosk (its admin code cannot be checked)', () => {
    const configFile = path.join(dir, 'invalid.json');
    fs.writeFileSync(configFile, '{"stationUrl": "http://x"}');
    const onDisk = readConfigOnDisk(configFile);
    expect(onDisk.kind).toBe('invalid');
    expect(createPairingFlow({ configFile, onDisk, buildHash: BUILD })).toBeNull();
  });
});
