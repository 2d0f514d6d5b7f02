import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { PairingFlow } from './pairing-flow';
import { PairingChannel } from './ipc-channels';

vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { openPairingWindow } = await import('./pairing-window');

/**
 * Issue 8 §6 — the pairing page's glue, driven as Electron would (the binary is missing here: vi.mock('electron'),
 * typechecked against the real types). The flow is a recorder: its real run is pairing-flow.test.ts.
 */
const PAGE = path.join('/opt/passation-kiosk/resources/app', 'pairing.html');
const situation = { mode: 'first' as const, stationUrl: null, kioskName: null, reason: null, configFile: '/etc/passation/kiosk.json' };

function open(pairAnswer: Awaited<ReturnType<PairingFlow['pair']>>) {
  const calls: unknown[] = [];
  const flow: PairingFlow = {
    situation,
    fetchCertificate: async (request) => { calls.push(['certificate', request]); return { ok: true, value: { stationUrl: 'https://s/', fingerprint: 'AB' } }; },
    pair: async (request) => { calls.push(['pair', request]); return pairAnswer; },
  };
  const onPaired = vi.fn();
  const window = openPairingWindow({ flow, session: electron.session.defaultSession as never, preloadPath: '/app/kiosk-pairing-preload.js', pageFile: PAGE, onPaired }) as unknown as InstanceType<typeof electron.BrowserWindow>;
  const contents = window.webContents;
  const fromPage = { sender: contents, senderFrame: contents.mainFrame };
  const invoke = (channel: PairingChannel, event: unknown, ...args: unknown[]) => electron.ipcMain.invokeHandlers.get(channel)!(event, ...args);
  return { window, contents, fromPage, invoke, calls, onPaired };
}

describe('the pairing window', () => {
  it('loads the shell’s own page with its own sandboxed preload, the security webPreferences of the kiosk', () => {
    const { window } = open({ ok: false, errors: [] });
    expect(window.loadFile).toHaveBeenCalledWith(PAGE);
    expect(window.options).toMatchObject({ title: 'Passation — appairage du poste', webPreferences: {
      preload: '/app/kiosk-pairing-preload.js', sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, devTools: false, webviewTag: false,
    } });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('its session: the page’s own files only, every permission denied; no navigation, no new window', () => {
    const { contents } = open({ ok: false, errors: [] });
    const handlers = electron.session.defaultSession.handlers as Record<string, (...args: unknown[]) => unknown>;
    const folder = pathToFileURL(path.dirname(PAGE)).href;
    const verdict = (url: string) => { let out: unknown; handlers.beforeRequest!({ url }, (r: unknown) => { out = r; }); return out; };
    expect(verdict(`${folder}/pairing-page.js`)).toEqual({ cancel: false });
    expect(verdict('https://192.168.1.10:8443/api/kiosk/pair')).toEqual({ cancel: true });
    expect(verdict('file:///etc/passation/kiosk.json')).toEqual({ cancel: true });
    let granted: unknown;
    handlers.permissionRequest!(contents, 'media', (g: boolean) => { granted = g; });
    expect(granted).toBe(false);
    expect(handlers.permissionCheck!()).toBe(false);
    const navigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
  });

  it('answers its page only: another frame or another window is refused', async () => {
    const { contents, fromPage, invoke, calls } = open({ ok: false, errors: [] });
    expect(await invoke(PairingChannel.Situation, fromPage)).toEqual(situation);
    expect(await invoke(PairingChannel.FetchCertificate, fromPage, { stationAddress: 's' })).toEqual({ ok: true, value: { stationUrl: 'https://s/', fingerprint: 'AB' } });
    const iframe = { sender: contents, senderFrame: { url: contents.mainFrame.url } };
    const otherWindow = { sender: new electron.FakeWebContents(), senderFrame: contents.mainFrame };
    for (const event of [iframe, otherWindow]) {
      expect(() => invoke(PairingChannel.Situation, event)).toThrow('Appel refusé : il ne vient pas de la page d’appairage.');
      await expect(invoke(PairingChannel.Pair, event, {})).rejects.toThrow('Appel refusé');
    }
    expect(calls).toEqual([['certificate', { stationAddress: 's' }]]);
  });

  it('a refused pairing goes back to the page as is; a success relaunches the shell after the page said so', async () => {
    const refused = open({ ok: false, errors: [{ field: 'code', message: 'Code d’appairage inconnu' }] });
    expect(await refused.invoke(PairingChannel.Pair, refused.fromPage, { code: '1' })).toEqual({ ok: false, errors: [{ field: 'code', message: 'Code d’appairage inconnu' }] });
    expect(refused.onPaired).not.toHaveBeenCalled();
    vi.useFakeTimers();
    try {
      const paired = open({ ok: true, value: { config: { stationUrl: 'https://s/' } as never, kioskId: 7 } });
      expect(await paired.invoke(PairingChannel.Pair, paired.fromPage, {})).toEqual({ ok: true, value: { relaunching: true } });
      expect(paired.onPaired).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1_500);
      expect(paired.onPaired).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });
});
