import { describe, expect, it } from 'vitest';
import { databaseFile, defaultDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('follows PASSATION_DATA_DIR first', () => {
    expect(defaultDataDir({ PASSATION_DATA_DIR: '/srv/centre' }, 'linux', '/home/x')).toBe('/srv/centre');
  });
  it('uses the folder Electron would use on each system', () => {
    expect(defaultDataDir({}, 'linux', '/home/prof')).toBe('/home/prof/.config/Passation');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/prof')).toBe('/cfg/Passation');
    expect(defaultDataDir({}, 'darwin', '/Users/prof')).toBe('/Users/prof/Library/Application Support/Passation');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\prof\\AppData\\Roaming' }, 'win32', 'C:\\Users\\prof')).toMatch(/Roaming.Passation$/);
  });
  it('keeps the database in centre.sqlite', () => {
    expect(databaseFile('/srv/centre')).toBe('/srv/centre/centre.sqlite');
  });
});
