import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium-options';

/**
 * End-to-end tests in Debian's Chromium (stack.md: flags, no downloaded browser), against real centre servers over
 * HTTPS whose test-only certificate is trusted by its key (SPKI pin), not by ignoring HTTPS errors.
 */
const ROOT = path.resolve(__dirname, '..');

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(ROOT, 'test-results'),
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI
    ? [['list'], ['junit', { outputFile: path.join(ROOT, 'reports', 'e2e.xml') }]]
    : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'fr-FR',
    launchOptions: chromiumLaunchOptions(),
  },
});
