import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { MANAGER_PASSWORD } from './session-seed';
import { seedSigningSession } from './signing-seed';
import { expect, saveScreenshot, test } from './station-fixture';

// Issue 10 §1 — everything candidates, rosters, technicians and invigilators typed is rendered as text, never HTML:
// markup and script payloads in every such field (the roster's last and first names, the session's room and
// invigilator, a kiosk's name, an incident's description, the finalisation comment), carried through the whole life
// of a session (sat, finalised, signed, sent, received back from a real platform), then every console page that
// shows them is opened: the payloads read as text, nothing runs (no `window.__pwned`, no element the payload would
// have made), nothing breaks the layout (no sideways scroll at 1366×768, axe clean).

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=2">';
const LONG = 'W'.repeat(60); // one unbroken word: must wrap, not push the page sideways
const LAST = `${IMG}Durand${LONG}`;
const FIRST = `${SCRIPT}Inès`;
const ROOM = `<b onmouseover="window.__pwned=3">B12</b>`;
const INVIGILATOR = `<iframe src="javascript:window.__pwned=4"></iframe>M. Roux`;
const KIOSK = `<svg onload="window.__pwned=5">Poste 1`;
const INCIDENT = `<a href="javascript:window.__pwned=6">clic</a> le site ne répond pas`;
const COMMENT = `</textarea><img src=y onerror="window.__pwned=7">Commentaire ${SCRIPT}`;

async function nothingRanNorBroke(page: Page, name: string): Promise<void> {
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), name).toBeUndefined();
  // No element any payload would have made, anywhere in the page.
  expect(await page.locator('img[src="x"], img[src="y"], iframe[src^="javascript"], svg[onload], b[onmouseover], a[href^="javascript"]').count(), name).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} : défilement horizontal`).toBe(true);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), name).toEqual([]);
  await saveScreenshot(page, `console-hostile-${name}-1366x768`);
}

test('markup and script typed in every field show as text on every console page, and run nowhere', async ({ page, station, problems }) => {
  test.setTimeout(240_000);
  const seed = await seedSigningSession(station, 3, {
    names: (i) => (i === 0 ? { lastName: LAST, firstName: FIRST } : null),
    kioskName: (i) => (i === 0 ? KIOSK : `Poste ${i + 1}`),
    room: ROOM,
    invigilatorName: INVIGILATOR,
  });
  try {
    const pupil = seed.pupils.find((p) => p.firstName === FIRST)!;
    expect(pupil.lastName).toBe(LAST);
    const S = `/api/console/sessions/${seed.sessionId}`;
    expect((await seed.station('POST', `${S}/incidents`, { as: 'invigilator', body: { candidateId: pupil.id, category: 'C1', description: INCIDENT } })).status).toBe(201);
    await seed.finalise(COMMENT);
    await seed.importCentreKey();
    await seed.setPlatformUrl();
    expect((await seed.station('POST', `${S}/signature`, { as: 'invigilator', body: { passphrase: seed.authority.pkcs12Password } })).status).toBe(201);
    expect((await seed.station('POST', `${S}/sending`, { as: 'invigilator', body: {} })).status).toBe(202);
    await expect.poll(async () => (await seed.station('GET', `${S}/receipt`, { as: 'invigilator' })).status, { timeout: 60_000 }).toBe(200);

    // The manager's pages: the sessions, the session (its roster), the centre (the kiosks).
    await page.goto(`${station.url}/console/`);
    expect(await page.evaluate(async (password) => (await fetch('/api/manager/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }),
    })).status, MANAGER_PASSWORD)).toBe(200);
    await page.goto(`${station.url}/console/#/responsable`);
    await expect(page.getByRole('row', { name: new RegExp(`Session n° ${seed.sessionNumber}`) })).toContainText(ROOM);
    await nothingRanNorBroke(page, 'sessions');
    await page.goto(`${station.url}/console/#/responsable/sessions/${seed.sessionId}`);
    await expect(page.getByText(ROOM, { exact: true }).first()).toBeVisible();
    await expect(page.getByText(INVIGILATOR, { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('table', { name: 'Candidats inscrits, par nom' })).toContainText(LAST);
    await expect(page.getByRole('table', { name: 'Candidats inscrits, par nom' })).toContainText(FIRST);
    await nothingRanNorBroke(page, 'session');
    await page.goto(`${station.url}/console/#/responsable/centre`);
    await expect(page.getByRole('region', { name: 'Postes candidats appairés' }).getByRole('heading', { name: KIOSK })).toBeVisible();
    await nothingRanNorBroke(page, 'centre');

    // The invigilator's pages: the board, the review of the finalisation, the signing, the results received.
    await page.goto(`${station.url}/console/#/`);
    await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(seed.sessionNumber));
    await page.getByLabel('Mot de passe du surveillant').fill(seed.invigilatorPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const card = page.getByRole('region', { name: 'Candidats' }).getByRole('article').filter({ has: page.getByRole('heading', { name: `${FIRST} ${LAST}` }) });
    await expect(card).toBeVisible();
    await expect(card).toContainText(KIOSK);
    await nothingRanNorBroke(page, 'board');
    await page.getByRole('navigation', { name: 'Pages du surveillant' }).getByRole('link', { name: 'Finalisation' }).click();
    await expect(page.getByRole('region', { name: 'Résultats par candidat' }).getByRole('heading', { name: `${FIRST} ${LAST}` })).toBeVisible();
    await nothingRanNorBroke(page, 'review');
    await page.getByRole('navigation', { name: 'Pages du surveillant' }).getByRole('link', { name: 'Signature et envoi' }).click();
    await expect(page.getByText('Résultats signés. La session est figée : plus aucune modification n’est possible.')).toBeVisible();
    await nothingRanNorBroke(page, 'signing');
    await page.getByRole('navigation', { name: 'Pages du surveillant' }).getByRole('link', { name: 'Résultats' }).click();
    await expect(page.getByRole('table', { name: 'Résultats des candidats' }).getByRole('rowheader', { name: `${LAST} ${FIRST}` })).toBeVisible();
    await expect(page.getByText(INVIGILATOR, { exact: true })).toBeVisible();
    await nothingRanNorBroke(page, 'results');
    await page.emulateMedia({ media: 'print' });
    await nothingRanNorBroke(page, 'results-print');

    // The session's texts as the station keeps them: unchanged (shown as text, not cleaned of their markup).
    const incidents = (await seed.station('GET', `${S}/incidents`, { as: 'invigilator' })).json;
    expect(incidents.incidents).toEqual([expect.objectContaining({ description: INCIDENT })]);
    expect(await problems.cspViolations()).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await seed.close();
  }
});
