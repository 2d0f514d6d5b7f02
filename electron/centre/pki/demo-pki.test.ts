import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyDetached } from './cms-verify';
import { createDemoPki } from './demo-pki';
import { importPkcs12 } from './pkcs12';
import { openssl, scratchDir } from './test-openssl';

const scratch = scratchDir();
afterAll(() => scratch.remove());

const contentFile = scratch.write('contenu-source.json', '{"version":1,"referential":"démo"}\n');
const profileFile = scratch.write('profils-source.json', '{"version":1,"profiles":[]}\n');
const out = path.join(scratch.dir, 'pki');
const files = createDemoPki(out, { contentFile, profileFile });

function opensslVerify(content: string, signature: string) {
  return openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', content, '-in', signature, '-CAfile', files.authority, '-out', '/dev/null']);
}

describe('createDemoPki', () => {
  it('writes the expected files in the folder', () => {
    expect(fs.readdirSync(out).sort()).toEqual([
      'authority.pem', 'centre-p12-password.txt', 'centre.p12', 'centre.pem', 'content-package.json', 'content-package.json.p7s',
      'demo-authority-key.pem', 'demo-package-signer-key.pem', 'package-signer.pem', 'profile-package.json', 'profile-package.json.p7s',
    ]);
    expect(files.contentSignature).toBe(path.join(out, 'content-package.json.p7s'));
    expect(fs.readFileSync(files.contentPackage!, 'utf8')).toBe('{"version":1,"referential":"démo"}\n');
  });

  it('the package signatures verify with openssl and with ours, against authority.pem', () => {
    expect(opensslVerify(files.contentPackage!, files.contentSignature!).status).toBe(0);
    expect(opensslVerify(files.profilePackage!, files.profileSignature!).status).toBe(0);
    const authority = fs.readFileSync(files.authority, 'utf8');
    const verified = verifyDetached(fs.readFileSync(files.contentPackage!), fs.readFileSync(files.contentSignature!), authority);
    expect(verified.ok && verified.signer.subject).toBe('O=Autorité de certification — DÉMONSTRATION, CN=Signature des paquets (démonstration)');
    expect(verifyDetached(fs.readFileSync(files.contentPackage!), fs.readFileSync(files.profileSignature!), authority).ok).toBe(false);
  });

  it('centre.p12 opens with the password of the text file, in openssl and here, and holds centre.pem', () => {
    const password = fs.readFileSync(files.centrePkcs12Password, 'utf8').trim();
    expect(password).toMatch(/^demo-[A-Za-z0-9_-]{16}$/);
    expect(openssl(['pkcs12', '-in', files.centrePkcs12, '-passin', `file:${files.centrePkcs12Password}`, '-noout']).status).toBe(0);
    const imported = importPkcs12(fs.readFileSync(files.centrePkcs12), password);
    expect(imported.ok && imported.certPem).toBe(fs.readFileSync(files.centreCertificate, 'utf8'));
    expect(openssl(['verify', '-CAfile', files.authority, files.centreCertificate]).status).toBe(0);
  });

  it('the demo keys say they are demo keys and still load in openssl', () => {
    const key = fs.readFileSync(files.authorityKey, 'utf8');
    expect(key.split('\n')[0]).toMatch(/^DEMO KEY, NOT SECRET/);
    expect(openssl(['pkey', '-in', files.authorityKey, '-noout']).status).toBe(0);
  });

  it('without package files, writes only the PKI', () => {
    const only = createDemoPki(path.join(scratch.dir, 'seule'));
    expect(only.contentSignature).toBeUndefined();
    expect(fs.readdirSync(path.join(scratch.dir, 'seule'))).not.toContain('content-package.json.p7s');
  });
});
