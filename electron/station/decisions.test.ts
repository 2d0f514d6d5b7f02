import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupMessage, backupTarget, defaultBackupName } from './backup-plan';
import { CERTIFICATE_ACCEPT, CERTIFICATE_REJECT, consoleCertificateDecision, spkiSha256 } from './certificate-trust';
import { consoleNewWindow, consolePermission, isAllowedConsoleRequest, isStationUrl } from './console-guards';
import { jsFlagsOf, memoryDecision, RELAUNCHED_ENV, STATION_JS_FLAGS } from './memory-flags';
import { CANCEL_BUTTON, QUIT_BUTTON, quitDecision } from './quit-policy';
import { MENU_LABELS, stationMenuTemplate } from './station-menu';
import { stationShellOptions } from './station-options';
import { consoleWindowOptions } from './window-options';

/** The station shell's pure decisions (issue 10 §2), each against inputs the glue can hand it. */
let dir: string;
/** openssl-made key pairs: the station's, a certificate renewed on the same key, and another key. */
const certs: Record<'station' | 'renewed' | 'other', string> = { station: '', renewed: '', other: '' };
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-decisions-'));
  const req = (key: string, out: string, newKey: boolean) => execFileSync('openssl', ['req', '-x509',
    ...(newKey ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, key)] : ['-key', path.join(dir, key)]),
    '-out', path.join(dir, out), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  req('station.key', 'station.pem', true);
  req('station.key', 'renewed.pem', false);
  req('other.key', 'other.pem', true);
  for (const name of ['station', 'renewed', 'other'] as const) certs[name] = fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('certificate-trust: the station’s key pinned by SPKI', () => {
  it('computes the SPKI SHA-256 as openssl does (pkey -pubout | sha256)', () => {
    const spkiDer = execFileSync('openssl', ['x509', '-in', path.join(dir, 'station.pem'), '-noout', '-pubkey']);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: spkiDer });
    expect(spkiSha256(certs.station)).toBe(crypto.createHash('sha256').update(der).digest('base64'));
    expect(spkiSha256('pas un certificat')).toBeNull();
  });

  it('accepts the station’s key on its host, a renewed certificate of the same key too; rejects another key, another host, garbage', () => {
    const pinned = { hostname: '127.0.0.1', spki: spkiSha256(certs.station)! };
    expect(consoleCertificateDecision({ hostname: '127.0.0.1', certificate: { data: certs.station } }, pinned)).toEqual({ result: CERTIFICATE_ACCEPT });
    expect(consoleCertificateDecision({ hostname: '127.0.0.1', certificate: { data: certs.renewed } }, pinned)).toEqual({ result: CERTIFICATE_ACCEPT });
    expect(consoleCertificateDecision({ hostname: '127.0.0.1', certificate: { data: certs.other } }, pinned)).toEqual({
      result: CERTIFICATE_REJECT, reason: `clé inattendue (SPKI SHA-256 ${spkiSha256(certs.other)}) : ce n’est pas le certificat de ce poste` });
    expect(consoleCertificateDecision({ hostname: 'station.lan', certificate: { data: certs.station } }, pinned).result).toBe(CERTIFICATE_REJECT);
    expect(consoleCertificateDecision({ hostname: '127.0.0.1', certificate: { data: '' } }, pinned)).toEqual({ result: CERTIFICATE_REJECT, reason: 'certificat illisible' });
    expect(consoleCertificateDecision({ hostname: '[::1]', certificate: { data: certs.station } }, { hostname: '::1', spki: pinned.spki }).result).toBe(CERTIFICATE_ACCEPT);
  });
});

describe('console-guards', () => {
  const origin = 'https://127.0.0.1:8443';
  it('navigation: the station’s origin over https only, compared parsed', () => {
    expect(isStationUrl('https://127.0.0.1:8443/console/#/board', origin)).toBe(true);
    for (const url of ['https://127.0.0.1:8443.evil.example/', 'http://127.0.0.1:8443/console/', 'https://127.0.0.1:8444/', 'https://user:pw@127.0.0.1:8443/',
      'file:///etc/passwd', 'javascript:alert(1)', 'https://localhost:8443/', 'pas une adresse']) {
      expect(isStationUrl(url, origin), url).toBe(false);
    }
  });

  it('requests: the station (https, wss), data: and blob:; devtools: only in a development run', () => {
    expect(isAllowedConsoleRequest('wss://127.0.0.1:8443/api/console/live', origin, false)).toBe(true);
    expect(isAllowedConsoleRequest('ws://127.0.0.1:8443/api/console/live', origin, false)).toBe(false);
    expect(isAllowedConsoleRequest('data:image/png;base64,AAAA', origin, false)).toBe(true);
    expect(isAllowedConsoleRequest('blob:https://127.0.0.1:8443/uuid', origin, false)).toBe(true);
    expect(isAllowedConsoleRequest('devtools://devtools/bundled/inspector.html', origin, false)).toBe(false);
    expect(isAllowedConsoleRequest('devtools://devtools/bundled/inspector.html', origin, true)).toBe(true);
    expect(isAllowedConsoleRequest('https://fonts.googleapis.com/css', origin, true)).toBe(false);
  });

  it('any URL off the origin is refused, whatever its path (property)', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
      const allowed = isStationUrl(url, origin);
      expect(allowed).toBe(new URL(url).origin === origin && new URL(url).username === '');
    }));
  });

  it('permissions all denied; new windows denied', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'persistent-storage', 'fullscreen', 'openExternal', 'a-future-permission']) {
      expect(consolePermission(p)).toBe(false);
    }
    expect(consoleNewWindow()).toEqual({ action: 'deny' });
  });
});

