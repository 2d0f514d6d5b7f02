import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchTrusting } from '../centre/testing/fetch-trusting';
import { CENTRE_KEY_FILE } from '../centre/signing/centre-key-store';
import { STATION_JS_FLAGS } from './memory-flags';
import { KEYCHAIN_KEY_FILE } from './safe-storage-key-store';
import { MENU_LABELS } from './station-menu';
import { consoleWindowOptions } from './window-options';

// The Electron binary cannot run here (stack.md): `electron` is a recorder, and the test drives what main()
// registered the way Electron would. Behind it everything is real: the centre server on HTTPS loopback, its
// SQLite file, the demo session, the key store, the backup.
vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { main } = await import('./main');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-main-'));
const dataDir = path.join(dir, 'data');
let shell: NonNullable<Awaited<ReturnType<typeof main>>>;
let certPem = '';
let call: typeof fetch;
let origin = '';

const window = () => electron.BrowserWindow.created[0]!;
const contents = () => window().webContents;
const handler = (name: string) => electron.session.defaultSession.handlers[name] as (...args: unknown[]) => unknown;
const menuItem = (label: string) => {
  const [menu] = electron.Menu.setApplicationMenu.mock.calls.at(-1) as [{ template: { label?: string; submenu?: { label?: string; click?: () => void; role?: string }[] }[] }];
  return menu.template.flatMap((m) => m.submenu ?? []).find((item) => item.label === label);
};
/** The certificate the server really presents on its port, as PEM (what Chromium would hand the verify proc). */
const presentedCertificate = (port: number) => new Promise<string>((resolve, reject) => {
  const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
    const der = socket.getPeerCertificate().raw;
    socket.end();
    resolve(`-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`);
  });
  socket.on('error', reject);
});

