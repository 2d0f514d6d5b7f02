import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_CSP } from '../http/security-headers';
import { startTestServer, type TestServer } from '../testing/test-server';
import { screensPlugin } from './screens-plugin';

/** A built kiosk (as Vite writes it) and an unbuilt console, in a temporary dist folder, served by a real centre server. */
let t: TestServer;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-dist-'));
  fs.mkdirSync(path.join(dist, 'kiosk', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'kiosk', 'index.html'), '<!doctype html><html lang="fr"><title>Borne</title><script type="module" src="/kiosk/assets/index-abc.js"></script></html>');
  fs.writeFileSync(path.join(dist, 'kiosk', 'assets', 'index-abc.js'), 'console.log("borne");');
  fs.writeFileSync(path.join(dist, 'kiosk', 'service-worker.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(dist, 'secret.txt'), 'hors des écrans');
  t = await startTestServer({ plugins: [screensPlugin({ dir: dist })] });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the built screens, served by the centre server', () => {
  it('serves a screen’s page at /kiosk/ with the strict page CSP, revalidated each time', async () => {
    const page = await t.call('GET', '/kiosk/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('/kiosk/assets/index-abc.js');
    expect(page.headers['content-security-policy']).toBe(KIOSK_CSP);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('serves the kiosk’s service worker revalidated each time (a new version takes over), under the kiosk CSP', async () => {
    const worker = await t.call('GET', '/kiosk/service-worker.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.headers['content-security-policy']).toBe(KIOSK_CSP);
    expect(worker.headers['content-security-policy']).toContain("worker-src 'self'");
  });

  it('serves hashed assets with a long cache, and a missing file is a French 404', async () => {
    const script = await t.call('GET', '/kiosk/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await t.call('GET', '/kiosk/assets/absent.js');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('notFound');
  });

  it('a path without extension inside a screen gets its page; /kiosk redirects to /kiosk/', async () => {
    expect((await t.call('GET', '/kiosk/session/3')).text).toContain('index-abc.js');
    const bare = await t.call('GET', '/kiosk');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/kiosk/');
  });

  it('never serves a file outside the screen’s folder', async () => {
    for (const url of ['/kiosk/..%2fsecret.txt', '/kiosk/assets/..%2f..%2fsecret.txt', '/kiosk/%2e%2e/secret.txt']) {
      const answer = await t.call('GET', url);
      expect(answer.status, url).toBe(404);
      expect(answer.text, url).not.toContain('hors des écrans');
    }
  });

  it('an unbuilt screen answers a French page saying how to build it, never a stack trace', async () => {
    for (const url of ['/console/', '/console/assets/index-x.js', '/console/sessions']) {
      const answer = await t.call('GET', url);
      expect(answer.status, url).toBe(503);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.text).toContain('npm run build:screens');
      expect(answer.text).toContain('console du surveillant');
      expect(answer.text).not.toMatch(/at .*\.ts:\d+|Error:/);
    }
  });

  it('every screen route is public and listed with its caller', () => {
    const routes = t.server.app.centreInternals.routes.filter((r) => r.url.startsWith('/kiosk') || r.url.startsWith('/console'));
    expect(routes.map((r) => `${r.method} ${r.url} ${String(r.auth)}`).sort()).toEqual([
      'GET /console public', 'GET /console/ public', 'GET /console/* public',
      'GET /kiosk public', 'GET /kiosk/ public', 'GET /kiosk/* public',
    ]);
  });
});
