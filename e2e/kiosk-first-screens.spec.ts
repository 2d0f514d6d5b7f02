import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { seedSession } from './session-seed';
import { expect, saveScreenshot, test, type PageProblems } from './station-fixture';

// Issue 8 §1, the kiosk's first screens in a real Chromium against a real station: pairing with a code from the
// console API, check-in as a roster pupil (a wrong access code first), waiting for the invigilator (updated over
// the kiosk socket, no reload, no polling), the instructions, « Commencer mon test ». Controls found by role and
// accessible name; axe-core on every screen; screenshots at 1366×768, 1920×1080 and 200 % zoom in reports/.

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe-core, then the three screenshots; at 200 % zoom of 1366×768 no sideways scroll. */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await seriousAxeViolations(page), name).toEqual([]);
  await saveScreenshot(page, `kiosk-${name}-1366x768`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, `kiosk-${name}-1920x1080`);
  // 200 % zoom at 1366×768: the page zoomed twice (CSS zoom on the root: 683 CSS px wide, drawn at full resolution).
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(() => { document.documentElement.style.zoom = '2'; });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} à 200 %`).toBe(true);
  expect(await seriousAxeViolations(page), `${name} à 200 %`).toEqual([]);
  await saveScreenshot(page, `kiosk-${name}-200pct`);
  await page.evaluate(() => { document.documentElement.style.zoom = ''; });
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function expectNoProblems(problems: PageProblems): Promise<void> {
  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  // A refused check-in is a 401 the browser logs as a failed resource: that one is expected, nothing else.
  expect(problems.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
}

test('a pupil pairs the kiosk, checks in (wrong code first), waits, is confirmed live, reads the instructions and starts', async ({ page, station, problems }) => {
  const session = await seedSession(station);
  const marie = session.candidates.get('Dupont')!;
  const stateReads: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/kiosk/state') stateReads.push(r.url()); });
  // The English words are their own chunk: the French page never loads it, choosing English does (k-size).
  const englishChunk: string[] = [];
  page.on('request', (r) => { if (/\/kiosk\/assets\/catalogue-en-[\w-]+\.js$/.test(new URL(r.url()).pathname)) englishChunk.push(r.url()); });

  // ---- Pairing: the fingerprint from /api/health, the 6-digit code from the console.
  await page.goto(`${station.url}/kiosk/`);
  const pairingHeading = page.getByRole('heading', { level: 1, name: 'Appairer ce poste' });
  await expect(pairingHeading).toBeFocused();
  await expect(page).toHaveTitle('Appairer ce poste');
  await expect(page.getByText('Mode démonstration : cette page n’est pas ouverte dans le poste candidat verrouillé.')).toBeVisible();
  const health = await page.evaluate(async () => (await fetch('/api/health')).json() as Promise<{ certificateFingerprint: string }>);
  await expect(page.getByRole('region', { name: 'Empreinte du certificat du poste du surveillant' })).toContainText(health.certificateFingerprint);
  await checkScreen(page, 'pairing');

  await page.getByRole('button', { name: 'Appairer' }).click();
  await expect(page.getByText('Le code d’appairage est fait de 6 chiffres.').first()).toBeVisible();
  await page.getByRole('textbox', { name: 'Nom de ce poste' }).fill('Salle B12 — poste 07');
  await page.getByRole('textbox', { name: 'Code d’appairage' }).fill(await session.pairingCode());
  await page.getByRole('button', { name: 'Appairer' }).click();

  // ---- Check-in, with the keyboard alone from the heading.
  const checkInHeading = page.getByRole('heading', { level: 1, name: 'Identifiez-vous' });
  await expect(checkInHeading).toBeFocused();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'passation_kiosk')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

  // An empty form: what to fix, field by field, in French.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Numéro de session' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Écrivez votre nom de naissance.');
  await expect(page.getByRole('alert')).toContainText('Vérifiez votre date de naissance');
  await checkScreen(page, 'check-in-errors');

  const [year, month, day] = marie.input.birthDate.split('-');
  await page.getByRole('textbox', { name: 'Numéro de session' }).focus();
  await page.keyboard.type(String(session.sessionNumber));
  for (const text of [marie.input.lastName, marie.input.firstName, day!, month!, year!, 'zzzz99']) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
  }
  const accessCode = page.getByRole('textbox', { name: 'Code d’accès' });
  await expect(accessCode).toBeFocused();
  await expect(accessCode).toHaveValue('ZZZZ99'); // upper-cased as typed
  await page.keyboard.press('Enter');
  const refused = page.getByRole('alert');
  await expect(refused).toHaveText('Nous n’avons pas pu vous identifier. Vérifiez le numéro de session, votre nom de naissance, votre prénom, votre date de naissance et le code d’accès, puis réessayez.');
  await checkScreen(page, 'check-in-refused');

  await accessCode.fill('');
  await accessCode.focus();
  await page.keyboard.type(session.accessCode.toLowerCase());
  await expect(accessCode).toHaveValue(session.accessCode);
  await page.keyboard.press('Enter');

  // ---- Waiting for the invigilator: no reload, no polling; the socket brings the change.
  const waitingHeading = page.getByRole('heading', { level: 1, name: 'Bienvenue, Marie Dupont' });
  await expect(waitingHeading).toBeFocused();
  await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });
  await checkScreen(page, 'waiting');
  const readsBefore = stateReads.length;
  await page.waitForTimeout(1500);
  expect(stateReads.length, 'aucune lecture de l’état sans message de la station').toBe(readsBefore);

  const confirmed = await session.console('POST', `/candidates/${marie.id}/confirm-presence`);
  expect(confirmed.status).toBe(200);

  // ---- Instructions, then « Commencer mon test » with the keyboard.
  const instructionsHeading = page.getByRole('heading', { level: 1, name: 'Avant de commencer' });
  await expect(instructionsHeading).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(stateReads.length).toBeGreaterThan(readsBefore);
  await expect(page.getByRole('listitem')).toHaveCount(5);
  await expect(page.getByText('Il n’y a pas de chronomètre général', { exact: false })).toBeVisible();
  await expect(page.getByText('« Je passe »', { exact: false })).toBeVisible();
  await checkScreen(page, 'instructions');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Commencer mon test' })).toBeFocused();
  await page.keyboard.press('Enter');
  // The test begins (its screens: e2e/kiosk-test-flow.spec.ts): the first question, its number in the title.
  await expect(page.getByRole('heading', { level: 1, name: /^Question 1 sur \d+$/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Question 1 sur \d+$/);

  const live = await session.console('GET', '/live');
  expect(live.status).toBe(200);
  const seen = (live.json.candidates as { candidateId: number; status: string }[]).find((c) => c.candidateId === marie.id);
  expect(seen?.status).toBe('inTest');

  expect(englishChunk).toEqual([]);
  await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveTitle(/^Question 1 of \d+$/);
  expect(englishChunk).toHaveLength(1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoProblems(problems);
});

test('the banners: station unreachable, and the page outside the kiosk shell (absent when the bridge is there)', async ({ page, station, problems }) => {
  await page.route('**/api/health', (route) => route.abort('connectionrefused'));
  await page.goto(`${station.url}/kiosk/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Le poste du surveillant ne répond pas pour le moment.' })).toBeVisible();
  await expect(page.getByText('Empreinte indisponible : le poste du surveillant ne répond pas.')).toBeVisible();
  await expect(page.getByText('Mode démonstration', { exact: false })).toBeVisible();
  await checkScreen(page, 'banners');

  await page.unroute('**/api/health');
  await page.addInitScript(() => { (window as unknown as { passationKiosk: object }).passationKiosk = {}; });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeFocused();
  await expect(page.getByText('Mode démonstration', { exact: false })).toHaveCount(0);
  await expect(page.getByText('Le poste du surveillant ne répond pas', { exact: false })).toHaveCount(0);
  expect(await problems.cspViolations()).toEqual([]);
});

