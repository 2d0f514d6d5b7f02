import type { LaunchOptions } from '@playwright/test';
import { spkiSha256Base64, TEST_STATION_TLS } from './station-tls';

/**
 * Debian's Chromium and its flags (stack.md), with the test station's certificate trusted by its key (SPKI pin, as
 * the kiosk shell pins it): the one launch of every e2e browser — playwright.config.ts's, and the persistent
 * profile of e2e/harness/persistent-browser.ts.
 */
export function chromiumLaunchOptions(): LaunchOptions & { executablePath: string; args: string[] } {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
      `--ignore-certificate-errors-spki-list=${spkiSha256Base64(TEST_STATION_TLS.certPem)}`,
    ],
  };
}
