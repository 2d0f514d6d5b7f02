import { MANAGER_PASSWORD, seedSession } from './session-seed';
import { expect, test } from './station-fixture';

// Issue 10 §1 — the console's pages are links in the address's fragment (renderer/console/navigation/): the current
// one is marked for screen readers, a reload keeps the page, Back returns, and the title names the page.

test('the invigilator moves between the board, the finalisation, the signing and the results; reload and Back keep up', async ({ page, station, problems }) => {
  const session = await seedSession(station);
  const reset = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/invigilator-password`);
  await page.goto(`${station.url}/console/`);
  // Before the login: no invigilator pages, a way to the manager's.
  await expect(page.getByRole('navigation', { name: 'Pages du surveillant' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Espace du responsable du centre' })).toHaveAttribute('href', '#/responsable');
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill(reset.json.invigilatorPassword as string);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  const nav = page.getByRole('navigation', { name: 'Pages du surveillant' });
  await expect(nav.getByRole('link')).toHaveText(['Surveillance', 'Finalisation', 'Signature et envoi', 'Résultats']);
  await expect(nav.getByRole('link', { name: 'Surveillance' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle(`Session n° ${session.sessionNumber} — Passation — console du surveillant`);

  await nav.getByRole('link', { name: 'Finalisation' }).click();
  await expect(page).toHaveURL(/#\/finalisation$/);
  await expect(nav.getByRole('link', { name: 'Finalisation' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Surveillance' })).not.toHaveAttribute('aria-current', /.*/);
  await expect(page).toHaveTitle(`Finalisation — Session n° ${session.sessionNumber} — Passation — console du surveillant`);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  await nav.getByRole('link', { name: 'Résultats' }).click();
  await expect(page).toHaveURL(/#\/resultats$/);
  await page.reload();
  await expect(nav.getByRole('link', { name: 'Résultats' })).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(page).toHaveURL(/#\/finalisation$/);
  await expect(nav.getByRole('link', { name: 'Finalisation' })).toHaveAttribute('aria-current', 'page');

  // An address that names no page shows the board, never an empty page.
  await page.goto(`${station.url}/console/#/nimporte-quoi`);
  await expect(page.getByRole('heading', { level: 1, name: `Session n° ${session.sessionNumber}` })).toBeVisible();

  // The manager's area (logged in as the manager from the page, as its login form would), and back.
  const login = await page.evaluate(async (password) => (await fetch('/api/manager/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }),
  })).status, MANAGER_PASSWORD);
  expect(login).toBe(200);
  await page.goto(`${station.url}/console/#/responsable/paquets`);
  const managerNav = page.getByRole('navigation', { name: 'Pages du responsable du centre' });
  await expect(managerNav.getByRole('link', { name: 'Paquets signés' })).toHaveAttribute('aria-current', 'page');
  await page.goto(`${station.url}/console/#/responsable/sessions/${session.sessionId}`);
  await expect(managerNav.getByRole('link', { name: 'Sessions' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: 'Console du surveillant' }).click();
  await expect(nav.getByRole('link', { name: 'Surveillance' })).toHaveAttribute('aria-current', 'page');
  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});
