import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page } from '@playwright/test';
import { createCentreServer, type CentreServer } from '../electron/centre/centre-server';
import { KIOSK_CSP } from '../electron/centre/http/security-headers';
import { DEFAULT_SCREENS_DIR, screensPlugin } from '../electron/centre/screens/screens-plugin';
import { openDatabase } from '../electron/centre/storage/database';
import { seedSession, type SeededSession } from './session-seed';
import { expect, saveScreenshot, test } from './station-fixture';
import { spkiSha256Base64, TEST_STATION_TLS } from './station-tls';
import type { TestStation } from './station-fixture';

// Issue 8 §2–5 in Chromium against real stations: the offline service worker (station stopped, page reloaded,
// browser restarted), the in-page lockdown (focus loss reaching the station, seen through the console API; what the
// page refuses), the theme and text-size controls (axe-core in both themes, no sideways scroll at 150 %), the CSP.
// These tests stop and restart their own station on the same data folder and port (the fixture's cannot restart).

interface RestartableStation extends TestStation { stop(): Promise<void>; restart(): Promise<void>; port: number }

async function startStation(options: { screensDir?: string } = {}): Promise<RestartableStation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-page-'));
  const open = async (p: number) => {
    const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
    const server = await createCentreServer({
      db, dataDir, host: '127.0.0.1', port: p, tls: TEST_STATION_TLS,
      config: { managerPassword: 'responsable-e2e', plugins: [screensPlugin(options.screensDir ? { dir: options.screensDir } : {})], logError: () => {} },
    });
    return { db, server };
  };
  let running: { db: ReturnType<typeof openDatabase>; server: CentreServer } | null = await open(0);
  const station: RestartableStation = {
    url: running.server.url, dataDir, server: running.server, port: Number(new URL(running.server.url).port),
    async stop() {
      if (!running) return;
      await running.server.close();
      running.db.close();
      running = null;
    },
    async restart() {
      await station.stop();
      running = await open(station.port);
      station.server = running.server;
    },
  };
  return station;
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const controlled = (page: Page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
const cachedUrls = (page: Page) => page.evaluate(async () => {
  const urls: string[] = [];
  for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  return urls.sort();
});

async function pairAndCheckIn(page: Page, station: TestStation, session: SeededSession, lastName = 'Dupont'): Promise<void> {
  const pupil = session.candidates.get(lastName)!;
  await page.goto(`${station.url}/kiosk/`);
  await page.getByRole('textbox', { name: 'Nom de ce poste' }).fill('Salle B12 — poste 03');
  await page.getByRole('textbox', { name: 'Code d’appairage' }).fill(await session.pairingCode());
  await page.getByRole('button', { name: 'Appairer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeFocused();
  const [year, month, day] = pupil.input.birthDate.split('-');
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill(pupil.input.lastName);
  await page.getByRole('textbox', { name: 'Prénom' }).fill(pupil.input.firstName);
  await page.getByRole('textbox', { name: 'Jour' }).fill(day!);
  await page.getByRole('textbox', { name: 'Mois' }).fill(month!);
  await page.getByRole('textbox', { name: 'Année' }).fill(year!);
  await page.getByRole('textbox', { name: 'Code d’accès' }).fill(session.accessCode);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Bienvenue, ${pupil.input.firstName} ${pupil.input.lastName}` })).toBeFocused();
}

interface LockdownEventSeen { id: number; kind: string; cause: string; challengeId: string | null; durationMs: number; candidateId: number }
async function lockdownEvents(session: SeededSession): Promise<LockdownEventSeen[]> {
  const answer = await session.console('GET', '/events');
  expect(answer.status).toBe(200);
  return (answer.json.lockdownEvents as LockdownEventSeen[]).sort((a, b) => a.id - b.id);
}

test.describe('the offline service worker (issue 8 §2)', () => {
  test('the kiosk is cached: station stopped, page reloaded, the kiosk shows with its banner; the station back, it goes on', async ({ page, problems }) => {
    const station = await startStation();
    try {
      const first = await page.goto(`${station.url}/kiosk/`);
      expect(first?.headers()['content-security-policy']).toBe(KIOSK_CSP);
      await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeFocused();
      await controlled(page);
      const cached = await cachedUrls(page);
      expect(cached).toContain('/kiosk/index.html');
      expect(cached.some((u) => /^\/kiosk\/assets\/index-[\w-]+\.js$/.test(u))).toBe(true);
      expect(cached.some((u) => /^\/kiosk\/assets\/[\w-]+\.css$/.test(u))).toBe(true);
      expect(cached.filter((u) => !u.startsWith('/kiosk/')), 'rien d’autre que l’application, jamais l’API').toEqual([]);
      const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
      expect(new URL(worker!).pathname).toBe('/kiosk/service-worker.js');

      await station.stop();
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await expect(page.getByRole('status').filter({ hasText: 'Le poste du surveillant ne répond pas pour le moment.' })).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('header').getByText('Passation — poste candidat')).toBeVisible();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await saveScreenshot(page, 'kiosk-offline-reload-1366x768');
      // Nothing of the API came from the worker: the station's answers are never cached.
      expect(await cachedUrls(page)).toEqual(cached);

      await station.restart();
      await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeVisible({ timeout: 15_000 });
      expect(await problems.cspViolations()).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
    } finally {
      await station.stop();
      fs.rmSync(station.dataDir, { recursive: true, force: true });
    }
  });

  test('a browser restarted on the same profile during the outage shows the kiosk again', async () => {
    const station = await startStation();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-profile-'));
    const launch = () => chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, viewport: { width: 1366, height: 768 }, locale: 'fr-FR',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-quic', '--no-first-run', `--ignore-certificate-errors-spki-list=${spkiSha256Base64(TEST_STATION_TLS.certPem)}`],
    });
    try {
      let browser = await launch();
      let page = browser.pages()[0] ?? await browser.newPage();
      await page.goto(`${station.url}/kiosk/`);
      await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeVisible();
      await controlled(page);
      await browser.close();

      await station.stop();
      browser = await launch();
      page = browser.pages()[0] ?? await browser.newPage();
      const answer = await page.goto(`${station.url}/kiosk/`);
      expect(answer?.fromServiceWorker()).toBe(true);
      await expect(page.getByRole('status').filter({ hasText: 'Le poste du surveillant ne répond pas pour le moment.' })).toBeVisible({ timeout: 15_000 });
      await expect(page).toHaveTitle(/./);
      await browser.close();
    } finally {
      await station.stop();
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(station.dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('a new version of the kiosk (issue 8 §2)', () => {
  test('takes over cleanly: the page in use is not reloaded, the next load is the new build, the old files leave the cache', async ({ page, problems }) => {
    // A copy of the build the test can change as a new deployment would: a new index.html (a marker) and a CSS file
    // under a new hashed name, the worker's manifest updated to match (what the next `npm run build:screens` gives).
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-dist-'));
    fs.cpSync(DEFAULT_SCREENS_DIR, dist, { recursive: true });
    const station = await startStation({ screensDir: dist });
    try {
      await page.goto(`${station.url}/kiosk/`);
      await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeVisible();
      await controlled(page);
      const before = await cachedUrls(page);
      const oldCss = before.find((u) => /^\/kiosk\/assets\/style-[\w-]+\.css$/.test(u))!;
      expect(oldCss).toBeDefined();

      const kiosk = path.join(dist, 'kiosk');
      const oldName = path.posix.basename(oldCss);
      const newName = 'style-NouvelleVersion2.css';
      fs.copyFileSync(path.join(kiosk, 'assets', oldName), path.join(kiosk, 'assets', newName));
      fs.rmSync(path.join(kiosk, 'assets', oldName));
      const html = fs.readFileSync(path.join(kiosk, 'index.html'), 'utf8').replace(oldName, newName).replace('<title>', '<meta name="passation-build" content="2"><title>');
      fs.writeFileSync(path.join(kiosk, 'index.html'), html);
      const worker = fs.readFileSync(path.join(kiosk, 'service-worker.js'), 'utf8');
      const revision = /"revision":"([0-9a-f]+)","url":"index.html"/.exec(worker)?.[1];
      expect(revision, 'la révision de index.html dans le manifeste du worker').toBeDefined();
      fs.writeFileSync(path.join(kiosk, 'service-worker.js'), worker.replace(revision!, crypto.createHash('md5').update(html).digest('hex')).replace(oldName, newName));

      // The page in use checks for the new worker (as each load does) and is left as it is while it takes over.
      await page.evaluate(() => { (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true; });
      await page.evaluate(async () => { await (await navigator.serviceWorker.ready).update(); });
      await expect.poll(() => cachedUrls(page), { timeout: 15_000 }).toContain(`/kiosk/assets/${newName}`);
      await expect.poll(() => cachedUrls(page), { timeout: 15_000 }).not.toContain(oldCss);
      expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
      await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeVisible();

      // The next load is the new build, from the new precache, even with the station stopped.
      await station.stop();
      await page.reload();
      await expect(page.locator('meta[name="passation-build"]')).toHaveAttribute('content', '2');
      await expect(page.getByRole('status').filter({ hasText: 'Le poste du surveillant ne répond pas pour le moment.' })).toBeVisible({ timeout: 15_000 });
      expect(await page.locator('header').evaluate((h) => getComputedStyle(h).display)).toBe('flex'); // the new CSS applies
      expect(problems.pageErrors).toEqual([]);
    } finally {
      await station.stop();
      fs.rmSync(station.dataDir, { recursive: true, force: true });
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

test.describe('the in-page lockdown (issue 8 §3)', () => {
  test('a focus loss reaches the station as focusLost then focusRegained with its duration, also after an outage', async ({ page, problems }) => {
    const station = await startStation();
    try {
      const session = await seedSession(station);
      await pairAndCheckIn(page, station, session);
      const marie = session.candidates.get('Dupont')!;

      // The window loses focus (Playwright keeps every page "focused": the blur is dispatched; the poll then sees the focus back).
      await page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
      await expect.poll(async () => (await lockdownEvents(session)).map((e) => e.kind), { timeout: 10_000 }).toEqual(['focusLost', 'focusRegained']);
      const [loss, back] = await lockdownEvents(session);
      expect(loss).toMatchObject({ kind: 'focusLost', cause: 'fenêtre quittée', candidateId: marie.id, challengeId: null });
      expect(back).toMatchObject({ kind: 'focusRegained', cause: 'retour sur le test', candidateId: marie.id });
      const audit = await session.console('GET', '/events?kind=lockdown');
      const details = (audit.json.events as { payload: { signal: string; details: { durationMs?: number } } }[]).map((e) => e.payload);
      const regained = details.find((p) => p.signal === 'focusRegained');
      expect(regained?.details.durationMs).toBeGreaterThanOrEqual(0);
      expect(regained?.details.durationMs).toBeLessThanOrEqual(2500); // the poll runs every second

      // The station stops: a loss is kept and goes when it answers again (the page hidden this time).
      await station.stop();
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await page.waitForTimeout(1500);
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await station.restart();
      await expect.poll(async () => (await lockdownEvents(session)).map((e) => `${e.kind} ${e.cause}`), { timeout: 40_000 }).toEqual([
        'focusLost fenêtre quittée', 'focusRegained retour sur le test',
        'focusLost page masquée (une autre fenêtre ou un autre onglet est passé devant)', 'focusRegained retour sur le test',
      ]);
      expect(await problems.cspViolations()).toEqual([]);
    } finally {
      await station.stop();
      fs.rmSync(station.dataDir, { recursive: true, force: true });
    }
  });

  test('no context menu, no drag, no paste from outside, no selection outside answer fields, nothing that leaves the page', async ({ page, station }) => {
    const session = await seedSession(station);
    await page.goto(`${station.url}/kiosk/`);
    await page.getByRole('textbox', { name: 'Nom de ce poste' }).fill('Poste 5');
    await page.getByRole('textbox', { name: 'Code d’appairage' }).fill(await session.pairingCode());
    await page.getByRole('button', { name: 'Appairer' }).click();
    const lastName = page.getByRole('textbox', { name: 'Nom de naissance' });
    await expect(lastName).toBeVisible();

    // A right click: the page refuses the menu.
    const menu = page.evaluate(() => new Promise<boolean>((resolve) => window.addEventListener('contextmenu', (e) => setTimeout(() => resolve(e.defaultPrevented), 0), { once: true })));
    await page.getByRole('heading', { level: 1 }).click({ button: 'right' });
    expect(await menu).toBe(true);

    // Paste from outside refused; the text copied from an answer field goes back into one.
    const paste = (name: string, text: string) => page.getByRole('textbox', { name }).evaluate((field, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      field.dispatchEvent(event);
      return event.defaultPrevented;
    }, text);
    expect(await paste('Nom de naissance', 'texte copié ailleurs')).toBe(true);
    await lastName.fill('Dupont');
    await lastName.selectText();
    await lastName.press('Control+c');
    expect(await paste('Prénom', 'Dupont')).toBe(false);

    // Selection outside answer fields, drag and drop.
    expect(await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).userSelect)).toBe('none');
    expect(await lastName.evaluate((f) => getComputedStyle(f).userSelect)).not.toBe('none');
    expect(await page.evaluate(() => {
      const heading = document.querySelector('h1')!;
      const event = new Event('selectstart', { bubbles: true, cancelable: true });
      heading.firstChild!.dispatchEvent(event);
      const drag = new DragEvent('dragstart', { bubbles: true, cancelable: true });
      heading.dispatchEvent(drag);
      return [event.defaultPrevented, drag.defaultPrevented];
    })).toEqual([true, true]);

    // Nothing leaves: a link to another origin, a new window, a form submitted, the history.
    const url = page.url();
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://example.org/';
      a.textContent = 'ailleurs';
      a.id = 'ailleurs';
      document.body.append(a);
    });
    await page.locator('#ailleurs').click();
    expect(await page.evaluate(() => window.open('https://example.org/'))).toBeNull();
    await page.keyboard.press('Alt+ArrowLeft');
    await page.goBack().catch(() => null);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(url);
    await expect(lastName).toHaveValue('Dupont');
    expect(page.context().pages()).toHaveLength(1);
  });
});

test.describe('theme and text size (issue 8 §4)', () => {
  test('« Contraste élevé » and « Taille du texte » in the header: axe-clean in both themes, no sideways scroll at 150 %, kept across reloads', async ({ page, station, problems }) => {
    const session = await seedSession(station);
    await page.goto(`${station.url}/kiosk/`);
    await page.getByRole('textbox', { name: 'Nom de ce poste' }).fill('Poste 8');
    await page.getByRole('textbox', { name: 'Code d’appairage' }).fill(await session.pairingCode());
    await page.getByRole('button', { name: 'Appairer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeFocused();

    const header = page.locator('header');
    const contrast = header.getByRole('button', { name: 'Contraste élevé' });
    const sizes = header.getByRole('group', { name: 'Taille du texte' });
    await expect(contrast).toHaveAttribute('aria-pressed', 'false');
    await expect(sizes.getByRole('button', { name: '100 %' })).toHaveAttribute('aria-pressed', 'true');
    await expect(header.getByRole('group', { name: 'Langue' })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const fontSize = () => page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    const normalSize = await fontSize();
    await contrast.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast');
    await expect(contrast).toHaveAttribute('aria-pressed', 'true');
    expect(await seriousAxeViolations(page), 'contraste élevé').toEqual([]);
    await saveScreenshot(page, 'kiosk-high-contrast-1366x768');

    for (const [name, attribute, factor] of [['125 %', 'large', 1.25], ['150 %', 'larger', 1.5]] as const) {
      await sizes.getByRole('button', { name }).click();
      await expect(page.locator('html')).toHaveAttribute('data-text-size', attribute);
      expect(await fontSize()).toBeCloseTo(normalSize * factor, 0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} : pas de défilement horizontal`).toBe(true);
      expect(await seriousAxeViolations(page), name).toEqual([]);
    }
    await saveScreenshot(page, 'kiosk-high-contrast-150pct-1366x768');

    // A reload keeps both (localStorage), before the first paint.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast');
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'larger');
    await expect(header.getByRole('group', { name: 'Taille du texte' }).getByRole('button', { name: '150 %' })).toHaveAttribute('aria-pressed', 'true');

    // The normal theme at 150 %, axe-clean too; then English names.
    await header.getByRole('button', { name: 'Contraste élevé' }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
    expect(await seriousAxeViolations(page), 'thème normal à 150 %').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await saveScreenshot(page, 'kiosk-normal-150pct-1366x768');
    await header.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await expect(header.getByRole('button', { name: 'High contrast' })).toBeVisible();
    await expect(header.getByRole('group', { name: 'Text size' })).toBeVisible();
    expect(await problems.cspViolations()).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });
});

