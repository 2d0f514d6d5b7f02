import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from '@playwright/test';
import { hashAdminCode } from '../electron/kiosk/admin-code';
import { buildKioskShell } from '../electron/kiosk/build-shell';
import { expect, test } from './station-fixture';
import { TEST_STATION_TLS } from './station-tls';

/**
 * The real kiosk shell (Electron) against a real centre server: pairs, writes the kiosk's config file, launches
 * the bundled shell with Playwright's `_electron`, and checks what only the real binary can show: the window is
 * a kiosk on the station's /kiosk/, the page sees the bridge and nothing of Node, the pinned certificate is
 * accepted, requests carry the attestation, and F5 / a navigation away do nothing.
 *
 * Skipped, with the reason printed, where the Electron binary is absent (stack.md: it cannot be downloaded here).
 * The binary's presence is read from node_modules/electron/path.txt and dist/ — never `require('electron')`,
 * which would start a download.
 */
const ELECTRON_DIR = path.resolve(__dirname, '..', 'node_modules', 'electron');

function electronBinary(): { path: string } | { missing: string } {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return fs.existsSync(p) ? { path: p } : { missing: `ELECTRON_OVERRIDE_DIST_PATH ne contient pas ${p}` };
  }
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  if (!fs.existsSync(pathFile)) return { missing: `${pathFile} absent : le binaire d’Electron n’a pas été téléchargé (ELECTRON_SKIP_BINARY_DOWNLOAD, pas d’accès à GitHub)` };
  const binary = path.join(ELECTRON_DIR, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { path: binary } : { missing: `${binary} absent` };
}

const binary = electronBinary();
if ('missing' in binary) process.stdout.write(`[kiosk-shell.spec] ignoré : ${binary.missing}\n`);

function call(url: string, method: string, body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = https.request(url, {
      method, ca: TEST_STATION_TLS.certPem,
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) as Record<string, unknown> : {} }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

test.describe('kiosk shell (real Electron)', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('opens the paired station as a locked kiosk, with the bridge and the attestation', async ({ station }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-e2e-'));
    const manager = await call(`${station.url}/api/manager/login`, 'POST', { password: 'responsable-e2e' });
    const code = await call(`${station.url}/api/console/pairing-codes`, 'POST', undefined, manager.json.token as string);
    const paired = await call(`${station.url}/api/kiosk/pair`, 'POST', { code: code.json.code, name: 'Poste e2e' });
    expect(paired.status).toBe(201);
    fs.writeFileSync(path.join(dir, 'token'), `${paired.json.deviceToken as string}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({
      stationUrl: `${station.url}/`, certificateFingerprint: paired.json.certificateFingerprint ?? new crypto.X509Certificate(TEST_STATION_TLS.certPem).fingerprint256,
      deviceTokenFile: path.join(dir, 'token'), adminCodeHash: hashAdminCode('7391', undefined, { N: 1024, r: 8, p: 1 }),
    }));
    const appDir = path.join(dir, 'app');
    buildKioskShell(appDir, '0.0.0-e2e');

    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [appDir, '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, PASSATION_KIOSK_CONFIG: path.join(dir, 'kiosk.json') },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForURL(`${station.url}/kiosk/**`);
      const state = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        return { kiosk: w.isKiosk(), closable: w.isClosable(), onTop: w.isAlwaysOnTop(), devTools: w.webContents.isDevToolsOpened() };
      });
      expect(state).toEqual({ kiosk: true, closable: false, onTop: true, devTools: false });
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      const status = await page.evaluate(() => (window as unknown as { passationKiosk: { status(): Promise<{ attestation: { active: boolean } }> } }).passationKiosk.status());
      expect(status.attestation.active).toBe(true);
      const before = page.url();
      await page.keyboard.press('F5');
      await page.evaluate(() => { window.location.href = 'https://example.org/'; });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
    } finally {
      await app.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => {});
      await app.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
