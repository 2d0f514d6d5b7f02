import { describe, expect, it } from 'vitest';
import { STATION_V8_FLAGS } from '../electron/centre/station-runner';
import { NO_ELECTRON_NOTICE, SQLITE_FOR_ELECTRON_HINT, SQLITE_FOR_NODE_NOTICE, sqliteBuild, startMode } from './start-mode';

/** `npm start` (issue 10 §3): the shell where Electron can run, the headless demo station everywhere else. */
const base = { electronBinary: '/repo/node_modules/electron/dist/electron', appDir: '/repo/electron/station/app', passThrough: [] as string[], platform: 'linux' as const, sqliteBuild: 'other' as const };

describe('startMode', () => {
  it('no Electron binary: headless, saying so (the newcomer’s machine, CI)', () => {
    expect(startMode({ ...base, electronBinary: null, sqliteBuild: 'node', env: { DISPLAY: ':0' } })).toEqual({ mode: 'headless', notice: NO_ELECTRON_NOTICE });
    // Rebuilt for Electron but no Electron: headless would not open the database; the notice says how to come back.
    expect(startMode({ ...base, electronBinary: null, env: {} })).toEqual({ mode: 'headless', notice: `${NO_ELECTRON_NOTICE} ${SQLITE_FOR_ELECTRON_HINT}` });
  });

  it('the binary but no screen (a Linux server, SSH): headless', () => {
    expect(startMode({ ...base, env: {} })).toMatchObject({ mode: 'headless', notice: expect.stringContaining('Aucun écran graphique') });
  });

  it('PASSATION_HEADLESS=1: headless even with Electron and a screen', () => {
    expect(startMode({ ...base, env: { DISPLAY: ':0', PASSATION_HEADLESS: '1' } })).toMatchObject({ mode: 'headless' });
  });

  it('the binary and a screen, but SQLite built for Node (it cannot load in Electron): headless, saying how to get the window', () => {
    expect(startMode({ ...base, sqliteBuild: 'node', env: { DISPLAY: ':0' } })).toEqual({ mode: 'headless', notice: SQLITE_FOR_NODE_NOTICE });
  });

  it('here, better-sqlite3 is Node’s build (the tests run on it)', () => {
    expect(sqliteBuild()).toBe('node');
  });

  it('the binary and a screen: the shell on the demo, V8 limits on its command line, the user’s options passed on', () => {
    expect(startMode({ ...base, passThrough: ['--port', '9443'], env: { WAYLAND_DISPLAY: 'wayland-0' } })).toEqual({
      mode: 'shell', command: base.electronBinary,
      args: [`--js-flags=${STATION_V8_FLAGS}`, base.appDir, '--demo', '--port', '9443'], env: { MALLOC_TRIM_THRESHOLD_: '65536' },
    });
    expect(startMode({ ...base, platform: 'win32', env: {} })).toMatchObject({ mode: 'shell', env: {} });
  });
});

describe('runStationShell', () => {
  it('runs the command as a child with the extra environment, and resolves with its exit code', async () => {
    const { runStationShell } = await import('./station-command');
    const code = await runStationShell(process.execPath, ['-e', 'process.exit(process.env.MALLOC_TRIM_THRESHOLD_ === "65536" ? 7 : 1)'], { MALLOC_TRIM_THRESHOLD_: '65536' });
    expect(code).toBe(7);
  });
});
