import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PackageSummary } from '../../../../shared/formats/centre-api';
import { PlatformSetting } from '../../../../shared/formats/sending';
import type { ClientError } from '../../../ui/api-client';
import { centreFr } from './words-centre-fr';
import { certificateHolder, keyImportProblems, keyImportRefusal, nameParts, validityAt } from './centre-key-facts';
import { kioskOrder, pairedByWho, shortBuild } from './kiosk-facts';
import { alreadyImported, importRefusalKey, importedOrder, kindKey, platformListingOf, sizeParams, uploadProblems, versionText } from './package-facts';
import { codeForTheEar, codeForTheEye, minutesAndSeconds, secondsLeft } from './pairing-countdown';
import { addressRefusalKey, readPlatformAddress } from './platform-address';

// Issue 10 §1 — the manager's packages and centre pages: the decisions behind what they show, pure.

const refused = (code: string, extra: Partial<{ field: string }> = {}): ClientError => ({ kind: 'refused', status: 422, error: { code, message: 'message du serveur', ...extra } });
const pkg = (over: Partial<PackageSummary>): PackageSummary => ({
  id: 1, kind: 'content', packageId: 'passation-demo', version: '2026.1', sha256: 'a'.repeat(64), signer: 'O=Autorité, CN=Paquets', importedAt: '2026-12-01T10:00:00.000Z', ...over,
});
const file = (name: string, size = 10) => ({ name, size });

describe('signed packages', () => {
  it('names both kinds, the station’s word and the platform’s', () => {
    expect(kindKey('content')).toBe('centre.kindContent');
    expect(centreFr['centre.kindContent']).toBe('Contenu du test');
    expect(kindKey('profile')).toBe(kindKey('profiles'));
  });
  it('asks for each missing or empty file, and notices a signature chosen as the package', () => {
    expect(uploadProblems(null, null)).toEqual({ package: 'centre.uploadPackageMissing', signature: 'centre.uploadSignatureMissing' });
    expect(uploadProblems(file('a.json', 0), file('a.json.p7s'))).toEqual({ package: 'centre.uploadFileEmpty' });
    expect(uploadProblems(file('a.json.p7s'), file('a.json'))).toEqual({ package: 'centre.uploadSwapped' });
    expect(uploadProblems(file('a.json'), file('a.json.p7s'))).toEqual({});
  });
  it('words a refusal by the file to replace, never by the server’s sentence', () => {
    expect(importRefusalKey(refused('packageRefused', { field: 'signature' }))).toBe('centre.refusedSignature');
    expect(importRefusalKey(refused('packageRefused', { field: 'package' }))).toBe('centre.refusedPackage');
    expect(importRefusalKey(refused('packageRefused'))).toBe('centre.refusedSignature');
    expect(importRefusalKey(refused('noTrustedAuthority'))).toBe('centre.noAuthority');
    expect(importRefusalKey(refused('packageNotPublished'))).toBe('error.packageNotPublished');
    expect(importRefusalKey(refused('something-new'))).toBe('error.unknown');
    expect(importRefusalKey({ kind: 'network', message: 'x' })).toBe('client.network');
  });
  it('reads why the platform’s list cannot be shown', () => {
    expect(platformListingOf(refused('noPlatformUrl'))).toEqual({ kind: 'noAddress' });
    expect(platformListingOf(refused('platformUnreachable'))).toEqual({ kind: 'unreachable' });
    expect(platformListingOf(refused('noTrustedAuthority'))).toEqual({ kind: 'noAuthority' });
    expect(platformListingOf({ kind: 'timeout', afterMs: 10_000 })).toEqual({ kind: 'failed', key: 'client.timeout' });
  });
  it('knows a published package already imported here (same kind, id and version)', () => {
    const here = [pkg({}), pkg({ id: 2, kind: 'profile', packageId: 'profils', version: '2026-11-30T08:00:00.000Z' })];
    const published = { kind: 'profiles', packageId: 'profils', version: '2026-11-30T08:00:00.000Z', sha256: 'b'.repeat(64), bytes: 10, publishedAt: '2026-12-01T00:00:00.000Z' } as const;
    expect(alreadyImported(published, here)?.id).toBe(2);
    expect(alreadyImported({ ...published, version: 'autre' }, here)).toBeUndefined();
    expect(alreadyImported({ ...published, kind: 'content' }, here)).toBeUndefined();
  });
  it('lists the newest import first', () => {
    const list = [pkg({ id: 1, importedAt: '2026-01-01T00:00:00.000Z' }), pkg({ id: 2, importedAt: '2026-02-01T00:00:00.000Z' })];
    expect(importedOrder(list).map((p) => p.id)).toEqual([2, 1]);
  });
  it('shows a profile package’s version (its generation time) as a date, a content version as it is', () => {
    expect(versionText({ kind: 'content', version: '2026.1' }, 'fr')).toBe('2026.1');
    expect(versionText({ kind: 'profiles', version: '2026-01-06T07:00:00.000Z' }, 'fr')).toMatch(/^\d janvier 2026 à \d\d:\d\d$/);
    expect(versionText({ kind: 'profile', version: 'v3' }, 'fr')).toBe('v3');
  });
  it('gives sizes in the unit a person reads', () => {
    expect(sizeParams(512)).toEqual({ key: 'centre.sizeBytes', params: { n: 512 } });
    expect(sizeParams(48_213)).toEqual({ key: 'centre.sizeKb', params: { n: 47 } });
    expect(sizeParams(5 * 1024 * 1024 + 200_000)).toEqual({ key: 'centre.sizeMb', params: { n: 5.2 } });
  });
});

