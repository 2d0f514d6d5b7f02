import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, saveScreenshot, test, type PageProblems } from './station-fixture';

/**
 * One smoke test per screen: it loads over HTTPS, speaks French then English, breaks no CSP, passes axe-core.
 * The kiosk's screens have their own walk-through (kiosk-first-screens.spec.ts).
 */
const SCREENS = [
  // The console opens on the invigilator's login (issue 10 §1; its walk-through: console-board.spec.ts).
  { path: '/console/', name: 'console', fr: 'Passation — console du surveillant', en: 'Passation — invigilator console', headingFr: 'Connexion du surveillant', headingEn: 'Invigilator sign-in' },
] as const;

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The same page at 200 % zoom: half the CSS pixels of 1366×768, drawn at twice the density. */
async function screenshotAtZoom200(browser: Browser, url: string, name: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('status')).toHaveText('Poste du surveillant joignable');
  expect(await seriousAxeViolations(page)).toEqual([]);
  // 200 % zoom on a 1366×768 screen needs no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await saveScreenshot(page, `${name}-200pct`);
  await context.close();
}

async function expectNoProblems(problems: PageProblems): Promise<void> {
  expect(await problems.cspViolations()).toEqual([]);
  // The console asks `GET /api/console/session` at start: its 401 (nobody logged in: the login form) is the one
  // error Chromium logs for it.
  expect(problems.consoleErrors.filter((e) => !/status of 401 \(Unauthorized\)/.test(e))).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
}

for (const screen of SCREENS) {
  test(`${screen.name}: loads over HTTPS, switches language, no CSP violation, no serious axe violation`, async ({ page, station, problems, browser }) => {
    const response = await page.goto(`${station.url}${screen.path}`);
    expect(response?.status()).toBe(200);
    expect(response?.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.headingFr);
    await expect(page).toHaveTitle(screen.fr);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('status')).toHaveText('Poste du surveillant joignable');
    await expect(page.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, `${screen.name}-1366x768-fr`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await saveScreenshot(page, `${screen.name}-1920x1080-fr`);
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.headingEn);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle(screen.en);
    await expect(page.getByRole('status')).toHaveText('Invigilator station reachable');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, `${screen.name}-1366x768-en`);

    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    await expectNoProblems(problems);
    await screenshotAtZoom200(browser, `${station.url}${screen.path}`, screen.name);
  });
}

test('the station going away shows as unreachable, as text a screen reader announces', async ({ page, station, problems }) => {
  await page.goto(`${station.url}/console/`);
  await expect(page.getByRole('status')).toHaveText('Poste du surveillant joignable');
  await page.route('**/api/health', (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Vérifier de nouveau' }).click();
  await expect(page.getByRole('status')).toHaveText('Poste du surveillant injoignable');
  expect(await problems.cspViolations()).toEqual([]);
});

test('the page CSP lets the screens open their live socket to the station (connect-src \'self\' covers wss:)', async ({ page, station, problems }) => {
  await page.goto(`${station.url}/console/`);
  const closed = await page.evaluate(() => new Promise<string>((resolve) => {
    const socket = new WebSocket(`wss://${location.host}/api/console/live`);
    socket.onclose = (event) => resolve(`closed ${event.code}`);
  }));
  expect(closed).toMatch(/^closed \d+$/); // refused by the server (no login), not blocked by the page
  expect(await problems.cspViolations()).toEqual([]);
});
