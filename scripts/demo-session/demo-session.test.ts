import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_FILE } from '../../fixtures/paths';
import { Receipt } from '../../shared/formats/platform-api';
import type { ResultsDocument } from '../../shared/formats/results';
import { openssl } from '../../platform/testing/openssl';
import { readBundle } from '../../electron/centre/signing/read-bundle';
import { pdfCheck } from '../../electron/centre/testing/pdf-tools';

// Issue 9 § Proof — `npm run demo:session -- --out DIR` run as the user runs it (a child process, the real
// platform and station on loopback), into a temporary folder; its files are then checked by tools this project
// did not write: `openssl cms -verify` (the results and the receipt) and poppler's `pdfsig` (the two PDFs).
const SCRIPT = path.join(__dirname, 'demo-session.ts');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-demo-session-test-'));
const file = (name: string) => path.join(out, name);
let run: { status: number | null; stdout: string; stderr: string };

function demo(...args: string[]): Promise<typeof run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', SCRIPT, ...args], { cwd: path.join(__dirname, '..', '..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const verifyCms = (content: string, signature: string) =>
  openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-content', content, '-in', signature, '-CAfile', file('authority.pem'), '-purpose', 'any', '-out', '/dev/null']);
const flipped = (name: string, at: (length: number) => number) => {
  const bytes = fs.readFileSync(file(name));
  bytes[at(bytes.length)]! ^= 0x01;
  const copy = file(`altere-${name}`);
  fs.writeFileSync(copy, bytes);
  return copy;
};
const pdfs = pdfCheck();
const pdfsig = (pdf: string) => pdfs.pdfsig(fs.readFileSync(pdf)).out;

beforeAll(async () => {
  run = await demo('--out', out);
}, 120_000);
afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
  pdfs.remove();
});