test.describe('the kiosk page CSP in Chromium (issue 8 §5)', () => {
  test('blob: illustrations show, data: images and inline scripts do not, eval is refused, http frames are blocked', async ({ page, station, problems }) => {
    const answer = await page.goto(`${station.url}/kiosk/`);
    expect(answer?.headers()['content-security-policy']).toBe(KIOSK_CSP);
    await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeVisible();
    const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href);
    const seen = await page.evaluate(async (iconUrl) => {
      const load = (src: string) => new Promise<boolean>((resolve) => {
        const img = document.createElement('img');
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
        img.src = src;
        document.body.append(img);
      });
      // An illustration as the flow shows it: bytes fetched from the station, a blob: URL made by the page.
      const blob = await load(URL.createObjectURL(await (await fetch(iconUrl)).blob()));
      const data = await load('data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E');
      const script = document.createElement('script');
      script.textContent = '(window).inlineRan = true;';
      document.body.append(script);
      let evalRefused = false;
      // oxlint-disable-next-line no-eval -- the test proves the CSP refuses it
      try { (0, eval)('1 + 1'); } catch { evalRefused = true; }
      const frame = document.createElement('iframe');
      frame.src = 'http://127.0.0.1:9/';
      document.body.append(frame);
      // A challenge's embed is https: allowed by the CSP (sandboxed by the challenge screen; nothing listens here).
      const embed = document.createElement('iframe');
      embed.setAttribute('sandbox', 'allow-scripts');
      embed.src = 'https://127.0.0.1:9/integration';
      document.body.append(embed);
      await new Promise((r) => setTimeout(r, 300));
      return { blob, data, inlineRan: (window as unknown as { inlineRan?: boolean }).inlineRan === true, evalRefused };
    }, icon);
    expect(seen).toEqual({ blob: true, data: false, inlineRan: false, evalRefused: true });
    const violations = await problems.cspViolations();
    for (const directive of ['img-src', 'script-src-elem', 'script-src', 'frame-src']) expect(violations.some((v) => v.startsWith(directive)), `${directive} : ${violations.join(' | ')}`).toBe(true);
    expect(violations.filter((v) => v.includes('/integration')), 'l’intégration https n’est pas bloquée par la CSP').toEqual([]);
  });
});
