import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createCentreServer } from '../centre-server';
import { loadOrCreateStationCertificate } from '../server/station-certificate';
import { backupDatabase } from './backup';
import { openDatabase } from './database';

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

describe.skipIf(process.platform === 'win32')('the data folder and its files are the owner’s only (0700 / 0600)', () => {
  test('a new database: folder, centre.sqlite, -wal and -shm', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-modes-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'Passation');
    const file = path.join(dataDir, 'centre.sqlite');
    const db = openDatabase(file);
    db.exec('CREATE TABLE probe (x)');
    db.prepare('INSERT INTO probe VALUES (1)').run();
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);
    } finally {
      db.close();
    }
  });

  test('an existing world-readable installation is tightened when the station starts on it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-modes-'));
    dirs.push(dataDir);
    const file = path.join(dataDir, 'centre.sqlite');
    openDatabase(file).close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(file, 0o644);
    const db = openDatabase(file);
    const server = await createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, config: { plainHttp: true, managerPassword: 'responsable-de-test' } });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(file)).toBe(0o600);
    } finally {
      await server.close();
      db.close();
    }
  });

  test('the station TLS key and certificate, and a backup', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-modes-'));
    dirs.push(dataDir);
    loadOrCreateStationCertificate(dataDir);
    expect(mode(path.join(dataDir, 'station-tls'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'station-tls', 'key.pem'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'station-tls', 'cert.pem'))).toBe(0o600);
    const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
    try {
      const saved = await backupDatabase(db, path.join(dataDir, 'sauvegarde.sqlite'));
      expect(saved.ok).toBe(true);
      expect(mode(path.join(dataDir, 'sauvegarde.sqlite'))).toBe(0o600);
    } finally {
      db.close();
    }
  });
});
