import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { STATION_V8_FLAGS } from '../electron/centre/station-runner';
import { sqliteBuild } from '../cli/start-mode';
import { saveScreenshot } from './station-fixture';

/**
 * The real station shell (issue 10 §2): Electron starts the centre server in its main process on the demo
 * session and opens the console on loopback. Checked with what only the real binary shows: the window on
 * `https://127.0.0.1:<port>/console/` (the pinned key accepted, no certificate flag given), the page without
 * Node, the French menu and its two items, the backup really written, and the quit confirmation during a live
 * session (a pupil checked in through the kiosk API) — the native dialog replaced in the main process by a
 * recorder, as it cannot be clicked.
 *
 * Skipped, with the reason printed, where the Electron binary is absent (stack.md: it cannot be downloaded here);
 * its presence is read from node_modules/electron/path.txt and dist/, never `require('electron')`.
 */
const ELECTRON_DIR = path.resolve(__dirname, '..', 'node_modules', 'electron');
const APP_DIR = path.resolve(__dirname, '..', 'electron', 'station', 'app');

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

/** The shell opens the database in Electron's main process: better-sqlite3 must be Electron's build (`npm run rebuild:electron`). */
function shellRunnable(): { path: string } | { missing: string } {
  const found = electronBinary();
  if ('missing' in found) return found;
  return sqliteBuild() === 'node' ? { missing: 'better-sqlite3 est compilé pour Node : npm run rebuild:electron d’abord (npm run rebuild:node ensuite)' } : found;
}

const binary = shellRunnable();
if ('missing' in binary) process.stdout.write(`[station-shell.spec] ignoré : ${binary.missing}\n`);

function post(url: string, ca: string, body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = https.request(url, { method: 'POST', ca, agent: false, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) as Record<string, unknown> : {} }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** Replaces the main process's native dialogs by recorders answering `responses` in turn (Cancel = 0). */
async function recordDialogs(app: ElectronApplication, responses: number[], savePath?: string): Promise<void> {
  await app.evaluate(({ dialog }, { responses, savePath }) => {
    const g = globalThis as unknown as { shown: unknown[] };
    g.shown = [];
    dialog.showMessageBox = (async (...args: unknown[]) => {
      g.shown.push(args.at(-1));
      return { response: responses.shift() ?? 0, checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
    if (savePath) dialog.showSaveDialog = (async () => ({ canceled: false, filePath: savePath })) as typeof dialog.showSaveDialog;
  }, { responses, savePath });
}
const shownDialogs = (app: ElectronApplication) => app.evaluate(() => (globalThis as unknown as { shown: { message: string; buttons: string[] }[] }).shown);

test.describe('station shell (real Electron)', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('runs the centre in-process, shows the console, has its French menu, backs up, and asks before quitting a live session', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-shell-e2e-'));
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [`--js-flags=${STATION_V8_FLAGS}`, APP_DIR, '--demo', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1', '--no-sandbox', '--disable-gpu'],
    });
    let out = '';
    app.process().stdout?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    try {
      const page = await app.firstWindow();
      await page.waitForURL(/^https:\/\/127\.0\.0\.1:\d+\/console\//);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion du surveillant');
      const origin = new URL(page.url()).origin;
      // The page is the station's web page, nothing more: no Node, no bridge.
      expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
      const state = await app.evaluate(({ BrowserWindow, Menu }) => {
        const labels = Menu.getApplicationMenu()!.items.flatMap((m) => [m.label, ...(m.submenu?.items.map((i) => i.label) ?? [])]);
        return { windows: BrowserWindow.getAllWindows().length, labels };
      });
      expect(state.windows).toBe(1);
      expect(state.labels).toEqual(expect.arrayContaining(['Fichier', 'Ouvrir le dossier des données', 'Sauvegarder la base…', 'Édition', 'Affichage', 'Fenêtre']));
      for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
        await app.evaluate(({ BrowserWindow }, size) => BrowserWindow.getAllWindows()[0]!.setContentSize(size.width, size.height), { width, height });
        await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(width);
        await saveScreenshot(page, `station-shell-console-${width}x${height}`);
      }

      // « Sauvegarder la base… » → the save dialog's path → a checked copy, and its French result.
      const backup = path.join(dataDir, 'sauvegarde.sqlite');
      await recordDialogs(app, [0], backup);
      await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('backup-database')!.click());
      await expect.poll(async () => (await shownDialogs(app)).map((d) => d.message)).toEqual(['La base du centre est sauvegardée.']);
      // This Node cannot open Electron's build of better-sqlite3: the copy is checked as a file (the shell ran quick_check).
      const bytes = fs.readFileSync(backup);
      expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
      expect(bytes.includes(Buffer.from('Léa', 'utf8'))).toBe(true);

      // A pupil checks in: closing the window now asks; « Annuler » keeps the station running.
      const ca = fs.readFileSync(path.join(dataDir, 'station-tls', 'cert.pem'), 'utf8');
      const pairingCode = /Code d’appairage : +(\d{6})/.exec(out)?.[1];
      const accessCode = /code d’accès ([A-Z0-9]{6})/.exec(out)?.[1];
      expect([pairingCode, accessCode].every(Boolean), out).toBe(true);
      const paired = await post(`${origin}/api/kiosk/pair`, ca, { code: pairingCode, name: 'Poste e2e' });
      const checkIn = await post(`${origin}/api/kiosk/check-in`, ca, { sessionNumber: 1, lastName: 'Martin', firstName: 'Léa', birthDate: '2010-03-14', accessCode }, paired.json.deviceToken as string);
      expect(checkIn.status).toBe(200);
      await recordDialogs(app, [0, 1]);
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await expect.poll(async () => (await shownDialogs(app)).map((d) => d.message)).toEqual(['Une session est en cours (session n° 1 : 1 candidat en attente de confirmation). Quitter quand même ?']);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      // Asked again; « Quitter quand même »: the shell closes the server and exits 0.
      const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      expect(await exited).toBe(0);
    } finally {
      await app.close().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
