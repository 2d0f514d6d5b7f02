import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { spkiSha256Base64, TEST_STATION_TLS } from './station-tls';

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
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
        `--ignore-certificate-errors-spki-list=${spkiSha256Base64(TEST_STATION_TLS.certPem)}`,
      ],
    },
  },
});