test('a kiosk that keeps failing check-in tells the pupil, calmly, to call the invigilator', async ({ page, station }) => {
  const session = await seedSession(station);
  await page.goto(`${station.url}/kiosk/`);
  await page.getByRole('textbox', { name: 'Nom de ce poste' }).fill('Poste 3');
  await page.getByRole('textbox', { name: 'Code d’appairage' }).fill(await session.pairingCode());
  await page.getByRole('button', { name: 'Appairer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill('Inconnu');
  await page.getByRole('textbox', { name: 'Prénom' }).fill('Personne');
  await page.getByRole('textbox', { name: 'Jour' }).fill('1');
  await page.getByRole('textbox', { name: 'Mois' }).fill('2');
  await page.getByRole('textbox', { name: 'Année' }).fill('2010');
  await page.getByRole('textbox', { name: 'Code d’accès' }).fill('AAAA');
  const call = 'Levez la main et appelez le surveillant : il va vous aider à vous identifier.';
  // Three refusals in a row: the sentence to check everything, and the invitation to call the invigilator.
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await expect(page.getByRole('button', { name: 'Me connecter' })).toBeEnabled();
  }
  await expect(page.getByRole('alert')).toContainText(call);
  // Past the station's free tries (429 checkInLimited): the calm message, and when to try again.
  for (let i = 0; i < 10 && !(await page.getByText(/Vous pourrez réessayer dans/).isVisible()); i++) {
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await expect(page.getByRole('button', { name: 'Me connecter' })).toBeEnabled();
  }
  await expect(page.getByRole('alert')).toContainText(call);
  await expect(page.getByRole('alert')).toContainText(/Vous pourrez réessayer dans \d+ secondes?\./);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'kiosk-check-in-limited-1366x768');
});

test('a kiosk revoked by the manager goes back to pairing by itself (its socket closed with 4403)', async ({ page, station }) => {
  const session = await seedSession(station);
  await page.goto(`${station.url}/kiosk/`);
  await page.getByRole('textbox', { name: 'Nom de ce poste' }).fill('Poste 9');
  await page.getByRole('textbox', { name: 'Code d’appairage' }).fill(await session.pairingCode());
  await page.getByRole('button', { name: 'Appairer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeFocused();
  const kiosks = await session.manager('GET', '/api/console/kiosks');
  const kiosk = (kiosks.json.kiosks as { id: number; name: string }[]).find((k) => k.name === 'Poste 9');
  expect(kiosk).toBeDefined();
  expect((await session.manager('POST', `/api/console/kiosks/${kiosk!.id}/revoke`)).status).toBe(204);
  await expect(page.getByRole('heading', { level: 1, name: 'Appairer ce poste' })).toBeFocused();
});
