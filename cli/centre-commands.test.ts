import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../electron/centre/audit/event-chain';
import { createSessionStore } from '../electron/centre/sessions/session-store';
import { openDatabase } from '../electron/centre/storage/database';

/** `passation demo-pki`, `backup` and `audit`, run for real as child processes on real files. */
const BIN = path.join(__dirname, '..', 'bin', 'passation.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-cli-centre-'));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function sessionDatabase(file: string) {
  const db = openDatabase(file);
  const store = createSessionStore(db);
  const created = store.createSession({ centre: 'Collège Jean Moulin', siteAddress: '1 rue des Écoles, Lyon', room: 'B12', date: '2026-12-01', startTime: '09:00', invigilatorName: 'Mme Durand' });
  if (!created.ok) throw new Error(created.error.message);
  const session = created.value.session;
  appendEvent(db, session.id, { kind: 'session.created', payload: { by: 'test' } });
  appendEvent(db, session.id, { kind: 'candidate.checkedIn', payload: { name: 'Léa Martin' } });
  appendEvent(db, session.id, { kind: 'answer.saved', payload: { challenge: 'ch_requete3_1' } });
  return { db, session };
}

describe('passation demo-pki', () => {
  it('writes a demo PKI whose package signatures openssl verifies against the authority', () => {
    const pki = path.join(dir, 'pki');
    const result = run('demo-pki', pki);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('DÉMONSTRATION');
    for (const name of ['content-package.json', 'profile-package.json']) {
      const verified = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-content', path.join(pki, name), '-in', path.join(pki, `${name}.p7s`), '-CAfile', path.join(pki, 'authority.pem'), '-out', '/dev/null'], { encoding: 'utf8' });
      expect(verified.stderr).toContain('Verification successful');
    }
  });
});

describe('passation backup', () => {
  it('copies a live database through the backup API; the copy opens and holds the same rows', () => {
    const file = path.join(dir, 'live.sqlite');
    const { db } = sessionDatabase(file);
    const out = path.join(dir, 'copy.sqlite');
    const result = run('backup', out, '--db', file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const copy = openDatabase(out);
    expect(copy.prepare('SELECT count(*) FROM events').pluck().get()).toBe(3);
    expect(copy.prepare('SELECT centre FROM sessions').pluck().get()).toBe('Collège Jean Moulin');
    copy.close();
    db.close();
  });

  it('says which database is missing', () => {
    const result = run('backup', path.join(dir, 'x.sqlite'), '--db', path.join(dir, 'absent.sqlite'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('base introuvable');
  });
});

describe('passation audit', () => {
  it('prints the chain and verifies it; an edited event makes it fail (exit 1)', () => {
    const file = path.join(dir, 'audit.sqlite');
    const { db, session } = sessionDatabase(file);
    const ok = execFileSync(process.execPath, [BIN, 'audit', String(session.number), '--db', file], { encoding: 'utf8' });
    expect(ok).toContain('candidate.checkedIn');
    // Someone with the file in hand removes the guard trigger, then edits an event.
    expect(() => db.prepare("UPDATE events SET payload = '{}' WHERE kind = 'candidate.checkedIn'").run()).toThrow('ne se modifie pas');
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET payload = ? WHERE kind = 'candidate.checkedIn'").run(JSON.stringify({ name: 'Quelqu’un d’autre' }));
    db.close();
    const broken = run('audit', String(session.number), '--db', file);
    expect(broken.status).toBe(1);
    expect(broken.stdout).not.toBe(ok);
  });

  it('refuses an unknown session (exit 2)', () => {
    const file = path.join(dir, 'audit2.sqlite');
    sessionDatabase(file).db.close();
    expect(run('audit', '999', '--db', file).status).toBe(2);
  });
});
