import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { main } = await import('./main');

describe('main() without a usable config (issue 8 §6)', () => {
  it('no config file: the pairing page opens (the shell’s own file, its own preload), no error box', async () => {
    process.env.PASSATION_KIOSK_CONFIG = path.join(os.tmpdir(), 'no-such-dir', 'kiosk.json');
    await main();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(1);
    const [window] = electron.BrowserWindow.created;
    expect(window!.loadFile).toHaveBeenCalledWith(path.join(__dirname, 'pairing.html'));
    expect(window!.options).toMatchObject({ webPreferences: { preload: path.join(__dirname, 'kiosk-pairing-preload.js'), sandbox: true } });
    electron.BrowserWindow.created.length = 0;
  });

  it('an invalid config: its errors in French, no window, exit 1 (it cannot be re-paired from the kiosk)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-invalid-'));
    process.env.PASSATION_KIOSK_CONFIG = path.join(dir, 'kiosk.json');
    fs.writeFileSync(process.env.PASSATION_KIOSK_CONFIG, '{"stationUrl":"http://192.168.1.10/"}');
    await main();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Passation — poste d’examen non configuré',
      expect.stringContaining(`${process.env.PASSATION_KIOSK_CONFIG} : stationUrl — la station se joint en https:// seulement`));
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.BrowserWindow.created).toHaveLength(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a second instance quits at once', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    electron.app.quit.mockClear();
    await main();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });
});
