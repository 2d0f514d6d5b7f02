/**
 * `npm run bench:kiosk` — issue 8, "Proof": in Chromium, over a whole test, the time from « Je valide » to the next
 * challenge painted (the marks of renderer/kiosk/flow/paint-marks.ts: `passation:answer` when the button is
 * handled, `passation:painted` in the animation frame that paints the next challenge's heading — the strict
 * IndexedDB write included, never the network), p50 and p95; and the kiosk's JS and CSS gzipped (zlib level 9,
 * every file the page loaded, measured in dist/kiosk/; the service worker apart). Same-run baseline, in the same
 * page: one bare requestAnimationFrame round trip and one strict IndexedDB write. Targets: p95 ≤ 50 ms,
 * JS ≤ 150 kB gzipped. Builds nothing: run `npm run build:screens` first.
 *
 * A real centre server on 127.0.0.1 (port 0, HTTPS, its own SQLite file in a temporary folder) serves the built
 * screens; a session is seeded as the e2e tests do (e2e/session-seed.ts); one pupil is paired, checked in,
 * confirmed by the invigilator (console API) and sits the whole test through the controls (e2e/kiosk-answering.ts).
 * Options: --pupils N (default 1: N pupils one after the other, each in a fresh browser context, for more
 * answers), --headed, --cpu-prof DIR (the page's CPU profile over the test, one .cpuprofile per pupil, for Chrome's
 * DevTools; build with `npx vite build -c vite.screens.config.mts --mode kiosk --minify false` to read names). Last line: one JSON object {"p50Ms","p95Ms","jsKbGz","cssKbGz"}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { createCentreServer } from '../../electron/centre/centre-server';
import { screensPlugin } from '../../electron/centre/screens/screens-plugin';
import { openDatabase } from '../../electron/centre/storage/database';
import { chromiumLaunchOptions } from '../../e2e/chromium-options';
import { answerAndValidate } from '../../e2e/kiosk-answering';
import { pairAndCheckIn, sitWholeTest } from '../../e2e/kiosk-check-in';
import { MANAGER_PASSWORD, seedSession } from '../../e2e/session-seed';
import { TEST_STATION_TLS } from '../../e2e/station-tls';

import { answerLatencies, summarise, type AnswerStages, type PageMark, type Summary } from './answer-latency';
import { entryFiles, kioskFile, kioskSizes } from './kiosk-size';

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'kiosk');
/** The pupils of the seeded roster who may sit a test (electron/centre/testing/test-harness.ts). */
const PUPILS = ['Dupont', 'Bernard', 'Petit'];

const { values } = parseArgs({ options: {
  pupils: { type: 'string', default: '1' }, headed: { type: 'boolean', default: false }, 'cpu-prof': { type: 'string' },
} });
const pupilCount = Number(values.pupils);
if (!Number.isInteger(pupilCount) || pupilCount < 1 || pupilCount > PUPILS.length) {
  throw new Error(`--pupils : un entier de 1 à ${PUPILS.length} est attendu, pas « ${values.pupils} »`);
}

/** Same-run baseline, in the kiosk's page: a bare animation-frame round trip and a strict IndexedDB write. */
async function pageBaseline(page: Page, rounds: number): Promise<{ frameMs: number[]; idbWriteMs: number[] }> {
  return page.evaluate(async (count) => {
    const frameMs: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const start = performance.now();
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      frameMs.push(performance.now() - start);
    }
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('passation-bench-baseline', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('writes');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const idbWriteMs: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('writes', 'readwrite', { durability: 'strict' });
        tx.objectStore('writes').put({ answer: ['réponse'], at: Date.now() }, i);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      idbWriteMs.push(performance.now() - start);
    }
    db.close();
    indexedDB.deleteDatabase('passation-bench-baseline');
    return { frameMs, idbWriteMs };
  }, rounds);
}

