import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The Electron app folder `npm start` and electron-builder give Electron (electron/station/app/). */
describe('electron/station/app', () => {
  const app = JSON.parse(fs.readFileSync(path.join(__dirname, 'app', 'package.json'), 'utf8')) as { name: string; version: string; main: string };
  const root = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

  it('names its main, at the project’s version (app.getVersion()), under its own user-data name (not the data folder’s)', () => {
    expect(app).toMatchObject({ name: 'passation-station', version: root.version, main: 'station-main.js' });
  });

  it('its main registers tsx and runs main.ts, which exists', () => {
    const entry = fs.readFileSync(path.join(__dirname, 'app', app.main), 'utf8');
    expect([...entry.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1])).toEqual(['tsx/cjs', '../main.ts']);
    expect(fs.existsSync(path.join(__dirname, 'main.ts'))).toBe(true);
  });
});