describe('the centre certificate', () => {
  it('reads the centre’s name and identifier from its subject, a comma inside a value included', () => {
    expect(certificateHolder('O=Lycée Érable, CN=0123456A')).toEqual({ organisation: 'Lycée Érable', identifier: '0123456A', raw: 'O=Lycée Érable, CN=0123456A' });
    expect(nameParts('O=Lycée Érable, Lyon, CN=0123456A').get('O')).toBe('Lycée Érable, Lyon');
    expect(certificateHolder('pas un nom')).toMatchObject({ organisation: null, identifier: null });
  });
  it('says whether it is valid now, and how many whole days are left', () => {
    const info = { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2026-01-31T00:00:00.000Z' };
    expect(validityAt(info, Date.parse('2025-12-31T23:59:59.000Z'))).toEqual({ kind: 'notYetValid' });
    expect(validityAt(info, Date.parse('2026-01-29T12:00:00.000Z'))).toEqual({ kind: 'valid', daysLeft: 1 });
    expect(validityAt(info, Date.parse('2026-01-31T00:00:01.000Z'))).toEqual({ kind: 'expired' });
  });
  it('asks for the file and the password before sending', () => {
    expect(keyImportProblems(null, '')).toEqual({ file: 'centre.keyFileMissing', password: 'centre.keyPasswordMissing' });
    expect(keyImportProblems({ size: 2000 }, 'x')).toEqual({});
  });
  it('puts each refusal on the field to change: the password, or the file', () => {
    expect(keyImportRefusal(refused('keyPasswordWrong'))).toEqual({ field: 'password', key: 'centre.keyPasswordWrong' });
    for (const [code, key] of [['certificateExpired', 'centre.keyExpired'], ['certificateNotYetValid', 'centre.keyNotYetValid'],
      ['certificateUntrusted', 'centre.keyUntrusted'], ['pkcs12Unreadable', 'centre.keyUnreadable'], ['keyMismatch', 'centre.keyMismatch']] as const) {
      expect(keyImportRefusal(refused(code))).toEqual({ field: 'file', key });
    }
    expect(keyImportRefusal(refused('tooManyAttempts'))).toEqual({ field: null, key: 'error.tooManyAttempts' });
  });
});

describe('the platform’s address', () => {
  it('names each mistake', () => {
    expect(readPlatformAddress('  ')).toEqual({ ok: false, key: 'centre.addressMissing' });
    expect(readPlatformAddress('http://plateforme.exemple.fr')).toEqual({ ok: false, key: 'centre.addressNotHttps' });
    expect(readPlatformAddress('plateforme.exemple.fr')).toEqual({ ok: false, key: 'centre.addressNoScheme' });
    expect(readPlatformAddress('https://')).toEqual({ ok: false, key: 'centre.addressInvalid' });
    expect(readPlatformAddress('https://pla teforme.fr')).toEqual({ ok: false, key: 'centre.addressInvalid' });
    expect(readPlatformAddress(' HTTPS://plateforme.exemple.fr:8443 ')).toEqual({ ok: true, platformUrl: 'https://plateforme.exemple.fr:8443' });
    expect(addressRefusalKey(refused('invalidBody', { field: 'platformUrl' }))).toBe('centre.addressInvalid');
  });
  it('accepts only what the station’s own schema accepts, for any text', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.webUrl().map((u) => u.replace(/^http:/, 'https:'))), (typed) => {
      const read = readPlatformAddress(typed);
      if (read.ok) expect(PlatformSetting.safeParse({ platformUrl: read.platformUrl }).success).toBe(true);
    }), { numRuns: 60 });
  });
});

describe('the pairing code', () => {
  it('counts down whole seconds to the station’s expiry, never below 0', () => {
    const at = '2026-12-02T10:10:00.000Z';
    expect(secondsLeft(at, Date.parse('2026-12-02T10:00:00.000Z'))).toBe(600);
    expect(secondsLeft(at, Date.parse('2026-12-02T10:09:59.200Z'))).toBe(1);
    expect(secondsLeft(at, Date.parse('2026-12-02T10:10:00.000Z'))).toBe(0);
    expect(secondsLeft('n’importe', 0)).toBe(0);
    fc.assert(fc.property(fc.integer({ min: 0, max: 3600 }), (s) => {
      const { minutes, seconds } = minutesAndSeconds(s);
      expect(minutes * 60 + seconds).toBe(s);
      expect(seconds).toBeLessThan(60);
    }));
  });
  it('shows the code in two groups for the eye and digit by digit for the ear', () => {
    expect(codeForTheEye('184838')).toBe('184\u00A0838');
    expect(codeForTheEar('184838')).toBe('1 8 4 8 3 8');
  });
});

describe('the kiosks', () => {
  const kiosk = (id: number, name: string, revokedAt: string | null = null) => ({ id, name, pairedBy: 'manager', pairedAt: '2026-12-01T00:00:00.000Z', lastSeenAt: null, revokedAt, buildHash: null });
  it('lists the active ones first, by name, then the revoked', () => {
    expect(kioskOrder([kiosk(1, 'Poste B'), kiosk(2, 'Poste A', '2026-12-01T01:00:00.000Z'), kiosk(3, 'Poste C'), kiosk(4, 'Poste a')]).map((k) => k.id)).toEqual([4, 1, 3, 2]);
  });
  it('shortens a build, and reads who paired it', () => {
    expect(shortBuild('3f9a'.repeat(16))).toBe('3f9a3f9a3f9a');
    expect(shortBuild(null)).toBeNull();
    expect(pairedByWho('invigilator:12')).toEqual({ kind: 'invigilator', sessionId: 12 });
    expect(pairedByWho('manager')).toEqual({ kind: 'manager' });
    expect(pairedByWho('autre')).toEqual({ kind: 'other' });
  });
});
