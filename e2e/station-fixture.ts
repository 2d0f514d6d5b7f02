import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createCentreServer, type CentreServer } from '../electron/centre/centre-server';
import { screensPlugin } from '../electron/centre/screens/screens-plugin';
import { openDatabase } from '../electron/centre/storage/database';
import { TEST_STATION_TLS } from './station-tls';

export interface TestStation {
  /** `https://127.0.0.1:<port>` */
  url: string;
  dataDir: string;
  /** The server itself, for seeding what only an authority could sign (e2e/session-seed.ts). */
  server: CentreServer;
}

/** What went wrong on a page: CSP violations (reported by the page itself), console errors, uncaught errors. */
export interface PageProblems {
  cspViolations(): Promise<string[]>;
  consoleErrors: string[];
  pageErrors: string[];
}

/**
 * Each test gets its own station (Actual's e2e fixture; style.md): a real centre server over HTTPS on 127.0.0.1,
 * port 0, with its own data folder and SQLite file, serving the built screens from dist/.
 */
export const test = base.extend<{ station: TestStation; problems: PageProblems }>({
  // oxlint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  station: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-'));
    const db = openDatabase(path.join(dataDir, 'centre.sqlite'));
    const server = await createCentreServer({
      db, dataDir, host: '127.0.0.1', port: 0, tls: TEST_STATION_TLS,
      config: { managerPassword: 'responsable-e2e', plugins: [screensPlugin()], logError: () => {} },
    });
    await use({ url: server.url, dataDir, server });
    await server.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  problems: async ({ page }, use) => {
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await use({
      cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
      consoleErrors,
      pageErrors,
    });
  },
});

export { expect };

/** Saves a screenshot under reports/screenshots/ (gitignored) and attaches it to the test's report. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.resolve(__dirname, '..', 'reports', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
  return file;
}