describe('npm run demo:session (issue 9 § Proof)', () => {
  test('the whole session runs; each step is one French line, numbered; openssl ran and said « Verification successful »', () => {
    expect(run.status, run.stderr).toBe(0);
    const steps = run.stdout.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(steps.map((l) => Number(l.split('.')[0]))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(run.stdout).toContain('passation-platform init');
    expect(run.stdout).toMatch(/paquets téléchargés de la plateforme/);
    expect(run.stdout).toMatch(/3 postes candidats simulés appairés/);
    expect(run.stdout).toMatch(/signalement E4/);
    expect(run.stdout).toContain('openssl cms -verify -binary -inform DER -content results.json -in results.json.p7s -CAfile authority.pem -purpose any');
    expect(run.stdout.match(/Verification successful/g)).toHaveLength(2);
  });

  test('the files: the bundle and its unpacked files byte for byte, the receipt, authority.pem, the look-up answers', async () => {
    const names = fs.readdirSync(out).filter((n) => !n.startsWith('altere-')).sort();
    expect(names).toEqual(expect.arrayContaining(['LISEZMOI.txt', 'authority.pem', 'feuille-emargement.pdf', 'pv-incident.pdf', 'recu.json', 'recu.json.p7s',
      'resultats-session-1.zip', 'results.json', 'results.json.p7s']));
    const read = await readBundle(fs.readFileSync(file('resultats-session-1.zip')));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    for (const f of read.files) expect(fs.readFileSync(file(f.name)).equals(f.bytes), f.name).toBe(true);
  });

  test('openssl verifies the results and the receipt against authority.pem; one flipped byte of the content or of the signature fails', () => {
    expect(verifyCms(file('results.json'), file('results.json.p7s')).stderr).toContain('Verification successful');
    expect(verifyCms(file('recu.json'), file('recu.json.p7s')).stderr).toContain('Verification successful');
    expect(verifyCms(flipped('results.json', (n) => Math.floor(n / 2)), file('results.json.p7s')).status).not.toBe(0);
    expect(verifyCms(file('results.json'), flipped('results.json.p7s', (n) => n - 20)).status).not.toBe(0);
    expect(verifyCms(flipped('recu.json', (n) => Math.floor(n / 2)), file('recu.json.p7s')).status).not.toBe(0);
  });

  test('pdfsig: each PDF signed by the demo centre, signature valid; a flipped byte inside the signed range is a digest mismatch', () => {
    for (const pdf of ['feuille-emargement.pdf', 'pv-incident.pdf']) {
      const report = pdfsig(file(pdf));
      expect(report, pdf).toContain('Signature is Valid.');
      expect(report).toContain('O=Collège de démonstration');
    }
    expect(pdfsig(flipped('pv-incident.pdf', () => 2000))).toContain('Digest Mismatch');
  });

  test('what the session did: 3 candidates sat, the E4 incident neutralised the question it names, the receipt rescored all three, the look-up answers', () => {
    const document = JSON.parse(fs.readFileSync(file('results.json'), 'utf8')) as ResultsDocument;
    expect(document.candidates).toHaveLength(3);
    const e4 = document.candidates.flatMap((c) => c.test?.effects ?? []).filter((e) => e.category === 'E4');
    expect(e4).toEqual([expect.objectContaining({ effect: 'neutralized', questionNumber: 3 })]);
    const receipt = Receipt.parse(JSON.parse(fs.readFileSync(file('recu.json'), 'utf8')));
    expect(receipt.candidates.map((c) => c.lastName).sort()).toEqual(document.candidates.map((c) => c.lastName).sort());
    // The platform's own rescoring (the neutralised question included: the E4 report names its challenge) gives
    // every candidate the centre's result.
    expect(receipt.candidates.map((c) => [c.lastName, c.matchesCentre])).toEqual(receipt.candidates.map((c) => [c.lastName, true]));
    const lookUp = fs.readdirSync(out).find((n) => /^verification-P-\w+\.json$/.test(n))!;
    const answer = JSON.parse(fs.readFileSync(file(lookUp), 'utf8')) as { verificationCode: string; pix: number; lastName: string };
    const same = receipt.candidates.find((c) => c.verificationCode === answer.verificationCode)!;
    expect(same).toBeDefined();
    expect(answer.pix).toBe(same.pix);
    const page = fs.readFileSync(file(lookUp.replace(/\.json$/, '.html')), 'utf8');
    expect(page).toContain('lang="fr"');
    expect(page).toContain(answer.lastName);
  });

  test('issue 9 §4 — `passation rescore` on the exported bundle agrees with the platform’s receipt, candidate by candidate', () => {
    const rescore = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'passation.js'), 'rescore', file('resultats-session-1.zip'), '--content', CONTENT_FILE], { encoding: 'utf8' });
    expect(rescore.status, rescore.stderr).toBe(0);
    const rescored = JSON.parse(rescore.stdout) as { verificationCode: string | null; status: string | null; pix: number | null; levels: Record<string, number> }[];
    const receipt = Receipt.parse(JSON.parse(fs.readFileSync(file('recu.json'), 'utf8')));
    const fromReceipt = receipt.candidates.map((c) => ({
      verificationCode: c.verificationCode, status: c.status, pix: c.pix,
      levels: Object.fromEntries(c.competences.map((k) => [k.code, k.level])),
    }));
    const fromAuditor = rescored.filter((c) => c.verificationCode !== null).map((c) => ({ verificationCode: c.verificationCode, status: c.status, pix: c.pix, levels: c.levels }));
    const byCode = (a: { verificationCode: string | null }, b: { verificationCode: string | null }) => String(a.verificationCode).localeCompare(String(b.verificationCode));
    expect(fromAuditor.sort(byCode)).toEqual(fromReceipt.sort(byCode));
    expect(fromReceipt).toHaveLength(3);
  });

  test('without --out: the usage, in French, exit code 2', async () => {
    const bare = await demo();
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('usage : npm run demo:session -- --out DOSSIER');
  });
});
