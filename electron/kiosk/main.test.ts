import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KioskEvent } from '../../shared/formats/kiosk-api';
import { parseAttestation } from '../../shared/formats/kiosk-attestation';
import { hashAdminCode } from './admin-code';
import { KioskChannel } from './ipc-channels';
import { pairingSituation } from './pairing';
import { readConfigOnDisk } from './pairing-flow';
import { kioskWindowOptions } from './window-options';

// The Electron binary cannot run here (stack.md): `electron` is replaced by a recorder, and the test drives the
// handlers main() registered the way Electron would call them. Everything behind them is the real code.
vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { main, TECHNICIAN_EXIT_GRACE_MS, TECHNICIAN_LOG_FILE } = await import('./main');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-main-'));
let stationPem = '';
let otherPem = '';
let fingerprint = '';

function certificate(name: string): string {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, `${name}.key`),
    '-out', path.join(dir, `${name}.pem`), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8');
}

const window = () => electron.BrowserWindow.created[0]!;
const contents = () => window().webContents;
const handler = (name: string) => electron.session.defaultSession.handlers[name] as (...args: unknown[]) => unknown;
const trustedEvent = () => ({ sender: contents(), senderFrame: contents().mainFrame });
const invoke = (channel: KioskChannel, event: unknown, ...args: unknown[]) => electron.ipcMain.invokeHandlers.get(channel)!(event, ...args);
const technicianLog = () => fs.readFileSync(path.join(dir, TECHNICIAN_LOG_FILE), 'utf8').trim().split('\n').map((l) => l.replace(/^\S+ /, ''));
const lockdownEventsSent = () => contents().sent.filter((s) => s.channel === KioskChannel.LockdownEvent).map((s) => s.args[0] as { kind: string; clientEventId: string });

