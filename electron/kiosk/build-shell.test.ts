import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildKioskShell } from './build-shell';
import { BUILD_FILES, hashBuild } from './shell-context';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-build-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** Every module name a CommonJS bundle still requires at run time. */
const requires = (file: string) => [...new Set([...fs.readFileSync(path.join(out, file), 'utf8').matchAll(/(?:\b__require|\brequire)\(["']([^"']+)["']\)/g)].map((m) => m[1]!))].sort();

describe('the kiosk shell bundle', () => {
  const files = buildKioskShell(out, '9.9.9');

  it('writes the files the build hash covers (the pairing page and its preload included)', () => {
    expect([...files].sort()).toEqual([...BUILD_FILES].sort());
    expect(JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'))).toEqual({ name: 'passation-kiosk', version: '9.9.9', private: true, main: 'kiosk-main.js' });
  });

  it('the sandboxed preloads require electron and nothing else (a sandboxed preload cannot)', () => {
    expect(requires('kiosk-preload.js')).toEqual(['electron']);
    expect(requires('kiosk-pairing-preload.js')).toEqual(['electron']);
  });

  it('the pairing page: a browser script requiring nothing, no zod inside; its HTML names only local files', () => {
    expect(requires('pairing-page.js')).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'pairing-page.js'), 'utf8')).not.toContain('ZodError');
    const html = fs.readFileSync(path.join(out, 'pairing.html'), 'utf8');
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(['pairing.css', 'pairing-page.js']);
    expect(html).toContain("script-src 'self'; style-src 'self'");
    expect(html).not.toMatch(/<script>|style="/);
  });

  it('the main process requires only electron and Node\'s own modules (zod and shared code are inside)', () => {
    const external = requires('kiosk-main.js').filter((m) => m !== 'electron' && !m.startsWith('node:') && !['fs', 'path', 'os', 'crypto', 'child_process', 'events', 'url', 'util'].includes(m));
    expect(external).toEqual([]);
  });

  it('its build hash changes when one byte of the bundle does', () => {
    const before = hashBuild(out);
    fs.appendFileSync(path.join(out, 'kiosk-preload.js'), ' ');
    expect(hashBuild(out)).not.toBe(before);
  });
});

describe('the preload stays small', () => {
  it('under 8 KB: no zod, no shared code but the channel names and the global\'s name', () => {
    buildKioskShell(out, '9.9.9');
    expect(fs.statSync(path.join(out, 'kiosk-preload.js')).size).toBeLessThan(8 * 1024);
  });
});