const ms = (n: number) => `${n.toFixed(1).replace('.', ',')} ms`;
const line = (s: Summary) => `p50 ${ms(s.p50)}   p95 ${ms(s.p95)}   max ${ms(s.max)}   (n = ${s.n})`;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${path.join(DIST, 'index.html')} manque : lancez d’abord npm run build:screens (bench:kiosk ne construit rien)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-bench-kiosk-'));
  const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
  const server = await createCentreServer({
    db, dataDir, host: '127.0.0.1', port: 0, tls: TEST_STATION_TLS,
    config: { managerPassword: MANAGER_PASSWORD, plugins: [screensPlugin()], logError: () => {} },
  });
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: !values.headed });
  try {
    const session = await seedSession({ url: server.url, dataDir, server });
    const latencies: number[] = [];
    const stages: AnswerStages[] = [];
    const loaded = new Set(entryFiles(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8')));
    let unpaired = 0;
    let answered = 0;
    let baseline: { frameMs: number[]; idbWriteMs: number[] } | null = null;
    for (const lastName of PUPILS.slice(0, pupilCount)) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith('/kiosk/') && /\.(js|css)$/.test(url.pathname)) loaded.add(kioskFile(url.pathname));
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await pairAndCheckIn(page, server.url, session, lastName);
      const candidate = session.candidates.get(lastName)!;
      const confirmed = await session.console('POST', `/candidates/${candidate.id}/confirm-presence`);
      if (confirmed.status !== 200) throw new Error(`confirmation de présence : ${confirmed.status} ${JSON.stringify(confirmed.json)}`);
      const cdp = values['cpu-prof'] ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.getByRole('button', { name: 'Commencer mon test' }).click();
      answered += await sitWholeTest(page, (p) => answerAndValidate(p));
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        fs.mkdirSync(values['cpu-prof']!, { recursive: true });
        const file = path.join(values['cpu-prof']!, `kiosk-${lastName}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(profile));
        console.log(`profil processeur de la page : ${file}`);
      }
      const marks: PageMark[] = await page.evaluate(() => performance.getEntriesByType('mark')
        .filter((m) => m.name.startsWith('passation:')).map((m) => ({ name: m.name, startTime: m.startTime })));
      const paired = answerLatencies(marks);
      latencies.push(...paired.latenciesMs);
      stages.push(...paired.stages);
      unpaired += paired.unpaired;
      baseline ??= await pageBaseline(page, 30);
      if (errors.length > 0) throw new Error(`erreurs dans la page : ${errors.join(' ; ')}`);
      await context.close();
    }
    if (latencies.length === 0) throw new Error('aucune réponse mesurée : les marques passation:answer / passation:painted manquent dans la page');
    const answers = summarise(latencies);
    const frame = summarise(baseline!.frameMs);
    const idb = summarise(baseline!.idbWriteMs);
    const sizes = kioskSizes(DIST, [...loaded]);
    const kb = (n: number) => `${(n / 1000).toFixed(1).replace('.', ',')} kB`;
    const meet = (ok: boolean) => (ok ? 'atteint' : 'non atteint');

    console.log(`bench:kiosk — ${pupilCount} élève(s), ${answered} réponses par « Je valide » (toutes les épreuves d’un test, avertissements « Commencer » et « Je suis prêt » passés), Chromium ${browser.version()} sans affichage, 1366×768, poste sur 127.0.0.1, Node ${process.version}, ${os.cpus().length} cœurs`);
    console.log(`  « Je valide » → question suivante peinte   ${line(answers)}   objectif p95 ≤ 50 ms : ${meet(answers.p95 <= 50)}${unpaired > 0 ? `   (${unpaired} réponse(s) sans question suivante : la dernière mène à « Test terminé »)` : ''}`);
    for (const [key, label] of [['keptMs', 'dont la réponse sur disque (chronomètre, IndexedDB stricte)'], ['renderedMs', 'dont la question suivante dans le DOM (rendu React)'], ['frameMs', 'dont l’attente de l’image suivante (peinture)']] as const) {
      const part = stages.map((s) => s[key]).filter((v): v is number => v !== null);
      if (part.length > 0) console.log(`    ${label.padEnd(60)} ${line(summarise(part))}`);
    }
    console.log(`  référence, même page : un aller-retour requestAnimationFrame nu   ${line(frame)}`);
    console.log(`  référence, même page : une écriture IndexedDB stricte            ${line(idb)}`);
    for (const f of [...sizes.js, ...sizes.css]) console.log(`  ${f.file.padEnd(34)} ${kb(f.bytes).padStart(10)}   gzip -9 ${kb(f.gzBytes).padStart(9)}`);
    console.log(`  JS de la page ${sizes.jsKbGz.toFixed(1).replace('.', ',')} kB gzip (objectif ≤ 150 kB : ${meet(sizes.jsKbGz <= 150)})   CSS ${sizes.cssKbGz.toFixed(1).replace('.', ',')} kB gzip`);
    if (sizes.serviceWorker) console.log(`  service worker (à part, hors JS de la page) ${kb(sizes.serviceWorker.bytes)}   gzip -9 ${kb(sizes.serviceWorker.gzBytes)}`);
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(JSON.stringify({ p50Ms: round(answers.p50), p95Ms: round(answers.p95), jsKbGz: sizes.jsKbGz, cssKbGz: sizes.cssKbGz }));
  } finally {
    await browser.close();
    await server.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:kiosk : ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
