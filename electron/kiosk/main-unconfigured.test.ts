import path from 'node:path';
import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { main } = await import('./main');

describe('main() without a config file', () => {
  it('says in French which file is missing, opens no window and exits 1', async () => {
    process.env.PASSATION_KIOSK_CONFIG = path.join(os.tmpdir(), 'no-such-dir', 'kiosk.json');
    await main();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Passation — poste d’examen non configuré',
      `${process.env.PASSATION_KIOSK_CONFIG} : fichier de configuration du poste illisible (ENOENT). Appairez le poste ou déposez ce fichier.`);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });

  it('a second instance quits at once', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    electron.app.quit.mockClear();
    await main();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });
});
