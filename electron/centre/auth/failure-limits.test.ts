import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createCentreServer, type CentreServer } from '../centre-server';
import { openDatabase, type Db } from '../storage/database';
import { TEST_MANAGER_PASSWORD, startTestServer } from '../testing/test-server';
import { createFailureLimiter } from './failure-limiter';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

async function post(server: CentreServer, url: string, body: unknown): Promise<{ status: number; json: { error: { code: string } } | null }> {
  const response = await fetch(`${server.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json().catch(() => null) as { error: { code: string } } | null };
}

describe('failure counters survive a restart (SQLite) and logins count apart', () => {
  test('the limiter keeps its counts in the database: a new limiter on the reopened file is still blocked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-limits-'));
    dirs.push(dir);
    const file = path.join(dir, 'centre.sqlite');
    let db: Db = openDatabase(file);
    const now = () => new Date(1_000_000);
    const limiter = createFailureLimiter(db, 'probe', { maxFailures: 2, windowMs: 60_000 }, now);
    limiter.fail('k');
    limiter.fail('k');
    expect(limiter.blocked('k')).toEqual({ retryAfterSeconds: 60 });
    db.close();
    db = openDatabase(file);
    expect(createFailureLimiter(db, 'probe', { maxFailures: 2, windowMs: 60_000 }, now).blocked('k')).toEqual({ retryAfterSeconds: 60 });
    expect(createFailureLimiter(db, 'other', { maxFailures: 2, windowMs: 60_000 }, now).blocked('k')).toBeNull();
    db.close();
  });

  test('manager login and pairing failures still block after the station restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-limits-'));
    dirs.push(dataDir);
    const file = path.join(dataDir, 'centre.sqlite');
    const start = (db: Db) => createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, config: {
      plainHttp: true, managerPassword: TEST_MANAGER_PASSWORD, logError: () => {},
      rateLimits: { managerLoginFailures: { maxFailures: 3, windowMs: 60_000 }, pairingFailures: { maxFailures: 2, windowMs: 60_000 } },
    } });
    let db = openDatabase(file);
    let server = await start(db);
    for (let i = 0; i < 3; i++) expect((await post(server, '/api/manager/login', { password: 'faux' })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await post(server, '/api/kiosk/pair', { code: '000000', name: 'P' })).status).toBe(401);
    await server.close();
    db.close();

    db = openDatabase(file);
    server = await start(db);
    try {
      const login = await post(server, '/api/manager/login', { password: TEST_MANAGER_PASSWORD });
      expect(login.status).toBe(429);
      expect(login.json?.error.code).toBe('tooManyAttempts');
      expect((await post(server, '/api/kiosk/pair', { code: '000000', name: 'P' })).status).toBe(429);
    } finally {
      await server.close();
      db.close();
    }
  });

  test('wrong manager passwords do not lock the invigilator out of the same PC (and the other way round)', async () => {
    const s = await startTestServer({ rateLimits: { managerLoginFailures: { maxFailures: 3, windowMs: 60_000 }, invigilatorLoginFailures: { maxFailures: 3, windowMs: 60_000 } } });
    try {
      const manager = await s.loginManager();
      const created = await s.call('POST', '/api/manager/sessions', { token: manager, body: {
        centre: 'Lycée', siteAddress: '1 rue', room: 'B12', date: '2026-03-14', startTime: '09:00', invigilatorName: 'M. Martin' } });
      const { number } = created.json.session;
      for (let i = 0; i < 3; i++) expect((await s.call('POST', '/api/manager/login', { body: { password: 'faux' } })).status).toBe(401);
      expect((await s.call('POST', '/api/manager/login', { body: { password: TEST_MANAGER_PASSWORD } })).status).toBe(429);
      const invigilator = await s.call('POST', '/api/console/login', { body: { sessionNumber: number, password: created.json.invigilatorPassword } });
      expect(invigilator.status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await s.call('POST', '/api/console/login', { body: { sessionNumber: number, password: 'FAUX' } })).status).toBe(401);
      expect((await s.call('POST', '/api/console/login', { body: { sessionNumber: number, password: created.json.invigilatorPassword } })).status).toBe(429);
    } finally {
      await s.close();
    }
  });
});