describe('quitDecision', () => {
  it('quits at once when no session has anyone at work', () => {
    expect(quitDecision([])).toEqual({ action: 'quit' });
    expect(quitDecision([{ sessionNumber: 4, inTest: 0, waiting: 0 }])).toEqual({ action: 'quit' });
  });

  it('asks in French, « Annuler » first and the default, naming the session and who is at work', () => {
    const one = quitDecision([{ sessionNumber: 12, inTest: 3, waiting: 1 }]);
    expect(one).toEqual({ action: 'confirm', dialog: {
      type: 'warning', title: 'Passation — quitter le poste du surveillant',
      message: 'Une session est en cours (session n° 12 : 3 candidats en test, 1 candidat en attente de confirmation). Quitter quand même ?',
      detail: 'Tant que ce poste est fermé, les bornes ne joignent plus la station : elles gardent les réponses et les envoient à sa réouverture, mais la surveillance s’arrête.',
      buttons: ['Annuler', 'Quitter quand même'], defaultId: CANCEL_BUTTON, cancelId: CANCEL_BUTTON, noLink: true,
    } });
    expect([CANCEL_BUTTON, QUIT_BUTTON]).toEqual([0, 1]);
    const two = quitDecision([{ sessionNumber: 3, inTest: 1, waiting: 0 }, { sessionNumber: 4, inTest: 0, waiting: 0 }, { sessionNumber: 5, inTest: 0, waiting: 2 }]);
    expect(two.action === 'confirm' && two.dialog.message).toBe('Des sessions sont en cours (session n° 3 : 1 candidat en test ; session n° 5 : 2 candidats en attente de confirmation). Quitter quand même ?');
  });

  it('asks exactly when someone is in test or waiting, and names every such session (property)', () => {
    const activity = fc.array(fc.record({ sessionNumber: fc.integer({ min: 1, max: 9999 }), inTest: fc.nat(40), waiting: fc.nat(40) }), { maxLength: 5 });
    fc.assert(fc.property(activity, (sessions) => {
      const decision = quitDecision(sessions);
      const live = sessions.filter((s) => s.inTest + s.waiting > 0);
      expect(decision.action).toBe(live.length > 0 ? 'confirm' : 'quit');
      if (decision.action === 'confirm') for (const s of live) expect(decision.dialog.message).toContain(`session n° ${s.sessionNumber} :`);
    }));
  });
});

describe('stationMenuTemplate', () => {
  const actions = { openDataFolder: () => undefined, backupDatabase: () => undefined };
  const labels = (items: readonly { label?: string; role?: string; type?: string; submenu?: unknown }[]): string[] =>
    items.flatMap((i) => [i.label ?? `(${i.type ?? i.role})`, ...(Array.isArray(i.submenu) ? labels(i.submenu as never[]).map((l) => `  ${l}`) : [])]);

  it('in French: Fichier (data folder, backup, quit), Édition, Affichage, Fenêtre; no devtools in production', () => {
    const production = stationMenuTemplate(actions, { platform: 'win32', devTools: false });
    expect(labels(production)).toEqual(['Fichier', `  ${MENU_LABELS.openDataFolder}`, `  ${MENU_LABELS.backupDatabase}`, '  (separator)', '  Quitter',
      'Édition', '  Annuler', '  Rétablir', '  (separator)', '  Couper', '  Copier', '  Coller', '  Tout sélectionner',
      'Affichage', '  Taille réelle', '  Zoom avant', '  Zoom arrière', '  (separator)', '  Plein écran',
      'Fenêtre', '  Réduire', '  Agrandir', '  Fermer']);
    expect(JSON.stringify(production)).not.toMatch(/toggleDevTools|reload/i);
    const development = stationMenuTemplate(actions, { platform: 'linux', devTools: true });
    expect(labels(development)).toContain('  Outils de développement');
    expect(labels(stationMenuTemplate(actions, { platform: 'darwin', devTools: false }))[0]).toBe('Passation');
  });

  it('the two items call their action', () => {
    const called: string[] = [];
    const menu = stationMenuTemplate({ openDataFolder: () => called.push('dossier'), backupDatabase: () => called.push('sauvegarde') }, { platform: 'linux', devTools: false });
    for (const item of (menu[0]!.submenu as { click?: () => void }[])) item.click?.();
    expect(called).toEqual(['dossier', 'sauvegarde']);
  });
});

