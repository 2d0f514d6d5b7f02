import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCentreServer } from '../../electron/centre/centre-server';
import { createStationTlsCertificate } from '../../electron/centre/pki/tls';
import { OPENSSL_VERIFY_COMMAND } from '../../electron/centre/signing/bundle-readme';
import { readBundle } from '../../electron/centre/signing/read-bundle';
import { bundleFileName } from '../../electron/centre/signing/results-bundle';
import { openDatabase } from '../../electron/centre/storage/database';
import { CONTENT_FILE, PROFILES_FILE, ROSTER_FILE } from '../../fixtures/paths';
import type { ContentPackage } from '../../shared/formats/content-package';
import type { ProfilePackage } from '../../shared/formats/profile-package';
import { rightAnswerFor, wrongAnswerFor } from '../../shared/testing/simulated-answer';
import { DEMO_CENTRE, startDemoAuthority } from './demo-authority';
import { demoRoster } from './demo-roster';
import { expectStatus, httpsClient } from './https-client';

/** What the demo leaves in the output folder. */
export const RECEIPT_FILE = 'recu.json';
export const RECEIPT_SIGNATURE_FILE = 'recu.json.p7s';
export const RECEIPT_VERIFY_COMMAND = `openssl cms -verify -binary -inform DER -content ${RECEIPT_FILE} -in ${RECEIPT_SIGNATURE_FILE} -CAfile authority.pem -purpose any`;
const KIOSKS = 3;
/** The question of the first candidate the E4 incident names (answered wrong: the incident neutralises it). */
const E4_QUESTION = 3;

export interface DemoSessionResult {
  outDir: string;
  files: string[];
  verificationCode: string;
  bundleFile: string;
}

/**
 * `npm run demo:session -- --out DIR` (issue 9 § Proof): one complete session, headless, through the real HTTP APIs
 * of a platform and a station both started here on 127.0.0.1 — the authority's commands (init, issue-centre,
 * publish, serve), then the station: roster, packages downloaded from the platform, 3 simulated kiosks, check-in,
 * presence, the test (an E4 incident neutralises a question), finalisation, signature, sending, the receipt, and
 * a verification-code look-up (JSON and HTML). Each step prints one French line.
 */
