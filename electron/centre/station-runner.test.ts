import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_FILE, PROFILES_FILE, ROSTER_FILE } from '../../fixtures/src/build';
import { KIOSK_BUILDS_FILE, startStation } from './station-runner';

/** The headless station (issue 3 item 8), for real: demo PKI, signed packages, roster, HTTPS on loopback. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-station-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

/** HTTPS request to the station, trusting the station's own certificate only through its fingerprint being printed. */
async function call(url: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const { request } = await import('node:https');
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? 'GET',
      rejectUnauthorized: false, // the test checks the fingerprint separately
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(init.body ? JSON.stringify(init.body) : undefined);
  });
}

describe('startStation', () => {
  it('prepares a demo session (32 candidates, signed packages) that an invigilator and a kiosk can use', async () => {
    const dataDir = tempDir();
    const station = await startStation({ dataDir, host: '127.0.0.1', port: 0, demo: { contentFile: CONTENT_FILE, profileFile: PROFILES_FILE, rosterFile: ROSTER_FILE } });
    try {
      expect(station.demo).toMatchObject({ sessionNumber: 1, candidates: 32 });
      expect(station.demo!.invigilatorPassword).toMatch(/^[2346789BCDFGHJKMPQRTVWXY]{8}$/);
      const health = await call(`${station.server.url}/api/health`);
      expect(JSON.parse(health.text).certificateFingerprint).toBe(station.server.certificateFingerprint);

      const login = await call(`${station.server.url}/api/console/login`, { method: 'POST', body: { sessionNumber: 1, password: station.demo!.invigilatorPassword } });
      expect(login.status).toBe(200);
      const pair = await call(`${station.server.url}/api/kiosk/pair`, { method: 'POST', body: { code: station.pairingCode.code, name: 'Poste 01' } });
      expect(pair.status).toBe(201);
      expect(JSON.parse(pair.text).certificateFingerprint).toBe(station.server.certificateFingerprint);

      const page = await call(station.server.consoleUrl);
      expect(page.status).toBe(200);
      expect(page.text).toContain('lang="fr"');
    } finally {
      await station.close();
    }
  });

  it('starts again on the same data folder without a second demo session, with a fresh invigilator password', async () => {
    const dataDir = tempDir();
    const demo = { contentFile: CONTENT_FILE, profileFile: PROFILES_FILE, rosterFile: ROSTER_FILE };
    const first = await startStation({ dataDir, host: '127.0.0.1', port: 0, demo });
    const firstPassword = first.demo!.invigilatorPassword;
    await first.close();
    const second = await startStation({ dataDir, host: '127.0.0.1', port: 0, demo });
    try {
      expect(second.demo!.sessionNumber).toBe(1);
      expect(second.demo!.invigilatorPassword).not.toBe(firstPassword);
      const login = await call(`${second.server.url}/api/console/login`, { method: 'POST', body: { sessionNumber: 1, password: second.demo!.invigilatorPassword } });
      expect(login.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('the kiosk attestation of the headless station (issue 8 §5)', () => {
  it('is enforced without the demo, reads DATA/kiosk-builds.txt, and refuses to start on a bad line', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, KIOSK_BUILDS_FILE), `# version 1.5.0\n${'a'.repeat(64)}\n`);
    const station = await startStation({ dataDir, host: '127.0.0.1', port: 0 });
    try {
      expect(station.kioskAttestation).toEqual({ mode: 'enforced', acceptedBuildHashes: ['a'.repeat(64)] });
      const pair = await call(`${station.server.url}/api/kiosk/pair`, { method: 'POST', body: { code: station.pairingCode.code, name: 'Poste 02' } });
      const me = await call(`${station.server.url}/api/kiosk/me`, { token: JSON.parse(pair.text).deviceToken });
      expect([me.status, JSON.parse(me.text).error.code]).toEqual([403, 'attestationMissing']);
    } finally {
      await station.close();
    }
    fs.writeFileSync(path.join(dataDir, KIOSK_BUILDS_FILE), 'pas une empreinte\n');
    await expect(startStation({ dataDir, host: '127.0.0.1', port: 0 })).rejects.toThrow(`${path.join(dataDir, KIOSK_BUILDS_FILE)}, ligne 1 : empreinte SHA-256 attendue`);
  });
});

describe('npm start without the Electron binary', () => {
  it('runs the station headless, prints the console URL, the kiosk URL and a pairing code, and stops on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'passation.js'), 'start', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pas de démarrage :\n${out}`)), 25_000);
      child.stdout.on('data', () => { if (out.includes('Arrêt : Ctrl+C.')) { clearTimeout(timer); resolve(); } });
    });
    expect(out).toContain('Le binaire d’Electron n’est pas installé');
    expect(out).toMatch(/Console du surveillant : +https:\/\/127\.0\.0\.1:\d+\/console\//);
    expect(out).toMatch(/Adresse des bornes : +https:\/\/[\d.]+:\d+\/kiosk\//);
    expect(out).toMatch(/Code d’appairage : +\d{6}/);
    child.kill('SIGTERM');
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // The output goes with a failure: a signal (null code) or an error at stop must say what happened.
    expect({ ...exit, out: exit.code === 0 ? '' : out }).toEqual({ code: 0, signal: null, out: '' });
    expect(out).toContain('Poste du surveillant arrêté.');
  });
});
