/**
 * `npm run bench:console` — issue 10, "Proof": with 40 simulated kiosks answering, the time from a kiosk's answer
 * to the console card showing it (Chromium, measured in the page), p50 and p95, and the console's JS gzipped.
 * Targets: p95 ≤ 250 ms, JS ≤ 200 kB gzipped. Builds nothing: run `npm run build:screens` first.
 *
 * The station (`scripts/station-load/server-process.ts`: the headless station, real SQLite file, HTTPS on
 * 127.0.0.1, the built screens) runs in its own process, on a session of 40 pupils prepared through the real paths
 * (signed packages imported, roster CSV: prepare-station.ts). This process runs the 40 kiosks of bench:station
 * (simulated-kiosk.ts: pairing, live WebSocket, check-in, presence confirmed by the invigilator through the console
 * API, start, answers on the socket at a pupil's pace) and drives one Chromium (Debian's, the e2e flags, the
 * station's certificate pinned by its key) on `/console/`, logged in through the form as the invigilator.
 *
 * Method: the bench reads `Date.now()` when a kiosk sends answer k; a MutationObserver in the page reads
 * `Date.now()` when a card's text changes, and again in the next animation frame (the frame that paints it).
 * Answer k is shown when its card first says « Question k+1 sur N » or more (« Test terminé » after the last).
 * Both ends read the same system clock: the error is Date.now()'s resolution, ±1 ms, which the run checks (a
 * page read between two bench reads). Same-run baseline: the station's own acknowledgement of the same answers
 * (send → `answerSaved`, on the kiosk's socket). The console's JS: every .js the page loaded (index.html's and
 * every /console/ response), measured in dist/console/ with zlib level 9, kB = 1000 bytes, as bench:kiosk does.
 *
 * Options: --kiosks N (40), --duration S (45: seconds of answering after the check-ins), --think MIN-MAX (2000-6000:
 * ms before each answer, bench:station's pupil pace), --seed, --headed, --keep. Last line: one JSON object
 * {"p50Ms","p95Ms","jsKbGz"} (the card painted).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import type { Answer } from '../../shared/formats/challenge';
import { ContentPackage } from '../../shared/formats/content-package';
import { rightAnswerFor, wrongAnswerFor } from '../../shared/testing/simulated-answer';
import { CONTENT_FILE } from '../../fixtures/paths';
import { chromiumLaunchOptions } from '../../e2e/chromium-options';
import { spkiSha256Base64 } from '../../e2e/station-tls';
import { entryFiles, kioskFile, kioskSizes } from '../kiosk-bench/kiosk-size';
import { summarise, type Summary } from '../kiosk-bench/answer-latency';
import { runScript, type ScriptProcess } from '../station-load/child-processes';
import { LoadRecorder, type AckRecord } from '../station-load/load-recorder';
import type { PreparedSession } from '../station-load/prepare-station';
import type { ServerReady } from '../station-load/server-process';
import { seededRandom } from '../station-load/seeded-random';
import { SimulatedInvigilator } from '../station-load/simulated-invigilator';
import { SimulatedKiosk } from '../station-load/simulated-kiosk';
import { loopbackAddress, type StationAddress } from '../station-load/station-client';
import { cardLatencies, type SentAnswer, type ShownCard } from './card-latency';

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'console');

const { values } = parseArgs({ options: {
  kiosks: { type: 'string', default: '40' }, duration: { type: 'string', default: '45' }, think: { type: 'string', default: '2000-6000' },
  seed: { type: 'string', default: '10' }, headed: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false },
} });
const kioskCount = Number(values.kiosks);
const durationS = Number(values.duration);
const think = /^(\d+)-(\d+)$/.exec(values.think);
if (!Number.isInteger(kioskCount) || kioskCount < 1 || kioskCount > 200) throw new Error(`--kiosks : un entier de 1 à 200 est attendu, pas « ${values.kiosks} »`);
if (!(durationS > 0)) throw new Error(`--duration : un nombre de secondes positif est attendu, pas « ${values.duration} »`);
if (!think || Number(think[1]) > Number(think[2])) throw new Error(`--think : MIN-MAX en millisecondes est attendu (par exemple 2000-6000), pas « ${values.think} »`);
const [thinkMin, thinkMax] = [Number(think[1]), Number(think[2])];

/** Every answer acknowledged, with the wall-clock time it was sent (for the page's times) and its rank for the pupil. */
class TimedRecorder extends LoadRecorder {
  readonly sent: (AckRecord & { at: number; answer: number })[] = [];
  private readonly ranks = new Map<number, number>();
  override acknowledged(record: AckRecord, latencyMs: number | null, sentAt: number): void {
    super.acknowledged(record, latencyMs, sentAt);
    // sentAt is this process's performance.now(): back to Date.now()'s clock over the few ms since.
    const at = Date.now() - (performance.now() - sentAt);
    const answer = (this.ranks.get(record.candidateId) ?? 0) + 1;
    this.ranks.set(record.candidateId, answer);
    this.sent.push({ ...record, at, answer });
  }
}

