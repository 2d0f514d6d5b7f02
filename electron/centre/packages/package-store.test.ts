import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore, type SessionStore } from '../sessions/session-store';
import { tempDatabase } from '../storage/temp-database';
import { createPackageStore, type PackageStore } from './package-store';

let temp: ReturnType<typeof tempDatabase>;
let packages: PackageStore;
let sessions: SessionStore;
beforeEach(() => {
  temp = tempDatabase();
  packages = createPackageStore(temp.db, () => new Date('2026-05-01T08:00:00Z'));
  sessions = createSessionStore(temp.db);
});
afterEach(() => temp.remove());

const content = { kind: 'content' as const, packageId: 'referentiel-2026', version: '2026.1', body: '{"format":"passation/content-package"}', signature: new Uint8Array([1, 2, 3]), signer: 'CN=Autorité' };

describe('package store', () => {
  it('keeps body and signature verbatim, with the SHA-256 of the body', () => {
    const { package: saved, created } = packages.savePackage(content);
    expect(created).toBe(true);
    // sha256('{"format":"passation/content-package"}'), computed with `printf %s … | sha256sum`.
    expect(saved).toMatchObject({ kind: 'content', packageId: 'referentiel-2026', version: '2026.1', body: content.body, signer: 'CN=Autorité', importedAt: '2026-05-01T08:00:00.000Z',
      sha256: '3f55d350c79e6164e17e535694bcdab54a9e9e030a78320e3b957e71488fd2b3' });
    expect([...saved.signature]).toEqual([1, 2, 3]);
  });

  it('the same body twice is stored once (unique SHA-256 per kind)', () => {
    const first = packages.savePackage(content);
    const again = packages.savePackage({ ...content, signature: new Uint8Array([9]) });
    expect(again).toEqual({ package: first.package, created: false });
    expect(packages.savePackage({ ...content, kind: 'profile' }).created).toBe(true);
    expect(packages.listPackages('content')).toHaveLength(1);
    expect(packages.listPackages()).toHaveLength(2);
  });

  it('links a session to its content and profile packages, until finalisation', () => {
    const created = sessions.createSession({ centre: 'Collège', siteAddress: '1 rue A', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'M. B' });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.session.id;
    expect(packages.sessionPackages(id)).toEqual({ content: null, profile: null });
    const c = packages.savePackage(content).package;
    const p = packages.savePackage({ ...content, kind: 'profile', packageId: 'profils-3eB', body: '{"profiles":[]}' }).package;
    expect(packages.useInSession(id, c.id).ok).toBe(true);
    expect(packages.useInSession(id, p.id).ok).toBe(true);
    expect(packages.sessionPackages(id)).toEqual({ content: c, profile: p });
    sessions.setSessionStatus(id, 'finalised');
    const late = packages.useInSession(id, c.id);
    expect(late.ok ? null : late.error.code).toBe('sessionLocked');
  });
});
