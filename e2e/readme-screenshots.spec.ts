import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { answerAndValidate } from './kiosk-answering';
import { pairAndCheckIn, sitWholeTest } from './kiosk-check-in';
import { seedSession } from './session-seed';
import { expect, test } from './station-fixture';

// The README's kiosk screenshots (docs/screenshots/kiosk-*.png, 1366×768, the first screen only): the check-in
// filled in, a challenge, the timed warning. Written only when asked, since they are committed:
//   npm run build:screens && README_SCREENSHOTS=1 npx playwright test -c e2e/playwright.config.ts e2e/readme-screenshots.spec.ts
// Each PNG is reduced with `pngquant` when it is installed (apt install pngquant), to stay well under 200 KB.

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');
const MAX_BYTES = 200_000;

function hasPngquant(): boolean {
  try {
    execFileSync('pngquant', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(OUT, `${name}.png`);
  await page.mouse.move(0, 0); // no hover state in the picture
  // The page from its top, as the pupil first sees it (typing in the last field scrolled it).
  await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); window.scrollTo(0, 0); });
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (hasPngquant()) execFileSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-95', '--strip', '--output', file, file]);
  expect(fs.statSync(file).size, `${name}.png`).toBeLessThan(MAX_BYTES);
}

test.skip(!process.env.README_SCREENSHOTS, 'README_SCREENSHOTS=1 pour régénérer docs/screenshots/ (images du README)');

test('the README’s kiosk screenshots at 1366×768', async ({ page, station }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(OUT, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const session = await seedSession(station);
  await pairAndCheckIn(page, station.url, session, 'Dupont', () => shoot(page, 'kiosk-check-in'));
  expect((await session.console('POST', `/candidates/${session.candidates.get('Dupont')!.id}/confirm-presence`)).status).toBe(200);
  await page.getByRole('button', { name: 'Commencer mon test' }).click();
  const shot = new Set<string>();
  // The challenge of question 3 (a short answer with two attachments to download), the first timed warning.
  await sitWholeTest(page, (p) => answerAndValidate(p), async (screen, position) => {
    const name = screen === 'timedWarning' ? 'kiosk-timed-warning' : screen === 'challenge' && position === 3 ? 'kiosk-challenge' : null;
    if (name && !shot.has(name)) {
      shot.add(name);
      await shoot(page, name);
    }
  });
  expect([...shot].sort()).toEqual(['kiosk-challenge', 'kiosk-timed-warning']);
});
