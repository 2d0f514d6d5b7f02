import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { expect, test } from '@playwright/test';
import { launchPersistentBrowser } from './harness/persistent-browser';
import { freePort, portAccepts, request, startStationProcess } from './harness/station-process';
import { TEST_STATION_TLS } from './station-tls';

/**
 * The harness of the outage and power-cut proofs (e2e/README.md), tested on its own: a station in a child process
 * killed with SIGKILL and restarted on the same folder, port and key; a Chromium on a persistent profile killed with
 * SIGKILL and relaunched, keeping what IndexedDB committed with durability 'strict'.
 */
const scratch: string[] = [];
const tempDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `passation-${name}-`));
  scratch.push(dir);
  return dir;
};
test.afterAll(() => { for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true }); });

/** The SHA-256 of the certificate the port presents. */
function presentedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerX509Certificate()!.fingerprint256);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

/** A process that still runs: a zombie (dead, its parent has not reaped it yet) does not count. */
const alive = (pid: number) => {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z /s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
};

test('a station child process: SIGKILL, then restarted on the same folder, port and key, its data and logins intact', async () => {
  test.setTimeout(90_000);
  const station = await startStationProcess({ dataDir: tempDir('station'), seed: true });
  try {
    const firstPid = station.pid()!;
    expect(firstPid).not.toBe(process.pid);
    expect(station.session).not.toBeNull();
    const session = station.session!;
    expect(session.candidates.size).toBeGreaterThan(1);
    expect((await session.console('GET', '/live')).status).toBe(200);
    expect(await presentedFingerprint(station.port)).toBe(new crypto.X509Certificate(TEST_STATION_TLS.certPem).fingerprint256);

    await station.kill();
    expect(alive(firstPid)).toBe(false);
    expect(await portAccepts(station.port)).toBe(false);
    await expect(request(station.url, 'GET', '/api/health')).rejects.toThrow(/ECONNREFUSED/);

    await station.restart();
    expect(station.pid()).not.toBe(firstPid);
    expect(station.url).toBe(`https://127.0.0.1:${station.port}`);
    expect(await presentedFingerprint(station.port)).toBe(new crypto.X509Certificate(TEST_STATION_TLS.certPem).fingerprint256);
    // The same SQLite file: the session, its candidates and the tokens issued before the kill.
    const live = await session.console('GET', '/live');
    expect(live.status).toBe(200);
    expect((await session.manager('GET', `/api/manager/sessions/${session.sessionId}/candidates`)).status).toBe(200);
    expect((await request(station.url, 'GET', '/api/health')).status).toBe(200);
    expect(typeof await station.loginManager()).toBe('string');
  } finally {
    await station.stop();
  }
});

test('a persistent Chromium: IndexedDB committed with durability strict survives a SIGKILL of the browser', async () => {
  test.setTimeout(90_000);
  // A tiny page on a fixed origin (IndexedDB is per origin): the same port across the relaunch.
  const port = await freePort();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="fr"><title>IndexedDB</title><h1>IndexedDB</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${port}/`;
  const browser = await launchPersistentBrowser(path.join(tempDir('profile'), 'profile'));
  try {
    const page = await browser.context().newPage();
    await page.goto(origin);
    const written = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('harness', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('answers', { keyPath: 'id' });
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = `réponse-${i}-${Math.random().toString(36).slice(2)}`;
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('answers', 'readwrite', { durability: 'strict' });
          tx.objectStore('answers').put({ id, at: Date.now() });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        ids.push(id);
      }
      return ids;
    });
    expect(written).toHaveLength(5);

    const pid = browser.browserPid()!;
    await browser.kill();
    expect(alive(pid)).toBe(false);
    expect(browser.browserPid()).toBeNull();

    const again = await (await browser.relaunch()).newPage();
    await again.goto(origin);
    const kept = await again.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('harness', 1);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      return new Promise<string[]>((resolve, reject) => {
        const all = db.transaction('answers').objectStore('answers').getAllKeys();
        all.onsuccess = () => resolve((all.result as string[]).sort());
        all.onerror = () => reject(all.error);
      });
    });
    expect(kept).toEqual([...written].sort());
    expect(browser.browserPid()).not.toBe(pid);
    // The control: another profile on the same origin has none of it (what is kept is the profile's).
    const other = await launchPersistentBrowser(path.join(tempDir('profile-other'), 'profile'));
    try {
      const elsewhere = await other.context().newPage();
      await elsewhere.goto(origin);
      expect(await elsewhere.evaluate(() => indexedDB.databases().then((list) => list.map((d) => d.name)))).toEqual([]);
    } finally {
      await other.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('both together: the persistent browser trusts the restarted station by the same SPKI pin', async () => {
  test.setTimeout(90_000);
  const station = await startStationProcess({ dataDir: tempDir('station-browser') });
  const browser = await launchPersistentBrowser(path.join(tempDir('profile-station'), 'profile'));
  try {
    const page = await browser.context().newPage();
    expect((await page.goto(`${station.url}/api/health`))!.status()).toBe(200);
    await station.kill();
    await expect(page.goto(`${station.url}/api/health`)).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
    await station.restart();
    await browser.kill();
    const again = await (await browser.relaunch()).newPage();
    expect((await again.goto(`${station.url}/api/health`))!.status()).toBe(200);
  } finally {
    await browser.close();
    await station.stop();
  }
});
