import { RECEIPT_SIGNING_USAGE } from '../../shared/formats/platform-api';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError, type CommandIo } from '../command-error';
import { runPlatform, type PlatformCommands } from '../main';
import * as crlModule from './crl-command';
import * as initModule from './init-command';
import * as issueCentreModule from './issue-centre-command';
import * as publishModule from './publish-command';
import * as revokeModule from './revoke-command';
import * as reviewModule from './review-command';
import * as serveModule from './serve-command';
import { openSqliteStore } from '../storage/sqlite-store';
import { openssl } from '../testing/openssl';

// Issue 9 §3 — the authority's commands, checked with openssl. SQLite here (DATABASE_URL unset in `io.env`);
// the store's own suite runs on both engines (storage/platform-store.test.ts).
const PASSPHRASE = 'phrase de passe de l’autorité, très longue';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-platform-cli-'));
const dir = path.join(root, 'authority');
const file = (name: string) => path.join(root, name);

const commands: PlatformCommands = { init: () => initModule, issueCentre: () => issueCentreModule, revoke: () => revokeModule, crl: () => crlModule, publish: () => publishModule, serve: () => serveModule, review: () => reviewModule };

function io(env: Record<string, string | undefined> = { PASSATION_AUTHORITY_PASSPHRASE: PASSPHRASE }): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { env, out: (line) => lines.push(line), now: () => new Date(), lines };
}

async function run(argv: string[], context = io()): Promise<{ code: number; lines: string[]; error: CommandError | null }> {
  try {
    return { code: await runPlatform(argv, context, commands), lines: context.lines, error: null };
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return { code: error.exitCode, lines: context.lines, error };
  }
}

/** Issues a centre; returns its certificate (extracted by openssl from the PKCS#12), the password and the serial. */
async function issue(centreId: string, name: string, out: string): Promise<{ certPath: string; password: string; serial: string }> {
  const done = await run(['issue-centre', dir, '--name', name, '--centre-id', centreId, '--out', out]);
  expect(done.error).toBeNull();
  const password = done.lines.find((l) => l.includes('mot de passe'))!.split(' : ').at(-1)!;
  const serial = done.lines.find((l) => l.includes('numéro de série'))!.split(' : ').at(-1)!;
  const certPath = `${out}.pem`;
  const extracted = openssl(['pkcs12', '-in', out, '-passin', `pass:${password}`, '-clcerts', '-nokeys', '-out', certPath]);
  expect(extracted.status, extracted.stderr).toBe(0);
  return { certPath, password, serial };
}