/**
 * Watches every card of the board; each change of a card's text is kept with when (DOM, then painted) in
 * `window.__cards`. Plain JavaScript in a string: tsx would wrap named functions in a helper the page lacks.
 */
const WATCH_CARDS = `(() => {
  const region = [...document.querySelectorAll('section')].find((s) => s.getAttribute('aria-label') === 'Candidats');
  if (!region) throw new Error('la région « Candidats » manque');
  const last = new Map();
  const shown = [];
  window.__cards = shown;
  const scan = () => {
    const domAt = Date.now();
    const batch = [];
    for (const card of region.querySelectorAll('article')) {
      const heading = document.getElementById(card.getAttribute('aria-labelledby') || '');
      const name = heading ? heading.textContent : '';
      const text = card.textContent || '';
      if (last.get(name) === text) continue;
      last.set(name, text);
      batch.push({ name, text, domAt, paintedAt: domAt });
    }
    if (batch.length === 0) return;
    shown.push(...batch);
    requestAnimationFrame(() => {
      const paintedAt = Date.now();
      for (const s of batch) s.paintedAt = paintedAt;
    });
  };
  scan();
  new MutationObserver(scan).observe(region, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * Installed before the console's own code: when each `candidate` push reaches the page (`window.__pushes`), read
 * before the console's handler runs — where the time goes: the station and the network, or the page.
 */
const WATCH_PUSHES = `(() => {
  const Native = window.WebSocket;
  const pushes = [];
  window.__pushes = pushes;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const at = Date.now();
        if (typeof event.data !== 'string' || !event.data.startsWith('{"type":"candidate"')) return;
        const c = JSON.parse(event.data).candidate;
        pushes.push({ id: c.candidateId, answered: c.status === 'completed' ? 1e9 : (c.progress ? c.progress.answered : 0), at });
      });
    }
  };
})()`;

async function watchCards(page: Page): Promise<void> {
  await page.evaluate(WATCH_CARDS);
}

const fmt = (n: number) => `${n.toFixed(1).replace('.', ',')} ms`;
const line = (s: Summary) => `p50 ${fmt(s.p50)}   p95 ${fmt(s.p95)}   max ${fmt(s.max)}   (n = ${s.n})`;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${path.join(DIST, 'index.html')} manque : lancez d’abord npm run build:screens (bench:console ne construit rien)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-bench-console-'));
  let server: ScriptProcess | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  const kiosks: SimulatedKiosk[] = [];
  let invigilator: SimulatedInvigilator | null = null;
  try {
    const prepare = runScript('server-process.ts', ['--data', dataDir, '--prepare-only', '--pupils', String(kioskCount), '--sessions', '1']);
    await prepare.nextJson((v) => v.prepared === true, 120_000).catch((error: unknown) => { throw new Error(`préparation : ${String(error)}\n${prepare.stderrTail()}`); });
    await prepare.exited;
    const station = runScript('server-process.ts', ['--data', dataDir], ['--max-old-space-size=192', '--max-semi-space-size=8']);
    server = station;
    const ready = await station.nextJson<ServerReady>((v) => v.ready === true, 60_000)
      .catch((error: unknown) => { throw new Error(`poste : ${String(error)}\n${station.stderrTail()}`); });
    const certPem = fs.readFileSync(ready.certFile, 'utf8');
    const address: StationAddress = { url: ready.url, certPem, fingerprint: ready.fingerprint };
    const session = (JSON.parse(fs.readFileSync(ready.preparedFile, 'utf8')) as PreparedSession[])[0]!;

    // The console in Chromium, logged in through its form as the invigilator.
    const launch = chromiumLaunchOptions();
    const args = launch.args.map((a) => (a.startsWith('--ignore-certificate-errors-spki-list=') ? `--ignore-certificate-errors-spki-list=${spkiSha256Base64(certPem)}` : a));
    browser = await chromium.launch({ ...launch, args, headless: !values.headed });
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    const loaded = new Set(entryFiles(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8'), '/console/'));
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/console/') && /\.(js|css)$/.test(url.pathname)) loaded.add(kioskFile(url.pathname, '/console/'));
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(WATCH_PUSHES);
    await page.goto(`${ready.url}/console/`);
    await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
    await page.getByLabel('Mot de passe du surveillant').fill(session.invigilatorPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: `Session n° ${session.sessionNumber}` }).waitFor();
    const cards = page.getByRole('region', { name: 'Candidats' }).getByRole('article');
    for (let i = 0; (await cards.count()) !== kioskCount; i += 1) {
      if (i > 100) throw new Error(`la console n’affiche pas ${kioskCount} cartes`);
      await page.waitForTimeout(100);
    }
    await watchCards(page);

    // Clock check: the page's Date.now() between two of this process's.
    const before = Date.now();
    const inPage = await page.evaluate('Date.now()') as number;
    const after = Date.now();
    const clockOk = inPage >= before && inPage <= after;

    // 40 kiosks: paired, live socket open; then each sits its pupil (presence confirmed through the console API).
    const recorder = new TimedRecorder();
    const random = seededRandom(Number(values.seed));
    const content = ContentPackage.parse(JSON.parse(fs.readFileSync(CONTENT_FILE, 'utf8')));
    const answers = new Map(content.challenges.map((c) => [c.id, { right: rightAnswerFor(c), wrong: wrongAnswerFor(c) }]));
    const answerFor = (challengeId: string): Answer => {
      const known = answers.get(challengeId);
      return !known || random() < 0.05 ? { skipped: true } : random() < 0.75 ? known.right : known.wrong;
    };
    let deadline = Number.POSITIVE_INFINITY;
    const running = () => performance.now() < deadline;
    invigilator = new SimulatedInvigilator(session, address, '127.2.0.1', { keepTrying: running, onRetry: () => recorder.count('retries'), reconnect: () => false });
    await invigilator.login();
    for (let i = 0; i < kioskCount; i += 1) {
      kiosks.push(new SimulatedKiosk(i, address, loopbackAddress(i), {
        thinkMs: () => Math.round(thinkMin + random() * (thinkMax - thinkMin)), answerFor, running, reconnect: () => false, answersOver: 'socket',
      }, recorder));
    }
    for (const kiosk of kiosks) {
      await kiosk.pair(invigilator);
      await kiosk.openLive();
    }
    const startedAt = performance.now();
    deadline = startedAt + durationS * 1000;
    await Promise.all(kiosks.map((kiosk, i) => kiosk.sit({ invigilator: invigilator!, candidate: session.candidates[i]! })));
    // The last pushes (gathered for up to LIVE_PROGRESS_MS) reach the page.
    await page.waitForTimeout(2000);
    const shown = await page.evaluate('window.__cards') as ShownCard[];
    const pushes = await page.evaluate('window.__pushes') as { id: number; answered: number; at: number }[];
    if (errors.length > 0) throw new Error(`erreurs dans la page : ${errors.join(' ; ')}`);

    const names = new Map(session.candidates.map((c) => [c.candidateId, `${c.firstName} ${c.lastName}`]));
    const sent: SentAnswer[] = recorder.sent.map((s) => ({ name: names.get(s.candidateId)!, answer: s.answer, at: s.at }));
    const { latencies, missing } = cardLatencies(sent, shown);
    if (latencies.length === 0) throw new Error('aucune réponse vue sur la console');
    const painted = summarise(latencies.map((l) => l.paintedMs));
    const dom = summarise(latencies.map((l) => l.domMs));
    const acks = summarise(recorder.latencies);
    // Where the time goes: answer sent → its push in the page (station, network) → card in the DOM (the page).
    const pushed = recorder.sent.map((s) => pushes.find((p) => p.id === s.candidateId && p.answered >= s.answer && p.at >= s.at - 1)?.at).map((at, i) => (at === undefined ? null : at - recorder.sent[i]!.at));
    const toPush = summarise(pushed.filter((v): v is number => v !== null));
    const sizes = kioskSizes(DIST, [...loaded]);
    const meet = (ok: boolean) => (ok ? 'atteint' : 'non atteint');
    const kb = (n: number) => `${(n / 1000).toFixed(1).replace('.', ',')} kB`;
    const seconds = (performance.now() - startedAt) / 1000;

    console.log(`bench:console — ${kioskCount} postes simulés (connexion, présence confirmée, réponses sur la WebSocket, ${thinkMin / 1000} à ${thinkMax / 1000} s avant chaque réponse) pendant ${Math.round(seconds)} s, `
      + `1 console dans Chromium ${browser.version()} sans affichage (1366×768, ${kioskCount} cartes), poste dans son processus sur 127.0.0.1, Node ${process.version}, ${os.cpus().length} cœurs, charge ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`  réponse envoyée → carte peinte (« Question i sur N »)   ${line(painted)}   objectif p95 ≤ 250 ms : ${meet(painted.p95 <= 250)}`);
    console.log(`    dont carte dans le DOM (MutationObserver)           ${line(dom)}`);
    console.log(`    dont poussée reçue par la page (avant son code)     ${line(toPush)}`);
    console.log(`  référence, mêmes réponses : accusé du poste sur la WebSocket du poste   ${line(acks)}`);
    console.log(`  ${recorder.sent.length} réponses acquittées, ${missing} jamais vues sur la console ; horloge : Date.now() de la page entre deux lectures du banc (${clockOk ? 'vérifié' : `NON : ${before} ≤ ${inPage} ≤ ${after} faux`}), erreur ±1 ms`);
    const errorsSeen = [...recorder.errors].map(([m, n]) => `${m} ×${n}`);
    if (errorsSeen.length > 0) console.log(`  refus : ${errorsSeen.join(' ; ')}`);
    for (const f of sizes.js) console.log(`  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)}   gzip -9 ${kb(f.gzBytes).padStart(9)}`);
    console.log(`  JS de la console ${sizes.jsKbGz.toFixed(1).replace('.', ',')} kB gzip (objectif ≤ 200 kB : ${meet(sizes.jsKbGz <= 200)})   CSS ${sizes.cssKbGz.toFixed(1).replace('.', ',')} kB gzip`);
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(JSON.stringify({ p50Ms: round(painted.p50), p95Ms: round(painted.p95), jsKbGz: sizes.jsKbGz }));
  } finally {
    for (const kiosk of kiosks) kiosk.close();
    invigilator?.close();
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    if (values.keep) console.error(`dossier gardé : ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:console : ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