export async function runDemoSession(outDir: string, say: (line: string) => void): Promise<DemoSessionResult> {
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-demo-session-'));
  const closers: (() => Promise<void> | void)[] = [];
  try {
    const content = JSON.parse(fs.readFileSync(CONTENT_FILE, 'utf8')) as ContentPackage;
    const profiles = JSON.parse(fs.readFileSync(PROFILES_FILE, 'utf8')) as ProfilePackage;

    // ── The authority and its platform ──
    const authority = await startDemoAuthority(path.join(work, 'autorite'), { contentFile: CONTENT_FILE, profilesFile: PROFILES_FILE });
    closers.push(() => authority.serve.close());
    const platformUrl = authority.serve.platform.url;
    say(`1. Autorité créée (passation-platform init) et certificat du centre « ${DEMO_CENTRE.name} » émis (issue-centre) : centre.p12`);
    say(`2. Paquets publiés et signés par la plateforme (publish) : contenu « ${content.id} » ${content.version}, profils « ${profiles.id} »`);
    say(`3. Plateforme à l’écoute (serve) : ${platformUrl}`);

    // ── The station ──
    const dataDir = path.join(work, 'poste');
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
    closers.push(() => { db.close(); });
    const tls = createStationTlsCertificate({ hostnames: [], ips: [], validDays: 2 });
    const managerPassword = `demo-${Math.random().toString(36).slice(2)}-responsable`;
    const station = await createCentreServer({ db, dataDir, host: '127.0.0.1', port: 0, tls, config: { managerPassword } });
    closers.unshift(() => station.close());
    const s = httpsClient(station.url, tls.certPem);
    closers.push(() => s.close());
    fs.writeFileSync(path.join(dataDir, 'authority.pem'), authority.authorityPem);
    say(`4. Poste du centre démarré : ${station.url} (authority.pem de l’autorité placé dans son dossier)`);

    const M = expectStatus('connexion du responsable', await s.call('POST', '/api/manager/login', { body: { password: managerPassword } }), 200).json.token as string;
    expectStatus('adresse de la plateforme', await s.call('PUT', '/api/manager/platform', { token: M, body: { platformUrl } }), 200);
    const today = new Date().toISOString().slice(0, 10);
    const created = expectStatus('création de la session', await s.call('POST', '/api/manager/sessions', {
      token: M,
      body: { centre: DEMO_CENTRE.name, siteAddress: '1 place de la République, Lyon', room: 'Salle info 1', date: today, startTime: '09:00', invigilatorName: 'M. Surveillant' },
    }), 201).json;
    const session = created.session as { id: number; number: number; accessCode: string };
    const S = `/api/console/sessions/${session.id}`;
    const roster = demoRoster(fs.readFileSync(ROSTER_FILE, 'utf8'), profiles, KIOSKS);
    const imported = expectStatus('liste des candidats', await s.call('POST', `/api/manager/sessions/${session.id}/roster?fileName=eleves.csv`, { token: M, raw: Buffer.from(roster, 'utf8'), contentType: 'text/csv' }), 201).json;
    const candidates = imported.candidates as { id: number; lastName: string; firstName: string; birthDate: string }[];
    say(`5. Session n° ${session.number} créée ; liste importée : ${candidates.map((c) => `${c.firstName} ${c.lastName}`).join(', ')}`);

    const listed = expectStatus('liste des paquets de la plateforme', await s.call('GET', '/api/manager/platform/packages', { token: M }), 200).json.packages as { kind: string; packageId: string; version: string }[];
    const rowIds: number[] = [];
    for (const pkg of listed) {
      const got = expectStatus(`téléchargement du paquet ${pkg.packageId}`, await s.call('POST', '/api/manager/platform/packages', { token: M, body: { kind: pkg.kind, packageId: pkg.packageId, version: pkg.version } }), 201, 200).json;
      rowIds.push(got.package.id as number);
      expectStatus('paquets de la session', await s.call('PUT', `/api/manager/sessions/${session.id}/packages`, { token: M, body: { packageId: got.package.id } }), 200);
    }
    say(`6. ${rowIds.length} paquets téléchargés de la plateforme, signature et chaîne vérifiées contre authority.pem, choisis pour la session`);

    // ── The invigilator and three kiosks ──
    const I = expectStatus('connexion du surveillant', await s.call('POST', '/api/console/login', { body: { sessionNumber: session.number, password: created.invigilatorPassword } }), 200).json.token as string;
    const kiosks: string[] = [];
    for (let k = 1; k <= KIOSKS; k++) {
      const code = expectStatus('code d’appairage', await s.call('POST', '/api/console/pairing-codes', { token: I }), 201).json.code as string;
      kiosks.push(expectStatus('appairage', await s.call('POST', '/api/kiosk/pair', { body: { code, name: `Poste ${k}` } }), 201).json.deviceToken as string);
    }
    say(`7. ${KIOSKS} postes candidats simulés appairés (codes à usage unique)`);

    const entries: string[] = [];
    for (const [i, c] of candidates.entries()) {
      const checkedIn = expectStatus(`identification de ${c.lastName}`, await s.call('POST', '/api/kiosk/check-in', {
        token: kiosks[i], body: { sessionNumber: session.number, lastName: c.lastName, firstName: c.firstName, birthDate: c.birthDate, accessCode: session.accessCode },
      }), 200).json;
      entries.push(checkedIn.entryToken as string);
    }
    say(`8. Les ${KIOSKS} candidats se sont identifiés sur leur poste (numéro de session, code d’accès, identité)`);
    for (const c of candidates) expectStatus(`présence de ${c.lastName}`, await s.call('POST', `${S}/candidates/${c.id}/confirm-presence`, { token: I }), 200);
    say('9. Le surveillant a confirmé la présence de chacun');

    const byId = new Map(content.challenges.map((ch) => [ch.id, ch]));
    let answered = 0;
    for (const [i, c] of candidates.entries()) {
      const kiosk = { token: kiosks[i], headers: { 'x-passation-entry': entries[i]! } };
      const test = expectStatus(`début du test de ${c.lastName}`, await s.call('POST', '/api/kiosk/start', kiosk), 200).json;
      const ids = (test.challenges as { challengeId: string }[]).map((ch) => ch.challengeId);
      for (const [q, id] of ids.entries()) {
        const challenge = byId.get(id);
        if (!challenge) throw new Error(`épreuve ${id} absente du paquet de contenu`);
        // One wrong answer each (for the first candidate, the question the E4 incident neutralises).
        const wrong = q === (i === 0 ? E4_QUESTION - 1 : (i * 5) % ids.length);
        expectStatus('réponse', await s.call('POST', '/api/kiosk/answers', {
          ...kiosk, body: { challengeId: id, answer: wrong ? wrongAnswerFor(challenge) : rightAnswerFor(challenge), clientAnswerId: `demo-${i}-${q}`, elapsedMs: 20_000 + q * 1000, timedOut: false, focusLost: false },
        }), 200);
        answered += 1;
      }
    }
    const first = candidates[0]!;
    expectStatus('signalement E4', await s.call('POST', `${S}/incidents`, {
      token: I, body: { candidateId: first.id, category: 'E4', questionNumber: E4_QUESTION, description: 'Le site de l’épreuve ne répondait pas.' },
    }), 201);
    say(`10. Test passé : ${answered} réponses ; signalement E4 (site indisponible) sur la question ${E4_QUESTION} de ${first.firstName} ${first.lastName}, qui est neutralisée`);

    const finalised = expectStatus('finalisation', await s.call('POST', `${S}/finalisation`, {
      token: I, body: { incidentDuringSession: true, joiningIssue: false, globalComment: 'Session de démonstration.', candidates: [] },
    }), 200).json;
    say(`11. Session finalisée : document de résultats ${String(finalised.resultsSha256).slice(0, 16)}…, chaîne d’audit close à l’événement ${finalised.chainHead.seq}`);

    expectStatus('clé du centre', await s.call('POST', '/api/manager/centre-key', { token: M, body: { pkcs12: authority.pkcs12.toString('base64'), password: authority.pkcs12Password } }), 201);
    expectStatus('signature', await s.call('POST', `${S}/signature`, { token: I, body: { passphrase: authority.pkcs12Password } }), 201);
    const bundle = expectStatus('lot signé', await s.call('GET', `${S}/bundle`, { token: I }), 200).body;
    say(`12. Certificat du centre importé ; session signée : lot de ${bundle.length} octets (results.json, sa signature CMS, deux PDF signés)`);

    expectStatus('envoi', await s.call('POST', `${S}/sending`, { token: I }), 202);
    const deadline = Date.now() + 60_000;
    let state = '';
    while (state !== 'received') {
      const outbox = expectStatus('état de l’envoi', await s.call('GET', `${S}/sending`, { token: I }), 200).json;
      state = outbox.state;
      if (state === 'refused') throw new Error(`envoi refusé par la plateforme : ${outbox.lastErrorMessage}`);
      if (Date.now() > deadline) throw new Error(`envoi : pas de reçu après 60 s (${outbox.state}, ${outbox.lastErrorMessage ?? ''})`);
      if (state !== 'received') await new Promise((r) => setTimeout(r, 100));
    }
    const receipt = expectStatus('reçu', await s.call('GET', `${S}/receipt`, { token: I }), 200).json;
    const results = receipt.candidates as { lastName: string; firstName: string; status: string; pix: number; verificationCode: string }[];
    say(`13. Lot envoyé, reçu signé de la plateforme vérifié : ${results.map((r) => `${r.firstName} ${r.lastName} ${r.status === 'validated' ? 'validée' : r.status} ${r.pix} pix`).join(' ; ')}`);

    const looked = results.find((r) => r.status === 'validated') ?? results[0]!;
    const p = httpsClient(platformUrl, authority.authorityPem);
    closers.push(() => p.close());
    const answer = expectStatus('recherche par code', await p.call('GET', `/api/verification/${encodeURIComponent(looked.verificationCode)}`), 200);
    const page = expectStatus('page de vérification', await p.call('GET', `/verification?code=${encodeURIComponent(looked.verificationCode)}`), 200);
    say(`14. Code ${looked.verificationCode} recherché sur la plateforme : ${answer.json.firstName} ${answer.json.lastName}, ${answer.json.pix} pix (JSON et page HTML)`);

    // ── What the demo leaves ──
    const files = await readBundle(bundle);
    if (!files.ok) throw new Error(`lot illisible : ${files.reason}`);
    const bundleFile = bundleFileName(session.number);
    const written: [string, Buffer | string][] = [
      [bundleFile, bundle],
      ...files.files.map((f) => [f.name, f.bytes] as [string, Buffer]),
      [RECEIPT_FILE, receipt.signed.receipt as string],
      [RECEIPT_SIGNATURE_FILE, Buffer.from(receipt.signed.signature as string, 'base64')],
      ['authority.pem', authority.authorityPem],
      [`verification-${looked.verificationCode}.json`, answer.text],
      [`verification-${looked.verificationCode}.html`, page.text],
    ];
    for (const [name, bytes] of written) fs.writeFileSync(path.join(outDir, name), bytes);
    say(`15. Écrits dans ${outDir} : ${written.map(([name]) => name).join(', ')}`);

    say(`16. Vérifier la signature des résultats : cd ${outDir} && ${OPENSSL_VERIFY_COMMAND} -out /dev/null`);
    const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    if (openssl.status === 0) {
      for (const command of [OPENSSL_VERIFY_COMMAND, RECEIPT_VERIFY_COMMAND]) {
        const run = spawnSync('sh', ['-c', `${command} -out /dev/null`], { cwd: outDir, encoding: 'utf8' });
        say(`    ${command.includes(RECEIPT_FILE) ? 'reçu' : 'résultats'} : ${(run.stderr || run.stdout).trim()}`);
        if (run.status !== 0) throw new Error(`openssl a refusé la signature (${command})`);
      }
    } else {
      say('    (openssl absent de ce poste : la commande n’a pas été lancée)');
    }
    return { outDir, files: written.map(([name]) => name), verificationCode: looked.verificationCode, bundleFile };
  } finally {
    for (const close of closers) await close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: 'string' } }, strict: true });
  if (!values.out) {
    process.stderr.write('usage : npm run demo:session -- --out DOSSIER\n');
    process.exit(2);
  }
  runDemoSession(path.resolve(values.out), (line) => process.stdout.write(`${line}\n`)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`Démonstration interrompue : ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
