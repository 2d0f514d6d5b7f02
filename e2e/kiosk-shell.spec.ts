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
 * accepted, requests carry the attestation, and F5 / a navigation away do nothing; and an unconfigured shell's
 * pairing page (issue 8 §6), filled in by its labels, pairs and writes the config.
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

  test('an unconfigured shell shows its pairing page; pairing writes the config and the shell relaunches into the kiosk (issue 8 §6)', async ({ station }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pairing-e2e-'));
    const appDir = path.join(dir, 'app');
    buildKioskShell(appDir, '0.0.0-e2e');
    const configFile = path.join(dir, 'etc', 'kiosk.json');
    const manager = await call(`${station.url}/api/manager/login`, 'POST', { password: 'responsable-e2e' });
    const code = await call(`${station.url}/api/console/pairing-codes`, 'POST', undefined, manager.json.token as string);
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [appDir, '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, PASSATION_KIOSK_CONFIG: configFile },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Appairer ce poste d’examen' })).toBeVisible();
      // The page gets its own bridge, not the kiosk's, and nothing of Node.
      expect(await page.evaluate(() => [typeof (window as unknown as Record<string, unknown>).passationPairing, typeof (window as unknown as Record<string, unknown>).passationKiosk, typeof (window as unknown as { require?: unknown }).require]))
        .toEqual(['object', 'undefined', 'undefined']);
      await page.getByLabel('Adresse du poste du surveillant').fill(new URL(station.url).host);
      await page.getByRole('button', { name: 'Lire le certificat' }).click();
      await expect(page.locator('output#fingerprint')).toHaveText(new crypto.X509Certificate(TEST_STATION_TLS.certPem).fingerprint256);
      await page.getByLabel('Cette empreinte est identique à celle du poste du surveillant').check();
      await page.getByLabel('Code d’appairage (6 chiffres, affiché sur la console)').fill(code.json.code as string);
      await page.getByLabel('Nom du poste').fill('Poste appairé par la page');
      await page.getByLabel('Choisissez le code administrateur du poste').fill('technicien-e2e');
      await page.getByLabel('Le même code administrateur, encore une fois').fill('technicien-e2e');
      await page.getByRole('button', { name: 'Appairer ce poste' }).click();
      await expect(page.getByRole('status')).toHaveText('Poste appairé. L’application redémarre sur la page d’examen…');
      await expect.poll(() => fs.existsSync(configFile)).toBe(true);
      const written = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { stationUrl: string; kioskName: string; deviceTokenFile: string };
      expect(written).toMatchObject({ stationUrl: `${station.url}/`, kioskName: 'Poste appairé par la page', deviceTokenFile: path.join(dir, 'etc', 'device-token') });
      expect(fs.statSync(written.deviceTokenFile).mode & 0o777).toBe(0o600);
    } finally {
      await app.close().catch(() => {});
      // The relaunched shell is a new process started by Electron itself (app.relaunch): ended by its pid, found by
      // this test's own folder in its command line (never by name).
      for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(appDir)) process.kill(Number(pid), 'SIGKILL');
        } catch { /* gone */ }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the technician chord opens « Accès technicien »; a wrong code is refused; « Appairer de nouveau » removes the token and relaunches into the pairing page (issue 8 §6)', async ({ station }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-technician-e2e-'));
    const manager = await call(`${station.url}/api/manager/login`, 'POST', { password: 'responsable-e2e' });
    const code = await call(`${station.url}/api/console/pairing-codes`, 'POST', undefined, manager.json.token as string);
    const paired = await call(`${station.url}/api/kiosk/pair`, 'POST', { code: code.json.code, name: 'Poste technicien e2e' });
    expect(paired.status).toBe(201);
    const token = path.join(dir, 'token');
    fs.writeFileSync(token, `${paired.json.deviceToken as string}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({
      stationUrl: `${station.url}/`, certificateFingerprint: paired.json.certificateFingerprint ?? new crypto.X509Certificate(TEST_STATION_TLS.certPem).fingerprint256,
      deviceTokenFile: token, adminCodeHash: hashAdminCode('technicien-e2e', undefined, { N: 1024, r: 8, p: 1 }),
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
      await page.keyboard.press('Control+Alt+Shift+F10');
      const dialog = page.getByRole('dialog', { name: 'Accès technicien' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByText('0.0.0-e2e')).toBeVisible();
      await dialog.getByLabel('Code administrateur').fill('pas-le-bon');
      await dialog.getByRole('button', { name: 'Quitter le poste' }).click();
      await expect(dialog.getByRole('alert')).toHaveText('Code administrateur incorrect : encore 4 essais avant le blocage.');
      await dialog.getByRole('button', { name: 'Fermer' }).click();
      await expect(dialog).toBeHidden();
      await page.keyboard.press('Control+Alt+Shift+F10');
      await dialog.getByLabel('Code administrateur').fill('technicien-e2e');
      await dialog.getByRole('button', { name: 'Appairer de nouveau' }).click();
      await expect(dialog.getByRole('status')).toHaveText('Code accepté : le poste redémarre sur la page d’appairage.');
      expect(fs.existsSync(token)).toBe(false);
      const log = path.join(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData')), 'technician.log');
      expect(fs.readFileSync(log, 'utf8')).toMatch(/sortie technicien : refusée \(wrongAdminCode\)[^\n]*\n[^\n]+nouvel appairage : acceptée\n$/);
    } finally {
      await app.close().catch(() => {});
      // The relaunched shell (app.relaunch): ended by its pid, found by this test's own folder in its command line.
      for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(appDir)) process.kill(Number(pid), 'SIGKILL');
        } catch { /* gone */ }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