beforeAll(async () => {
  stationPem = certificate('station');
  otherPem = certificate('other');
  fingerprint = execFileSync('openssl', ['x509', '-in', path.join(dir, 'station.pem'), '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1]!;
  fs.writeFileSync(path.join(dir, 'token'), 'pk_abcdefghijklmnopqrstuvwxyz012345\n');
  fs.writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({
    stationUrl: 'https://127.0.0.1:8443/', certificateFingerprint: fingerprint, deviceTokenFile: path.join(dir, 'token'),
    adminCodeHash: hashAdminCode('7391', undefined, { N: 1024, r: 8, p: 1 }),
  }));
  process.env.PASSATION_KIOSK_CONFIG = path.join(dir, 'kiosk.json');
  electron.screen.displays = [electron.fakeDisplay(1, 0), electron.fakeDisplay(2, 1366)];
  electron.app.getPath.mockReturnValue(dir);
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
  await main();
});
afterAll(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('main(): what the kiosk shell registers (kiosk-lockdown §2)', () => {
  it('takes the single-instance lock, keeps the display awake, and opens one kiosk window on the station\'s /kiosk/', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect(window().options).toEqual(kioskWindowOptions(path.join(__dirname, 'kiosk-preload.js')));
    expect(window().setAlwaysOnTop).toHaveBeenCalledWith(true, 'screen-saver');
    expect(window().setContentProtection).toHaveBeenCalledWith(true);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(window().loadURL).toHaveBeenCalledWith('https://127.0.0.1:8443/kiosk/');
    expect(electron.clipboard.clear).toHaveBeenCalled();
  });

  it('refuses to close the window', () => {
    const event = { preventDefault: vi.fn() };
    window().emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('pins the station\'s certificate (openssl-made) and rejects another for the same address', () => {
    const verify = handler('certificateVerify');
    const results: number[] = [];
    verify({ hostname: '127.0.0.1', certificate: { data: stationPem } }, (r: number) => results.push(r));
    verify({ hostname: '127.0.0.1', certificate: { data: otherPem } }, (r: number) => results.push(r));
    expect(results).toEqual([0, -2]);
  });

  it('denies permissions but persistent-storage for the station, and all devices', () => {
    const answers: boolean[] = [];
    handler('permissionRequest')(contents(), 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'https://127.0.0.1:8443/kiosk/' });
    handler('permissionRequest')(contents(), 'persistent-storage', (ok: boolean) => answers.push(ok), { requestingUrl: 'https://127.0.0.1:8443/kiosk/' });
    expect(answers).toEqual([false, true]);
    expect(handler('permissionCheck')(contents(), 'clipboard-read', 'https://127.0.0.1:8443')).toBe(false);
    expect(handler('devicePermission')()).toBe(false);
  });

  it('cancels requests elsewhere, signs requests to the station, and blocks downloads', () => {
    const cancels: unknown[] = [];
    handler('beforeRequest')({ url: 'https://cdn.example/x.js' }, (r: unknown) => cancels.push(r));
    handler('beforeRequest')({ url: 'https://127.0.0.1:8443/kiosk/app.js' }, (r: unknown) => cancels.push(r));
    expect(cancels).toEqual([{ cancel: true }, { cancel: false }]);
    let headers: Record<string, string> = {};
    handler('beforeSendHeaders')({ url: 'https://127.0.0.1:8443/api/kiosk/me', method: 'GET', requestHeaders: {} }, (r: { requestHeaders: Record<string, string> }) => { headers = r.requestHeaders; });
    expect(headers.Authorization).toBe('Bearer pk_abcdefghijklmnopqrstuvwxyz012345');
    expect(parseAttestation(headers['x-passation-attestation']!).ok).toBe(true);
    const download = { preventDefault: vi.fn() };
    electron.session.defaultSession.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('guards navigation, new windows and webviews', () => {
    const away = { preventDefault: vi.fn() };
    const home = { preventDefault: vi.fn() };
    contents().emit('will-navigate', away, 'https://127.0.0.1:8443.evil.example/');
    contents().emit('will-navigate', home, 'https://127.0.0.1:8443/kiosk/test');
    expect(away.preventDefault).toHaveBeenCalled();
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(contents().windowOpenHandler!({ url: 'https://127.0.0.1:8443/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents().emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('answers the status only to the kiosk page\'s top frame', async () => {
    expect(await invoke(KioskChannel.Status, trustedEvent())).toMatchObject({ shellVersion: '0.1.0', stationOrigin: 'https://127.0.0.1:8443', fullscreen: true, attestation: { active: true } });
    expect(() => invoke(KioskChannel.Status, { sender: contents(), senderFrame: { url: 'https://127.0.0.1:8443/embed' } })).toThrow('Appel refusé : il ne vient pas de la page de la station.');
    expect(() => invoke(KioskChannel.Status, { sender: new electron.FakeWebContents(), senderFrame: contents().mainFrame })).toThrow('Appel refusé');
  });

  it('gives the page, once subscribed, the events seen before it (a second display at start), then each new one, until acknowledged', () => {
    electron.ipcMain.emit(KioskChannel.SubscribeLockdownEvents, trustedEvent());
    expect(lockdownEventsSent().map((e) => e.kind)).toEqual(['secondDisplayAtStart']);
    const f5 = { preventDefault: vi.fn() };
    contents().emit('before-input-event', f5, { type: 'keyDown', key: 'F5', code: 'F5', control: false, alt: false, shift: false, meta: false });
    expect(f5.preventDefault).toHaveBeenCalled();
    const typing = { preventDefault: vi.fn() };
    contents().emit('before-input-event', typing, { type: 'keyDown', key: 'é', code: 'Digit2', control: false, alt: false, shift: false, meta: false });
    expect(typing.preventDefault).not.toHaveBeenCalled();
    const held = { preventDefault: vi.fn() };
    contents().emit('before-input-event', held, { type: 'keyDown', key: 'F5', code: 'F5', control: false, alt: false, shift: false, meta: false, isAutoRepeat: true });
    expect(held.preventDefault).toHaveBeenCalled();
    window().emit('blur');
    expect(lockdownEventsSent().map((e) => e.kind)).toEqual(['secondDisplayAtStart', 'forbiddenKey', 'focusLost']);
    for (const e of lockdownEventsSent()) expect(KioskEvent.safeParse(e).success).toBe(true);

    electron.ipcMain.emit(KioskChannel.AcknowledgeLockdownEvents, trustedEvent(), lockdownEventsSent().slice(0, 2).map((e) => e.clientEventId));
    contents().sent = [];
    electron.ipcMain.emit(KioskChannel.SubscribeLockdownEvents, trustedEvent());
    expect(lockdownEventsSent().map((e) => e.kind)).toEqual(['focusLost']);
  });

  it('reports a display plugged in during the test', () => {
    electron.screen.displays = [...electron.screen.displays, electron.fakeDisplay(3, 2732)];
    electron.screen.emit('display-added');
    expect(lockdownEventsSent().map((e) => e.kind)).toContain('displayAdded');
  });

  it('reloads the page when its renderer dies', () => {
    contents().emit('render-process-gone', {}, { reason: 'crashed' });
    expect(contents().reload).toHaveBeenCalledTimes(1);
  });

  it('the technician chord tells the page; a wrong code is refused; the right one logs and quits after a grace', async () => {
    const chord = { preventDefault: vi.fn() };
    contents().emit('before-input-event', chord, { type: 'keyDown', key: 'F10', code: 'F10', control: true, alt: true, shift: true, meta: false });
    expect(contents().sent.some((s) => s.channel === KioskChannel.TechnicianChord)).toBe(true);
    expect(await invoke(KioskChannel.TechnicianExit, trustedEvent(), { adminCode: '0000' })).toEqual({ ok: false, error: { code: 'wrongAdminCode', message: 'Code administrateur incorrect (4 essai(s) restant(s)).', remainingAttempts: 4 } });
    expect(await invoke(KioskChannel.TechnicianExit, { sender: {}, senderFrame: null }, { adminCode: '7391' })).toMatchObject({ ok: false, error: { code: 'untrustedSender' } });
    expect(await invoke(KioskChannel.TechnicianExit, trustedEvent(), { adminCode: '7391' })).toEqual({ ok: true, value: { exiting: true } });
    expect(lockdownEventsSent().map((e) => e.kind)).toContain('technicianExit');
    expect(electron.app.quit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(TECHNICIAN_EXIT_GRACE_MS);
    expect(electron.app.quit).toHaveBeenCalled();
    const close = { preventDefault: vi.fn() };
    window().emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
  });

  it('« Appairer de nouveau »: a wrong code refused; a token that cannot be removed refused, in French, the kiosk as it was', async () => {
    expect(await invoke(KioskChannel.TechnicianRepairing, { sender: contents(), senderFrame: { url: 'https://127.0.0.1:8443/embed' } }, { adminCode: '7391' })).toMatchObject({ ok: false, error: { code: 'untrustedSender' } });
    expect(await invoke(KioskChannel.TechnicianRepairing, trustedEvent(), { adminCode: 7391 })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await invoke(KioskChannel.TechnicianRepairing, trustedEvent(), { adminCode: '0000' })).toEqual({
      ok: false, error: { code: 'wrongAdminCode', message: 'Code administrateur incorrect (4 essai(s) restant(s)).', remainingAttempts: 4 },
    });
    // A real failure of the removal: the token's path is a folder for a moment.
    const token = path.join(dir, 'token');
    fs.renameSync(token, `${token}.kept`);
    fs.mkdirSync(token);
    const refused = await invoke(KioskChannel.TechnicianRepairing, trustedEvent(), { adminCode: '7391' }) as { ok: false; error: { code: string; message: string } };
    fs.rmdirSync(token);
    fs.renameSync(`${token}.kept`, token);
    expect(refused.error.code).toBe('deviceTokenNotRemoved');
    expect(refused.error.message).toContain(`Jeton de poste non supprimé (`);
    expect(refused.error.message).toContain(token);
    expect(lockdownEventsSent().map((e) => e.kind)).not.toContain('technicianRepairing');
    vi.advanceTimersByTime(TECHNICIAN_EXIT_GRACE_MS);
    expect(electron.app.relaunch).not.toHaveBeenCalled();
  });

  it('« Appairer de nouveau » with the admin code: the token removed, logged, then relaunched into the re-pairing page', async () => {
    const token = path.join(dir, 'token');
    expect(await invoke(KioskChannel.TechnicianRepairing, trustedEvent(), { adminCode: '7391' })).toEqual({ ok: true, value: { relaunching: true } });
    expect(fs.existsSync(token)).toBe(false);
    const logged = lockdownEventsSent().filter((e) => e.kind === 'technicianRepairing');
    expect(logged).toHaveLength(1);
    expect(KioskEvent.safeParse(logged[0]).success).toBe(true);
    // The page still sends it signed with the token in memory during the grace.
    let headers: Record<string, string> = {};
    handler('beforeSendHeaders')({ url: 'https://127.0.0.1:8443/api/kiosk/events', method: 'POST', requestHeaders: {} }, (r: { requestHeaders: Record<string, string> }) => { headers = r.requestHeaders; });
    expect(headers.Authorization).toBe('Bearer pk_abcdefghijklmnopqrstuvwxyz012345');
    expect(electron.app.relaunch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(TECHNICIAN_EXIT_GRACE_MS);
    expect(electron.app.relaunch).toHaveBeenCalledTimes(1);
    expect(electron.app.exit).toHaveBeenCalledWith(0);
    // What the relaunch finds: the pairing rules' re-pairing case, with this config's station and admin code.
    const onDisk = readConfigOnDisk(path.join(dir, 'kiosk.json'));
    expect(onDisk.kind).toBe('tokenUnusable');
    expect(pairingSituation(onDisk, path.join(dir, 'kiosk.json'))).toMatchObject({ mode: 'repair', stationUrl: 'https://127.0.0.1:8443/' });
    fs.writeFileSync(token, 'pk_abcdefghijklmnopqrstuvwxyz012345\n');
  });

  it('the exit and the re-pairing share one lockout: five wrong codes across both lock both', async () => {
    const tries = [KioskChannel.TechnicianExit, KioskChannel.TechnicianRepairing, KioskChannel.TechnicianExit, KioskChannel.TechnicianRepairing, KioskChannel.TechnicianExit];
    const codes: string[] = [];
    for (const channel of tries) codes.push(((await invoke(channel, trustedEvent(), { adminCode: 'faux' })) as { error: { code: string } }).error.code);
    expect(codes).toEqual(['wrongAdminCode', 'wrongAdminCode', 'wrongAdminCode', 'wrongAdminCode', 'technicianLocked']);
    expect(await invoke(KioskChannel.TechnicianRepairing, trustedEvent(), { adminCode: '7391' })).toMatchObject({ ok: false, error: { code: 'technicianLocked', lockedMinutes: 5 } });
    expect(await invoke(KioskChannel.TechnicianExit, trustedEvent(), { adminCode: '7391' })).toMatchObject({ ok: false, error: { code: 'technicianLocked' } });
  });

  it('logs every try of the admin code in technician.log (user-data folder), with what came of it, never the code', () => {
    const text = fs.readFileSync(path.join(dir, TECHNICIAN_LOG_FILE), 'utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z sortie technicien : refusée \(wrongAdminCode\) /);
    expect(text).not.toMatch(/7391|0000|faux/);
    expect(technicianLog()).toEqual([
      'sortie technicien : refusée (wrongAdminCode) Code administrateur incorrect (4 essai(s) restant(s)).',
      'sortie technicien : acceptée',
      'nouvel appairage : refusée (badRequest) Code administrateur attendu (1 à 64 caractères).',
      'nouvel appairage : refusée (wrongAdminCode) Code administrateur incorrect (4 essai(s) restant(s)).',
      expect.stringMatching(/^nouvel appairage : refusée \(deviceTokenNotRemoved\) Jeton de poste non supprimé/),
      'nouvel appairage : acceptée',
      'sortie technicien : refusée (wrongAdminCode) Code administrateur incorrect (4 essai(s) restant(s)).',
      'nouvel appairage : refusée (wrongAdminCode) Code administrateur incorrect (3 essai(s) restant(s)).',
      'sortie technicien : refusée (wrongAdminCode) Code administrateur incorrect (2 essai(s) restant(s)).',
      'nouvel appairage : refusée (wrongAdminCode) Code administrateur incorrect (1 essai(s) restant(s)).',
      'sortie technicien : refusée (technicianLocked) Trop d’essais : sortie technicien bloquée 5 min.',
      'nouvel appairage : refusée (technicianLocked) Trop d’essais : sortie technicien bloquée encore 5 min.',
      'sortie technicien : refusée (technicianLocked) Trop d’essais : sortie technicien bloquée encore 5 min.',
    ]);
  });

  it('refuses an attachment no permitted application opens, in French', async () => {
    const answer = await invoke(KioskChannel.OpenAttachment, trustedEvent(), { url: 'https://127.0.0.1:8443/a/1', fileName: 'x.ods', mediaType: 'application/vnd.oasis.opendocument.spreadsheet', sha256: 'a'.repeat(64), entryToken: 'pe_entree' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'noPermittedApplication' } });
  });
});

describe('main(): shell integrity', () => {
  it('reports a config file changed during the test (polled)', async () => {
    const { INTEGRITY_POLL_MS } = await import('./lockdown-monitors');
    const file = path.join(dir, 'kiosk.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...config, kioskName: 'changé' }));
    vi.advanceTimersByTime(INTEGRITY_POLL_MS);
    expect(lockdownEventsSent().map((e) => e.kind)).toContain('shellIntegrity');
  });
});