beforeAll(async () => {
  electron.app.getPath.mockReturnValue(dir);
  const started = await main(['electron', '/app', `--js-flags=${STATION_JS_FLAGS}`, '--demo', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'], {});
  if (started === null) throw new Error('le poste n’a pas démarré');
  shell = started;
  certPem = fs.readFileSync(path.join(dataDir, 'station-tls', 'cert.pem'), 'utf8');
  call = fetchTrusting(certPem);
  origin = new URL(shell.station.server.url).origin;
}, 60_000);
afterAll(async () => {
  await shell?.station.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('main(): the station shell (issue 10 §2)', () => {
  it('takes the single-instance lock, gives V8 its limits, starts the centre in-process and opens the console on loopback', async () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('js-flags', STATION_JS_FLAGS);
    expect(electron.app.relaunch).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect(window().options).toEqual(consoleWindowOptions({ devTools: true }));
    expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(window().loadURL).toHaveBeenCalledWith(`${origin}/console/`);
    // The server the window loads answers, in this process, with the console page.
    const page = await call(`${origin}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('lang="fr"');
    expect(shell.station.demo).toMatchObject({ sessionNumber: 1, candidates: 32 });
  });

  it('trusts the key the server really presents, and nothing else: another certificate, another host', async () => {
    const verify = handler('certificateVerify');
    const results: number[] = [];
    const presented = await presentedCertificate(Number(new URL(origin).port));
    verify({ hostname: '127.0.0.1', certificate: { data: presented } }, (r: number) => results.push(r));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, 'other.key'),
      '-out', path.join(dir, 'other.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    verify({ hostname: '127.0.0.1', certificate: { data: fs.readFileSync(path.join(dir, 'other.pem'), 'utf8') } }, (r: number) => results.push(r));
    verify({ hostname: 'example.org', certificate: { data: presented } }, (r: number) => results.push(r));
    expect(results).toEqual([0, -2, -2]);
    // Chromium's `certificate-error` second chance: the same decision.
    const accepted: boolean[] = [];
    const event = { preventDefault: vi.fn() };
    electron.app.emit('certificate-error', event, contents(), `${origin}/console/`, 'net::ERR_CERT_AUTHORITY_INVALID', { data: presented }, (ok: boolean) => accepted.push(ok));
    electron.app.emit('certificate-error', { preventDefault: vi.fn() }, contents(), 'https://example.org/', 'net::ERR_CERT_AUTHORITY_INVALID', { data: presented }, (ok: boolean) => accepted.push(ok));
    expect(accepted).toEqual([true, false]);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission, every device; cancels requests but the station’s; guards navigation, windows, webviews', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'persistent-storage', 'fullscreen']) {
      handler('permissionRequest')(contents(), permission, (ok: boolean) => answers.push(ok), { requestingUrl: `${origin}/console/` });
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(handler('permissionCheck')(contents(), 'clipboard-sanitized-write', origin)).toBe(false);
    expect(handler('devicePermission')()).toBe(false);
    const cancels: unknown[] = [];
    for (const url of [`${origin}/console/app.js`, `${origin.replace('https', 'wss')}/api/console/live`, 'https://cdn.example/x.js', `http://127.0.0.1:${new URL(origin).port}/`, 'file:///etc/passwd']) {
      handler('beforeRequest')({ url }, (r: unknown) => cancels.push(r));
    }
    expect(cancels).toEqual([{ cancel: false }, { cancel: false }, { cancel: true }, { cancel: true }, { cancel: true }]);
    const away = { preventDefault: vi.fn() };
    const home = { preventDefault: vi.fn() };
    contents().emit('will-navigate', away, `${origin}.evil.example/`);
    contents().emit('will-navigate', home, `${origin}/console/#/board`);
    expect([away.preventDefault.mock.calls.length, home.preventDefault.mock.calls.length]).toEqual([1, 0]);
    const redirect = { preventDefault: vi.fn() };
    contents().emit('will-redirect', redirect, 'https://platform.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(contents().windowOpenHandler!({ url: `${origin}/console/` })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents().emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const foreignDownload = { preventDefault: vi.fn() };
    electron.session.defaultSession.emit('will-download', foreignDownload, { getURL: () => 'https://example.org/x.zip' });
    expect(foreignDownload.preventDefault).toHaveBeenCalled();
  });

  it('keeps the centre key through safeStorage: the manager’s import lands in the sealed file, never in the headless one', async () => {
    const managerPassword = fs.readFileSync(path.join(dataDir, 'demo-manager-password.txt'), 'utf8').trim();
    const login = await call(`${origin}/api/manager/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: managerPassword }) });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { token: string }).token;
    const body = JSON.stringify({
      pkcs12: fs.readFileSync(path.join(dataDir, 'demo-pki', 'centre.p12')).toString('base64'),
      password: fs.readFileSync(path.join(dataDir, 'demo-pki', 'centre-p12-password.txt'), 'utf8').trim(),
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    // The keychain locked: refused in French, nothing written.
    electron.safeStorage.available = false;
    const refused = await call(`${origin}/api/manager/centre-key`, { method: 'POST', headers, body });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'keyStoreUnavailable', message: expect.stringMatching(/^Le trousseau du système/) });
    expect([fs.existsSync(path.join(dataDir, KEYCHAIN_KEY_FILE)), fs.existsSync(path.join(dataDir, CENTRE_KEY_FILE))]).toEqual([false, false]);
    electron.safeStorage.available = true;
    const imported = await call(`${origin}/api/manager/centre-key`, { method: 'POST', headers, body });
    expect(imported.status).toBe(201);
    expect(electron.safeStorage.sealed).toBe(1);
    expect([fs.existsSync(path.join(dataDir, KEYCHAIN_KEY_FILE)), fs.existsSync(path.join(dataDir, CENTRE_KEY_FILE))]).toEqual([true, false]);
  }, 30_000);

  it('menu « Ouvrir le dossier des données » opens the data folder; « Sauvegarder la base… » writes a checked copy where the dialog says', async () => {
    menuItem(MENU_LABELS.openDataFolder)!.click!();
    expect(electron.shell.openPath).toHaveBeenCalledWith(dataDir);
    const target = path.join(dir, 'ma-sauvegarde');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    electron.dialog.showMessageBox.mockClear();
    menuItem(MENU_LABELS.backupDatabase)!.click!();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled(), { timeout: 10_000 });
    expect(electron.dialog.showSaveDialog.mock.calls[0]![1]).toMatchObject({ defaultPath: expect.stringMatching(new RegExp(`^${dir}/passation-sauvegarde-\\d{4}-\\d\\d-\\d\\d-\\d\\dh\\d\\d\\.sqlite$`)) });
    expect(electron.dialog.showMessageBox.mock.calls[0]![1]).toMatchObject({ type: 'info', message: 'La base du centre est sauvegardée.' });
    const copy = new Database(`${target}.sqlite`, { readonly: true, fileMustExist: true });
    try {
      expect(copy.prepare('SELECT COUNT(*) AS n FROM candidates').get()).toEqual({ n: 32 });
    } finally {
      copy.close();
    }
    // The same place again: refused, said in French, the first copy untouched.
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: `${target}.sqlite` });
    electron.dialog.showMessageBox.mockClear();
    menuItem(MENU_LABELS.backupDatabase)!.click!();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled(), { timeout: 10_000 });
    expect(electron.dialog.showMessageBox.mock.calls[0]![1]).toMatchObject({ type: 'error', message: 'La sauvegarde n’a pas été faite.', detail: expect.stringContaining('existe déjà') });
  });

  it('a second launch brings the window forward', () => {
    electron.app.emit('second-instance');
    expect(window().show).toHaveBeenCalled();
    expect(window().focus).toHaveBeenCalled();
  });

  it('asks before quitting during a live session (a pupil checked in), quits only on « Quitter quand même », then closes the server', async () => {
    const quitsBefore = electron.app.quit.mock.calls.length;
    const pair = await call(`${origin}/api/kiosk/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: shell.station.pairingCode.code, name: 'Poste 01' }) });
    const deviceToken = ((await pair.json()) as { deviceToken: string }).deviceToken;
    const checkIn = await call(`${origin}/api/kiosk/check-in`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({ sessionNumber: 1, lastName: 'Martin', firstName: 'Léa', birthDate: '2010-03-14', accessCode: shell.station.demo!.accessCode }),
    });
    expect(checkIn.status).toBe(200);

    electron.dialog.showMessageBox.mockClear();
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    const close = { preventDefault: vi.fn() };
    window().emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(window(), expect.objectContaining({
      type: 'warning', message: 'Une session est en cours (session n° 1 : 1 candidat en attente de confirmation). Quitter quand même ?',
      buttons: ['Annuler', 'Quitter quand même'], cancelId: 0, defaultId: 0,
    }));
    await vi.waitFor(() => expect(electron.dialog.showMessageBox.mock.results[0]!.type).toBe('return'));
    await new Promise((r) => setTimeout(r, 10));
    expect(electron.app.quit.mock.calls.length).toBe(quitsBefore);

    // Cmd+Q / « Quitter »: the same question; this time « Quitter quand même ».
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    const beforeQuit = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit.mock.calls.length).toBe(quitsBefore + 1));
    // Confirmed: the second before-quit and the window's close go through.
    const again = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', again);
    window().emit('close', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    const willQuit = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', willQuit);
    expect(willQuit.preventDefault).toHaveBeenCalled();
    await shell.quit.closed;
    expect(electron.app.exit).toHaveBeenCalledWith(0);
    await expect(call(`${origin}/api/health`)).rejects.toThrow();
  }, 30_000);
});