describe('backup-plan', () => {
  it('proposes a dated name, adds .sqlite when the dialog gave none, words the result in French', () => {
    expect(defaultBackupName(new Date(2026, 11, 2, 9, 5))).toBe('passation-sauvegarde-2026-12-02-09h05.sqlite');
    expect(backupTarget('/home/x/sauvegarde')).toBe('/home/x/sauvegarde.sqlite');
    expect(backupTarget('/home/x/sauvegarde.db')).toBe('/home/x/sauvegarde.db');
    expect(backupMessage({ ok: true, file: '/media/cle/b.sqlite', pages: 42 })).toMatchObject({ type: 'info', message: 'La base du centre est sauvegardée.', detail: expect.stringContaining('/media/cle/b.sqlite (42 pages, vérifiée)') });
    expect(backupMessage({ ok: false, message: 'dossier introuvable : /media/cle' })).toEqual({ type: 'error', title: 'Sauvegarder la base',
      message: 'La sauvegarde n’a pas été faite.', detail: 'Motif : dossier introuvable : /media/cle. Rien n’a été écrit.' });
  });
});

describe('memoryDecision (V8 flags reach the main process from its command line only)', () => {
  it('continues when the launcher gave the flags, in either form', () => {
    expect(memoryDecision(['electron', '/app', `--js-flags=${STATION_JS_FLAGS}`], {}, 'linux')).toEqual({ action: 'continue' });
    expect(memoryDecision(['electron', '--js-flags', `--expose-gc ${STATION_JS_FLAGS}`, '/app'], {}, 'linux')).toEqual({ action: 'continue' });
  });

  it('relaunches once with the flags (replacing weaker ones), the same arguments otherwise, and glibc’s trim threshold on Linux', () => {
    expect(memoryDecision(['/opt/Passation/passation-station', '--demo', '--js-flags=--max-old-space-size=4096'], {}, 'linux')).toEqual({
      action: 'relaunch', args: ['--demo', `--js-flags=${STATION_JS_FLAGS}`], env: { [RELAUNCHED_ENV]: '1', MALLOC_TRIM_THRESHOLD_: '65536' } });
    expect(memoryDecision(['C:\\Passation\\passation-station.exe'], {}, 'win32')).toEqual({ action: 'relaunch', args: [`--js-flags=${STATION_JS_FLAGS}`], env: { [RELAUNCHED_ENV]: '1' } });
    expect(memoryDecision(['electron', '/app'], { MALLOC_TRIM_THRESHOLD_: '131072' }, 'linux')).toMatchObject({ env: { [RELAUNCHED_ENV]: '1' } });
  });

  it('never relaunches twice (a launcher that drops the switch would loop)', () => {
    expect(memoryDecision(['electron', '/app'], { [RELAUNCHED_ENV]: '1' }, 'linux')).toMatchObject({ action: 'continueWithoutLimits' });
    expect(jsFlagsOf(['x', '--js-flags=a', '--', '--js-flags=b'])).toBe('a');
  });
});

describe('stationShellOptions', () => {
  it('defaults: the user’s data folder (the headless station’s), port 8443, every address; --demo in its own folder', () => {
    expect(stationShellOptions(['/app'], { HOME: '/home/prof', XDG_CONFIG_HOME: '/home/prof/.config' }, 'linux')).toEqual({ ok: true, value: { dataDir: '/home/prof/.config/Passation', port: 8443, host: '0.0.0.0', demo: false } });
    expect(stationShellOptions(['/app', '--demo', '--no-sandbox'], { PASSATION_DATA_DIR: '/srv/passation' }, 'linux')).toEqual({ ok: true, value: { dataDir: '/srv/passation/demo', port: 8443, host: '0.0.0.0', demo: true } });
    expect(stationShellOptions(['--data-dir', '/tmp/d', '--port', '0', '--host', '127.0.0.1', `--js-flags=${STATION_JS_FLAGS}`], {}, 'linux')).toEqual({ ok: true, value: { dataDir: '/tmp/d', port: 0, host: '127.0.0.1', demo: false } });
  });

  it('refuses a bad port or an empty folder in French, naming the option', () => {
    expect(stationShellOptions(['--port', '99999'], {}, 'linux')).toEqual({ ok: false, error: '--port : numéro de port attendu, de 0 à 65535 (reçu « 99999 »).' });
    expect(stationShellOptions(['--port', 'huit'], {}, 'linux')).toMatchObject({ ok: false, error: expect.stringMatching(/^--port/) });
    expect(stationShellOptions(['--data-dir', ' '], {}, 'linux')).toEqual({ ok: false, error: '--data-dir : dossier attendu.' });
  });
});

describe('consoleWindowOptions (the Electron security checklist)', () => {
  const web = consoleWindowOptions({ devTools: false }).webPreferences!;
  it('isolates the page: context isolation, sandbox, no Node, web security, no insecure content, no webview, no preload', () => {
    expect(web).toEqual({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, devTools: false,
      navigateOnDragDrop: false, spellcheck: false, safeDialogs: true, enableWebSQL: false,
    });
    for (const key of ['preload', 'enableBlinkFeatures', 'additionalArguments', 'partition', 'enableRemoteModule', 'plugins']) expect(web, key).not.toHaveProperty(key);
    expect(consoleWindowOptions({ devTools: true }).webPreferences!.devTools).toBe(true);
  });
});
