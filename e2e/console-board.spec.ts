import { CANDIDATE_INPUT } from '../electron/centre/testing/test-server';
import { seedSession } from './session-seed';
import { expect, saveScreenshot, test } from './station-fixture';
import { kioskCall, kioskCheckIn } from './kiosk-api-calls';
import { seriousViolations } from './axe-check';

// Issue 10 §1 — the invigilator's login and live board in Chromium against a real station (HTTPS on loopback,
// SQLite file), 30 pupils on the roster (one with markup in their name); the kiosks are simulated through the
// kiosk HTTP API (pair, check in, start, answer, a focus loss), the console only through its page.

const EXTRA_NAMES = ['Moreau', 'Laurent', 'Simon', 'Michel', 'Leroy', 'Fournier', 'Girard', 'Bonnet', 'Dupuis', 'Lambert', 'Fontaine',
  'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Chevalier'];
const MARKUP_NAME = '<img src=x onerror="window.__pwned=1">Durand';

test('the invigilator logs in and follows the session live: presence, questions, suspension, incident, end', async ({ page, station, problems }) => {
  test.setTimeout(120_000);
  const session = await seedSession(station);
  // 30 pupils: the seed's 7, 22 more, and one whose name holds markup (rendered as text).
  for (const [i, lastName] of [...EXTRA_NAMES, MARKUP_NAME].entries()) {
    const added = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/candidates`, {
      ...CANDIDATE_INPUT, lastName, firstName: i === EXTRA_NAMES.length ? '<script>window.__pwned=1</script>Inès' : 'Camille', birthDate: `2010-01-${String(i + 1).padStart(2, '0')}`,
    });
    expect(added.status).toBe(201);
  }
  const reset = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/invigilator-password`);
  const password = reset.json.invigilatorPassword as string;

  // Login: errors in French by field, then the board.
  await page.goto(`${station.url}/console/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion du surveillant' })).toBeFocused();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('textbox', { name: 'Numéro de session' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('Indiquez le mot de passe du surveillant.');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-login-1366x768');
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill('mauvais');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Numéro de session ou mot de passe incorrect : vérifiez les deux.');
  await page.getByLabel('Mot de passe du surveillant').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Session n° ${session.sessionNumber}` })).toBeVisible();
  const cards = page.getByRole('region', { name: 'Candidats' }).getByRole('article');
  await expect(cards).toHaveCount(30);
  await expect(page.getByRole('heading', { name: `<script>window.__pwned=1</script>Inès ${MARKUP_NAME}` })).toBeVisible();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  // 30 cards fit a 1366×768 laptop without sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

  // A pupil checks in: their card comes first, « En attente de confirmation »; confirmed from the card.
  const marie = await kioskCheckIn(station, session, 'Poste 1', 'Dupont');
  await expect(cards.first().getByRole('heading')).toHaveText('Marie Dupont');
  await expect(cards.first()).toContainText('En attente de confirmation');
  await expect(page.getByText('1 candidat attend votre action.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-board-waiting-1366x768');
  await page.getByRole('button', { name: 'Confirmer la présence de Marie Dupont' }).click();
  const card = cards.filter({ has: page.getByRole('heading', { name: 'Marie Dupont' }) });
  await expect(card).toContainText('Présence confirmée, pas encore commencé');
  // Issue 10 §1 — the last event, with its time (read from the station's audit log, pushed live).
  await expect(card).toContainText(/\d\d:\d\d — présence confirmée/);

  // The kiosk starts and answers: « Question i sur N » live.
  const started = await kioskCall(station, 'POST', '/api/kiosk/start', marie.token, marie.entry, {});
  expect(started.status).toBe(200);
  const challenges = started.json.challenges as { challengeId: string; focused?: boolean }[];
  const total = challenges.length;
  await expect(card).toContainText(`Question 1 sur ${total}`);
  const answered = await kioskCall(station, 'POST', '/api/kiosk/answers', marie.token, marie.entry, {
    challengeId: challenges[0]!.challengeId, answer: { skipped: true }, clientAnswerId: 'e2e-1', elapsedMs: 4000, timedOut: false, focusLost: false,
  });
  expect(answered.status).toBe(200);
  await expect(card).toContainText(`Question 2 sur ${total}`);
  await expect(card).toContainText(/\d\d:\d\d — a répondu à la question 1/);

  // A focus loss on a focused challenge suspends (R-VAL-5): first, with the cause; « Autoriser la reprise ».
  const focused = challenges.find((c) => c.focused)!;
  const lost = await kioskCall(station, 'POST', '/api/kiosk/events', marie.token, marie.entry, {
    kind: 'focusLost', cause: 'fenêtre quittée (Alt+Tab)', at: new Date().toISOString(), challengeId: focused.challengeId,
  });
  expect(lost.json.policy).toBe('suspend');
  await expect(cards.first().getByRole('heading')).toHaveText('Marie Dupont');
  await expect(card).toContainText('Suspendu : fenêtre quittée (Alt+Tab)');
  await expect(card).toContainText('Suspension à lever');
  // The cause said once (in the state line); the last event says when the test was suspended.
  await expect(card).toContainText(/\d\d:\d\d — test suspendu/);
  expect((await card.textContent())!.split('fenêtre quittée (Alt+Tab)')).toHaveLength(2);
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-board-suspended-1366x768');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, 'console-board-suspended-1920x1080');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Autoriser la reprise de Marie Dupont' }).click();
  await expect(card).toContainText(`Question 2 sur ${total}`);

  // The search ignores accents and case.
  await page.getByRole('searchbox', { name: 'Rechercher un candidat' }).fill('ELOISE lefevre');
  await expect(cards).toHaveCount(1);
  await expect(cards.first().getByRole('heading')).toHaveText('Éloïse Lefèvre');
  await page.getByRole('searchbox', { name: 'Rechercher un candidat' }).fill('');
  await expect(cards).toHaveCount(30);

  // An incident (R-INC-1): the question on the pupil's screen is prefilled.
  await page.getByRole('button', { name: 'Signaler un incident pour Marie Dupont' }).click();
  const dialog = page.getByRole('dialog', { name: 'Signaler un incident pour Marie Dupont' });
  await dialog.getByRole('combobox', { name: 'Catégorie' }).selectOption('E4');
  await expect(dialog.getByRole('combobox', { name: /Question concernée/ })).toHaveValue(challenges[1]!.challengeId);
  await dialog.getByRole('textbox', { name: 'Description (facultative)' }).fill('le site ne répond pas');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-incident-1366x768');
  await dialog.getByRole('button', { name: 'Enregistrer le signalement' }).click();
  await expect(page.getByText('Signalement enregistré pour Marie Dupont.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Signaler un incident pour Marie Dupont' })).toBeFocused();
  await expect(card).toContainText(/\d\d:\d\d — incident signalé sur la question 2 : Le site à visiter est indisponible/);

  // End the test, with confirmation.
  await page.getByRole('button', { name: 'Terminer le test de Marie Dupont' }).click();
  await page.getByRole('button', { name: 'Oui, terminer le test de Marie Dupont' }).click();
  await expect(card).toContainText('Test arrêté par le surveillant');
  await expect(card).toContainText(/\d\d:\d\d — fin du test/);
  await expect(page.getByText('Terminés', { exact: true }).locator('xpath=following-sibling::dd')).toHaveText('1');
  const state = await kioskCall(station, 'GET', '/api/kiosk/state', marie.token, marie.entry);
  expect(state.json.state).toBe('endedByInvigilator');
  const incidents = await session.manager('GET', `/api/console/sessions/${session.sessionId}/incidents`);
  expect(incidents.json.incidents).toEqual([expect.objectContaining({ category: 'E4', challengeId: challenges[1]!.challengeId, description: 'le site ne répond pas' })]);

  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-board-1366x768');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, 'console-board-1920x1080');
  // 200 % zoom on a 1366×768 laptop (half the CSS pixels): still no sideways scrolling, still axe-clean.
  await page.setViewportSize({ width: 683, height: 384 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-board-200pct');
  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('the board says when the station cannot be reached, and comes back by itself', async ({ page, station }) => {
  test.setTimeout(120_000);
  const session = await seedSession(station);
  const reset = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/invigilator-password`);
  await page.goto(`${station.url}/console/`);
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill(reset.json.invigilatorPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('region', { name: 'Candidats' }).getByRole('article')).toHaveCount(7);
  // The network drops (Chromium offline): the next health check fails (every 10 s), the banner shows; back online it goes.
  await page.context().setOffline(true);
  await expect(page.getByText(/Le poste du surveillant ne répond pas/)).toBeVisible({ timeout: 30_000 });
  await saveScreenshot(page, 'console-board-unreachable-1366x768');
  await page.context().setOffline(false);
  await expect(page.getByText(/Le poste du surveillant ne répond pas/)).toBeHidden({ timeout: 60_000 });
});
