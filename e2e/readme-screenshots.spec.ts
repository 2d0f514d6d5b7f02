import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { answerAndValidate } from './kiosk-answering';
import { pairAndCheckIn, sitWholeTest } from './kiosk-check-in';
import { kioskCall, kioskCheckIn } from './kiosk-api-calls';
import { seedSession } from './session-seed';
import { CANDIDATE_INPUT } from '../electron/centre/testing/test-server';
import { expect, test } from './station-fixture';

// The README's screenshots (docs/screenshots/*.png, 1366×768, the first screen only): the kiosk's check-in filled
// in, a challenge, the timed warning; the console's live board with pupils in various states (console-board.png).
// Written only when asked, since they are committed:
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

/** More pupils for the board's picture (they check in or not; only the seed's have a profile to start a test). */
const MORE_PUPILS: [string, string][] = [['Moreau', 'Chloé'], ['Laurent', 'Nathan'], ['Simon', 'Inès'], ['Michel', 'Lucas'], ['Leroy', 'Jade'],
  ['Fournier', 'Tom'], ['Girard', 'Manon'], ['Bonnet', 'Hugo'], ['Dupuis', 'Sarah'], ['Lambert', 'Enzo'], ['Fontaine', 'Lou'], ['Rousseau', 'Noah']];

test('the README’s live board screenshot at 1366×768', async ({ page, station }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(OUT, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const session = await seedSession(station);
  for (const [i, [lastName, firstName]] of MORE_PUPILS.entries()) {
    const added = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/candidates`, {
      ...CANDIDATE_INPUT, lastName, firstName, externalId: `INE-R${i}`, birthDate: `2010-02-${String(i + 1).padStart(2, '0')}`,
    });
    expect(added.status).toBe(201);
    session.candidates.set(lastName, { id: added.json.candidate.id as number, input: added.json.candidate });
  }
  const reset = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/invigilator-password`);
  await page.goto(`${station.url}/console/`);
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill(reset.json.invigilatorPassword as string);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const cards = page.getByRole('region', { name: 'Candidats' }).getByRole('article');
  await expect(cards).toHaveCount(7 + MORE_PUPILS.length);
  const card = (name: string) => cards.filter({ has: page.getByRole('heading', { name }) });

  /** « Confirmer la présence de … » on the pupil's card, as the invigilator does. */
  const confirm = async (lastName: string) => {
    const { firstName } = session.candidates.get(lastName)!.input;
    await page.getByRole('button', { name: `Confirmer la présence de ${firstName} ${lastName}` }).click();
    await expect(card(`${firstName} ${lastName}`)).toContainText('Présence confirmée, pas encore commencé');
  };
  /** Checks the pupil in at kiosk `n`, confirms their presence, starts, answers `answers` questions (« Je passe »). */
  const sit = async (lastName: string, n: number, answers: number) => {
    const kiosk = await kioskCheckIn(station, session, `Poste ${String(n).padStart(2, '0')}`, lastName);
    await confirm(lastName);
    const started = await kioskCall(station, 'POST', '/api/kiosk/start', kiosk.token, kiosk.entry, {});
    expect(started.status).toBe(200);
    const challenges = started.json.challenges as { challengeId: string; focused?: boolean }[];
    for (const [i, c] of challenges.slice(0, answers).entries()) {
      const answered = await kioskCall(station, 'POST', '/api/kiosk/answers', kiosk.token, kiosk.entry, {
        challengeId: c.challengeId, answer: { skipped: true }, clientAnswerId: `readme-${n}-${i}`, elapsedMs: 30_000, timedOut: false, focusLost: false,
      });
      expect(answered.status).toBe(200);
    }
    return { ...kiosk, challenges };
  };
  // Several pupils in test at different questions, one finished, one suspended (a focus loss on a focused
  // question), one with a kiosk alert, one waiting for the invigilator, one confirmed and not started yet.
  await sit('Dupont', 3, 7);
  const bernard = await sit('Bernard', 5, 2);
  const plain = bernard.challenges.slice(2).find((c) => !c.focused)!;
  expect((await kioskCall(station, 'POST', '/api/kiosk/events', bernard.token, bernard.entry, { kind: 'focusLost', cause: 'fenêtre quittée (Alt+Tab)', at: new Date().toISOString(), challengeId: plain.challengeId })).json.policy).toBe('warn');
  const petit = await sit('Petit', 6, 0);
  for (const [i, c] of petit.challenges.entries()) {
    await kioskCall(station, 'POST', '/api/kiosk/answers', petit.token, petit.entry, {
      challengeId: c.challengeId, answer: { skipped: true }, clientAnswerId: `readme-petit-${i}`, elapsedMs: 20_000, timedOut: false, focusLost: false,
    });
  }
  const lefevre = await sit('Lefèvre', 2, 3);
  const focused = lefevre.challenges.find((c) => c.focused)!;
  expect((await kioskCall(station, 'POST', '/api/kiosk/events', lefevre.token, lefevre.entry, { kind: 'focusLost', cause: 'fenêtre quittée (Alt+Tab)', at: new Date().toISOString(), challengeId: focused.challengeId })).json.policy).toBe('suspend');
  await sit('Garnier', 8, 11);
  await kioskCheckIn(station, session, 'Poste 11', 'Roux');
  await kioskCheckIn(station, session, 'Poste 12', 'Moreau');
  await confirm('Moreau');

  await expect(card('Éloïse Lefèvre')).toContainText('Suspendu : fenêtre quittée (Alt+Tab)');
  await expect(card('Adam Roux')).toContainText('En attente de confirmation');
  await expect(card('Zoé Petit')).toContainText('Test terminé');
  await expect(card('Marie Dupont')).toContainText('a répondu à la question 7');
  await expect(card('Lina Garnier')).toContainText('a répondu à la question 11');
  await expect(card('Léo Bernard')).toContainText('alerte du poste : fenêtre quittée (Alt+Tab)');
  await expect(card('Chloé Moreau')).toContainText('Présence confirmée, pas encore commencé');
  await shoot(page, 'console-board');
});
