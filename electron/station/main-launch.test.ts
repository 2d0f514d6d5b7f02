import { describe, expect, it, vi } from 'vitest';
import { RELAUNCHED_ENV, STATION_JS_FLAGS } from './memory-flags';

vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { main } = await import('./main');

/** What main() does before any server starts: the V8 relaunch, the second instance, a bad command line. */
describe('main() before the station starts', () => {
  it('started without the V8 limits: relaunches itself once with them, before anything else', async () => {
    const previous = process.env[RELAUNCHED_ENV];
    expect(await main(['/opt/passation-station', '--demo'], {})).toBeNull();
    expect(electron.app.relaunch).toHaveBeenCalledWith({ args: ['--demo', `--js-flags=${STATION_JS_FLAGS}`] });
    expect(electron.app.exit).toHaveBeenCalledWith(0);
    expect(process.env[RELAUNCHED_ENV]).toBe('1');
    expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
    if (previous === undefined) delete process.env[RELAUNCHED_ENV]; else process.env[RELAUNCHED_ENV] = previous;
  });

  it('a second instance quits at once (the first one is brought forward)', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    electron.app.quit.mockClear();
    expect(await main(['electron', '/app', `--js-flags=${STATION_JS_FLAGS}`], {})).toBeNull();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });

  it('a bad command line: a French error box, exit 2, no server, no window', async () => {
    electron.app.exit.mockClear();
    expect(await main(['electron', '/app', `--js-flags=${STATION_JS_FLAGS}`, '--port', '70000'], {})).toBeNull();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Passation — poste du surveillant', '--port : numéro de port attendu, de 0 à 65535 (reçu « 70000 »).');
    expect(electron.app.exit).toHaveBeenCalledWith(2);
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });
});