beforeAll(async () => {
  const created = await run(['init', dir]);
  expect(created.error).toBeNull();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('init', () => {
  it('writes the authority, keys encrypted with the passphrase (OpenSSL opens them with it, not without)', () => {
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining(['authority-key.pem', 'authority.pem', 'platform-signing-key.pem', 'platform-signing.pem', 'platform.json', 'platform.sqlite']));
    expect(fs.statSync(dir).mode & 0o077).toBe(0);
    for (const key of ['authority-key.pem', 'platform-signing-key.pem']) {
      const text = fs.readFileSync(path.join(dir, key), 'utf8');
      expect(text).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
      expect(text).not.toContain('-----BEGIN PRIVATE KEY-----');
      expect(fs.statSync(path.join(dir, key)).mode & 0o077).toBe(0);
      expect(openssl(['pkey', '-in', path.join(dir, key), '-passin', `pass:${PASSPHRASE}`, '-noout']).status).toBe(0);
      expect(openssl(['pkey', '-in', path.join(dir, key), '-passin', 'pass:une autre phrase', '-noout']).status).not.toBe(0);
    }
    const rootText = openssl(['x509', '-in', path.join(dir, 'authority.pem'), '-noout', '-text']).stdout;
    expect(rootText).toMatch(/CA:TRUE, pathlen:0/);
    expect(rootText).toMatch(/Certificate Sign, CRL Sign/);
    expect(rootText).toMatch(/Public-Key: \(2048 bit\)/);
    expect(openssl(['verify', '-CAfile', path.join(dir, 'authority.pem'), path.join(dir, 'platform-signing.pem')]).status).toBe(0);
    const store = openSqliteStore(path.join(dir, 'platform.sqlite'));
    const serial = openssl(['x509', '-in', path.join(dir, 'platform-signing.pem'), '-noout', '-serial']).stdout.trim().split('=')[1]!.toLowerCase();
    return store.certificate(serial).then(async (cert) => {
      expect(cert?.kind).toBe('platformSigning');
      await store.close();
    });
  });

  it('refuses a folder that is not empty, and leaves it as it was', async () => {
    const busy = file('busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'à garder');
    const refused = await run(['init', busy]);
    expect(refused.code).toBe(1);
    expect(refused.error?.message).toMatch(/n’est pas un dossier vide/);
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);
  });

  it('wants a passphrase (exit 2 without one) of at least 12 characters', async () => {
    expect((await run(['init', file('none')], io({}))).code).toBe(2);
    const short = await run(['init', file('short'), '--passphrase', 'court']);
    expect(short.error?.message).toMatch(/au moins 12 caractères/);
    expect(fs.existsSync(file('short'))).toBe(false);
  });
});

describe('issue-centre', () => {
  let centre: { certPath: string; password: string; serial: string };
  beforeAll(async () => {
    centre = await issue('0123456A', 'Lycée Érable', file('centre.p12'));
  });

  it('issues a certificate the authority verifies, in a PKCS#12 that opens with its password only', () => {
    const verified = openssl(['verify', '-CAfile', path.join(dir, 'authority.pem'), centre.certPath]);
    expect(verified.stdout).toContain(': OK');
    expect(openssl(['pkcs12', '-in', file('centre.p12'), '-passin', `pass:${centre.password}`, '-noout']).status).toBe(0);
    expect(openssl(['pkcs12', '-in', file('centre.p12'), '-passin', 'pass:pas-le-bon-mot-de-passe', '-noout']).status).not.toBe(0);
    const chain = openssl(['pkcs12', '-in', file('centre.p12'), '-passin', `pass:${centre.password}`, '-cacerts', '-nokeys']).stdout;
    expect(chain).toContain('BEGIN CERTIFICATE');
  });

  it('gives the centre certificate the usages for signing CMS and PDFs, not those of a CA', () => {
    const text = openssl(['x509', '-in', centre.certPath, '-noout', '-text', '-nameopt', 'utf8']).stdout;
    expect(text).toMatch(/Subject: O ?= ?Lycée Érable, CN ?= ?0123456A/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Extended Key Usage:\s+E-mail Protection, 1\.3\.6\.1\.5\.5\.7\.3\.36/);
    expect(text).toMatch(/CA:FALSE/);
    expect(openssl(['x509', '-in', centre.certPath, '-noout', '-purpose']).stdout).toMatch(/S\/MIME signing : Yes\n/);
  });

  it('gives the platform’s signing certificate, and it alone, the receipt usage the centres require (issue 9 §2)', () => {
    const usage = (file: string) => openssl(['x509', '-in', file, '-noout', '-ext', 'extendedKeyUsage']).stdout;
    expect(usage(path.join(dir, 'platform-signing.pem'))).toMatch(new RegExp(`E-mail Protection, 1\\.3\\.6\\.1\\.5\\.5\\.7\\.3\\.36, ${RECEIPT_SIGNING_USAGE.replaceAll('.', '\\.')}`));
    expect(usage(centre.certPath)).not.toContain(RECEIPT_SIGNING_USAGE);
  });

  it('signs a CMS that `openssl cms -verify` accepts with its default (S/MIME) purpose, and refuses once altered', () => {
    const key = file('centre-key.pem');
    expect(openssl(['pkcs12', '-in', file('centre.p12'), '-passin', `pass:${centre.password}`, '-nocerts', '-nodes', '-out', key]).status).toBe(0);
    fs.writeFileSync(file('results.json'), '{"format":"passation/results"}');
    const signed = openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', file('results.json'), '-signer', centre.certPath, '-inkey', key, '-outform', 'DER', '-out', file('results.json.p7s')]);
    expect(signed.status, signed.stderr).toBe(0);
    const verify = () => openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', file('results.json'), '-in', file('results.json.p7s'), '-CAfile', path.join(dir, 'authority.pem'), '-out', '/dev/null']);
    expect(verify().stderr).toContain('Verification successful');
    fs.writeFileSync(file('results.json'), '{"format":"passation/result"}');
    expect(verify().status).not.toBe(0);
  });

  it('prints a given password nowhere, and refuses a weak one, an existing output file and a second name for a centre', async () => {
    const given = await run(['issue-centre', dir, '--name', 'Lycée Érable', '--centre-id', '0123456A', '--out', file('renewed.p12'), '--password', 'Renouvellement-2027!']);
    expect(given.error).toBeNull();
    expect(given.lines.join('\n')).not.toContain('Renouvellement-2027!');
    expect(openssl(['pkcs12', '-in', file('renewed.p12'), '-passin', 'pass:Renouvellement-2027!', '-noout']).status).toBe(0);
    expect((await run(['issue-centre', dir, '--name', 'X', '--centre-id', 'B1', '--out', file('weak.p12'), '--password', 'éé'])).error?.message).toMatch(/--password/);
    expect((await run(['issue-centre', dir, '--name', 'X', '--centre-id', 'B1', '--out', file('centre.p12')])).error?.message).toMatch(/existe déjà/);
    const renamed = await run(['issue-centre', dir, '--name', 'Autre lycée', '--centre-id', '0123456A', '--out', file('other.p12')]);
    expect(renamed.error?.message).toBe('le centre 0123456A est déjà enregistré sous le nom « Lycée Érable » : donnez ce nom-là');
    expect(fs.existsSync(file('other.p12'))).toBe(false);
  });

  it('names what is wrong: a missing option (exit 2), a bad centre id, bad days, a wrong passphrase', async () => {
    expect((await run(['issue-centre', dir, '--name', 'X', '--out', file('x.p12')])).code).toBe(2);
    expect((await run(['issue-centre', dir, '--name', 'X', '--centre-id', 'a b', '--out', file('x.p12')])).error?.message).toMatch(/--centre-id : identifiant invalide « a b »/);
    expect((await run(['issue-centre', dir, '--name', 'X', '--centre-id', 'B2', '--out', file('x.p12'), '--days', '0'])).error?.message).toMatch(/--days/);
    const wrong = await run(['issue-centre', dir, '--name', 'X', '--centre-id', 'B2', '--out', file('x.p12')], io({ PASSATION_AUTHORITY_PASSPHRASE: 'pas la bonne phrase' }));
    expect(wrong.error?.message).toMatch(/phrase de passe incorrecte/);
    expect(fs.existsSync(file('x.p12'))).toBe(false);
  });
});

describe('revoke and crl', () => {
  it('lists a revoked serial in a CRL signed by the authority; openssl refuses that certificate and accepts another', async () => {
    const revoked = await issue('REV-1', 'Collège Révoqué', file('revoked.p12'));
    const kept = await issue('KEEP-1', 'Collège Gardé', file('kept.p12'));
    expect((await run(['revoke', dir, '--serial', revoked.serial.toUpperCase(), '--reason', 'keyCompromise'])).error).toBeNull();
    expect((await run(['crl', dir, '--out', file('crl.pem')])).error).toBeNull();
    const ca = path.join(dir, 'authority.pem');
    const checked = openssl(['crl', '-in', file('crl.pem'), '-CAfile', ca, '-noout']);
    expect(checked.status).toBe(0);
    expect(checked.stderr).toContain('verify OK');
    const text = openssl(['crl', '-in', file('crl.pem'), '-noout', '-text']).stdout;
    expect(text).toContain(`Serial Number: ${revoked.serial.toUpperCase()}`);
    expect(text).toMatch(/CRL Reason Code:\s+Key Compromise/);
    expect(text).not.toContain(kept.serial.toUpperCase());
    const verify = (cert: string) => openssl(['verify', '-crl_check', '-CAfile', ca, '-CRLfile', file('crl.pem'), cert]);
    expect(verify(revoked.certPath).stdout + verify(revoked.certPath).stderr).toMatch(/certificate revoked/);
    expect(verify(revoked.certPath).status).not.toBe(0);
    expect(verify(kept.certPath).status).toBe(0);
  });

  it('numbers each new CRL above the last, and a CRL altered by one byte no longer verifies', async () => {
    const number = () => Number(/CRL Number:\s+(\d+)/.exec(openssl(['crl', '-in', file('crl.pem'), '-noout', '-text']).stdout)![1]);
    await run(['crl', dir, '--out', file('crl.pem')]);
    const first = number();
    await run(['crl', dir, '--out', file('crl.pem'), '--days', '30']);
    expect(number()).toBe(first + 1);
    const der = file('crl.der');
    openssl(['crl', '-in', file('crl.pem'), '-outform', 'DER', '-out', der]);
    const bytes = fs.readFileSync(der);
    bytes[bytes.length - 10]! ^= 0x01;
    fs.writeFileSync(der, bytes);
    // openssl 3.0 `crl -CAfile` exits 0 either way: what it says is the verdict.
    const altered = openssl(['crl', '-in', der, '-inform', 'DER', '-CAfile', path.join(dir, 'authority.pem'), '-noout']);
    expect(altered.stderr).toContain('verify failure');
    expect(altered.stderr).not.toContain('verify OK');
  });

  it('refuses an unknown serial, a second revocation, a reason it does not know', async () => {
    expect((await run(['revoke', dir, '--serial', '0badcafe', '--reason', 'superseded'])).error?.message).toMatch(/aucun certificat émis par cette autorité/);
    const again = await issue('REV-2', 'Collège Deux', file('rev2.p12'));
    await run(['revoke', dir, '--serial', again.serial, '--reason', 'superseded']);
    expect((await run(['revoke', dir, '--serial', again.serial, '--reason', 'superseded'])).error?.message).toMatch(/déjà révoqué/);
    expect((await run(['revoke', dir, '--serial', again.serial, '--reason', 'perdu'])).error?.message).toMatch(/raison inconnue « perdu »/);
    expect((await run(['revoke', dir, '--serial', 'xyz', '--reason', 'superseded'])).error?.message).toMatch(/hexadécimal/);
  });
});

describe('the passation-platform binary', () => {
  const bin = path.join(__dirname, '..', '..', 'bin', 'passation-platform.js');
  it('exits 2 with the usage when no command is given, and names an unknown command in French', () => {
    const none = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('passation-platform init DOSSIER');
    const unknown = spawnSync(process.execPath, [bin, 'publier', dir], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('passation-platform : commande inconnue : publier');
  });
});
