import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Locator, Page } from '@playwright/test';
import { startStation } from '../electron/centre/station-runner';
import { testContentPackage, testProfilePackage, testPupil } from '../electron/centre/testing/test-packages';
import { CONTENT_FILE, PROFILES_FILE, ROSTER_FILE } from '../fixtures/paths';
import { MANAGER_PASSWORD, seedSession } from './session-seed';
import { kioskCall } from './kiosk-api-calls';
import { expect, saveScreenshot, test, type TestStation } from './station-fixture';
import { seriousViolations } from './axe-check';

// Issue 10 §1, the centre manager's screens — in Chromium against a real station (HTTPS on loopback, its own SQLite
// file): the manager's login, a session created, the duplicate refused (R-SESS-1), a bad roster refused with every
// bad row and nothing imported (R-SESS-3, checked in the station's store), the good one, a candidate added, edited
// and removed, the packages chosen, the invigilator password drawn and used to log in at the console. Controls are
// found by role and accessible name only.

/** Axe-clean, no sideways scroll, and screenshots at both laptop sizes (then back to 1366×768). */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} ${width}`).toBe(true);
    await saveScreenshot(page, `console-sessions-${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** 200 % zoom on a 1366×768 laptop: the same page in 683 CSS pixels, with no sideways scrolling. */
async function checkZoomed(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 683, height: 768 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} à 200 %`).toBe(true);
  await saveScreenshot(page, `console-sessions-${name}-zoom200`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Presses Tab until `target` has the focus (the keyboard alone reaches it), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** A kiosk's call over HTTPS (trusting only the station's certificate), as a kiosk shell makes it. */
/** A LibreOffice spreadsheet (ODS: a zip, mimetype first and stored) with one sheet of these rows of text cells. */
async function odsOf(rows: string[][]): Promise<Buffer> {
  const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>');
  zip.file('content.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Élèves">${
    rows.map((r) => `<table:table-row>${r.map(cell).join('')}</table:table-row>`).join('')}</table:table></office:spreadsheet></office:body></office:document-content>`);
  return zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/vnd.oasis.opendocument.spreadsheet' });
}

function storePackages(station: TestStation): void {
  const content = testContentPackage();
  const profiles = testProfilePackage([testPupil('INE-0001', 'Martin', 'Léa', '2010-03-14')]);
  const packages = station.server.app.centre.packages;
  packages.savePackage({ kind: 'content', packageId: content.id, version: content.version, body: JSON.stringify(content), signature: Buffer.from('test'), signer: 'CN=Test' });
  packages.savePackage({ kind: 'profile', packageId: profiles.id, version: profiles.generatedAt, body: JSON.stringify(profiles), signature: Buffer.from('test'), signer: 'CN=Test' });
}

const HEADER = 'Nom;Prénom;Sexe;Date de naissance;Code INSEE;Code postal;Commune de naissance;Pays de naissance;Identifiant;Temps majoré';
// Lines 3, 4 and 6 are wrong (sex, date, INSEE code); 2 and 5 are right — nothing may be imported.
const BAD_ROSTER = [HEADER,
  'Martin;Léa;F;14/03/2010;75115;;;;INE-0001;',
  'Bernard;Hugo;X;02/11/2009;69123;;;;INE-0002;',
  'Dubois;Chloé;F;31/02/2010;;13001;Marseille;;INE-0003;',
  'Petit;Noah;M;05/05/2010;;;Genève;Suisse;INE-0004;33',
  'Roux;Jade;F;09/09/2010;123;;;;INE-0005;'].join('\r\n');
const GOOD_ROSTER = [HEADER,
  'Martin;Léa;F;14/03/2010;75115;;;;INE-0001;',
  'Bernard;Hugo;M;02/11/2009;69123;;;;INE-0002;',
  'Dubois;Chloé;F;28/02/2010;;13001;Marseille;;INE-0003;',
  'Petit;Noah;M;05/05/2010;;;Genève;Suisse;INE-0004;33'].join('\r\n');

test('the centre manager prepares a session: login, creation, duplicate, roster, candidates, packages, invigilator password', async ({ page, station, problems }) => {
  test.setTimeout(150_000);
  storePackages(station);
  const { sessions } = station.server.app.centre;

  // The manager's login: the first password explained, errors in French, then the sessions.
  await page.goto(`${station.url}/console/#/responsable`);
  const loginHeading = page.getByRole('heading', { level: 1, name: 'Connexion du responsable du centre' });
  await expect(loginHeading).toBeFocused();
  await page.getByText('Premier démarrage : où trouver ce mot de passe ?').click();
  await expect(page.getByText(/demo-manager-password\.txt/)).toBeVisible();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Saisissez le mot de passe du responsable.');
  await expect(page.getByLabel('Mot de passe du responsable')).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, 'login');
  await checkZoomed(page, 'login');
  await page.getByLabel('Mot de passe du responsable').fill('pas-le-bon-mot');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Mot de passe du responsable incorrect. Les majuscules et minuscules comptent.');
  await page.getByLabel('Mot de passe du responsable').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Les sessions du centre' })).toBeFocused();
  await expect(page.getByText('Aucune session pour l’instant', { exact: false })).toBeVisible();

  // A new session: every field missing named, then created; its invigilator password shown once.
  await page.getByRole('button', { name: 'Nouvelle session' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Nouvelle session' })).toBeFocused();
  await page.getByRole('button', { name: 'Créer la session' }).click();
  const errors = page.getByRole('alert');
  for (const text of ['Nom du centre : Indiquez le nom du centre.', 'Salle : Indiquez la salle.', 'Date : Indiquez la date de la session.',
    'Heure de début : Indiquez l’heure de début.', 'Nom du surveillant : Indiquez le nom du surveillant.']) {
    await expect(errors.getByRole('listitem').filter({ hasText: text })).toHaveCount(1);
  }
  await expect(page.getByRole('textbox', { name: 'Salle' })).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, 'form-errors');
  await checkZoomed(page, 'form-errors');
  await page.getByRole('textbox', { name: 'Nom du centre' }).fill('Collège des Érables');
  await page.getByRole('textbox', { name: 'Adresse du site' }).fill('12 rue des Lilas, 69003 Lyon');
  await page.getByRole('textbox', { name: 'Salle' }).fill('B12');
  await page.getByLabel('Date', { exact: true }).fill('2026-03-14');
  await page.getByLabel('Heure de début').fill('09:00');
  await page.getByRole('textbox', { name: 'Nom du surveillant' }).fill('M. Martin');
  await page.getByLabel('Description (facultative)').fill('3e B — <b>pas du HTML</b>');
  await page.getByRole('button', { name: 'Créer la session' }).click();
  const created = page.getByRole('region', { name: 'Session n° 1 créée' });
  await expect(created).toBeVisible();
  const firstPassword = (await created.getByRole('code').textContent())!;
  expect(firstPassword).toMatch(/^[A-Z0-9]{6,}$/);
  await expect(created).toContainText('il ne sera plus affiché');
  const row = page.getByRole('row', { name: /Session n° 1/ });
  await expect(row).toContainText('samedi 14 mars 2026 à 09:00');
  await expect(row).toContainText('B12');
  await expect(row).toContainText('En préparation');
  await expect(row).toContainText('0 candidat');
  await checkScreen(page, 'created');
  await checkZoomed(page, 'created');
  await page.getByRole('button', { name: 'J’ai noté le mot de passe' }).click();
  await expect(created).toHaveCount(0);

  // The duplicate (same site, room, date and time, typed differently): refused, the other session named.
  await page.getByRole('button', { name: 'Nouvelle session' }).click();
  await expect(page.getByRole('textbox', { name: 'Nom du centre' })).toHaveValue('Collège des Érables');
  await page.getByRole('textbox', { name: 'Adresse du site' }).fill('12 Rue des lilas 69003 LYON');
  await page.getByRole('textbox', { name: 'Salle' }).fill('b 12');
  await page.getByLabel('Date', { exact: true }).fill('2026-03-14');
  await page.getByLabel('Heure de début').fill('09:00');
  await page.getByRole('textbox', { name: 'Nom du surveillant' }).fill('Mme Durand');
  await page.getByRole('button', { name: 'Créer la session' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'La session n° 1 a déjà lieu à cette adresse, dans cette salle, à cette date et à cette heure : changez l’un des quatre, ou ouvrez la session n° 1.');
  await expect(page.getByRole('textbox', { name: 'Salle' })).toHaveAttribute('aria-invalid', 'true');
  expect(sessions.listSessions()).toHaveLength(1);
  await checkScreen(page, 'duplicate');
  await page.getByRole('button', { name: 'Annuler' }).click();

  // The session's page.
  await page.getByRole('link', { name: 'Session n° 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Session n° 1' })).toBeFocused();
  const sessionId = sessions.listSessions()[0]!.id;
  await expect(page).toHaveURL(new RegExp(`#/responsable/sessions/${sessionId}$`));
  await expect(page.getByText('3e B — <b>pas du HTML</b>')).toBeVisible();
  await expect(page.getByText('Aucun candidat inscrit', { exact: false })).toBeVisible();
  await checkScreen(page, 'session');
  await checkZoomed(page, 'session');

  // Its details edited with the same form: saved, shown.
  await page.getByRole('button', { name: 'Modifier la session' }).click();
  await page.getByRole('textbox', { name: 'Salle' }).fill('B14');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^B14$/ })).toBeVisible();
  expect(sessions.getSession(sessionId)?.room).toBe('B14');

  // A bad roster: every bad row with its line, column and reason; nothing imported (the station's list stays empty).
  const fileField = page.getByLabel('Fichier de la liste (CSV ou ODS)');
  await fileField.setInputFiles({ name: 'liste-fausse.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${BAD_ROSTER}`, 'utf8') });
  await page.getByRole('button', { name: 'Importer « liste-fausse.csv »' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Le fichier « liste-fausse.csv » a 3 erreurs à corriger.' })).toContainText('Aucun candidat n’a été importé.');
  const badRows = page.getByRole('table', { name: 'Lignes à corriger dans « liste-fausse.csv »' }).getByRole('row');
  await expect(badRows).toHaveCount(4);
  await expect(badRows.nth(1)).toContainText('ligne 3');
  await expect(badRows.nth(1)).toContainText('Sexe');
  await expect(badRows.nth(2)).toContainText('ligne 4');
  await expect(badRows.nth(2)).toContainText('Date de naissance');
  await expect(badRows.nth(3)).toContainText('ligne 6');
  await expect(badRows.nth(3)).toContainText('Code INSEE');
  expect(sessions.listCandidates(sessionId)).toEqual([]);
  await expect(page.getByText('Aucun candidat inscrit', { exact: false })).toBeVisible();
  await checkScreen(page, 'roster-refused');
  await checkZoomed(page, 'roster-refused');

  // A file that is not a roster is refused before it is sent.
  await fileField.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  await page.getByRole('button', { name: 'Importer « photo.png »' }).click();
  await expect(page.getByRole('alert')).toContainText('Le fichier « photo.png » n’est ni un CSV ni un ODS');

  // The good roster: how many were imported, the list shown.
  await fileField.setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${GOOD_ROSTER}`, 'utf8') });
  await page.getByRole('button', { name: 'Importer « liste.csv »' }).click();
  await expect(page.getByRole('status').filter({ hasText: '4 candidats importés depuis « liste.csv ».' })).toBeVisible();
  expect(sessions.listCandidates(sessionId).map((c) => c.lastName).sort()).toEqual(['Bernard', 'Dubois', 'Martin', 'Petit']);
  const candidates = page.getByRole('table', { name: 'Candidats inscrits, par nom' });
  await expect(candidates.getByRole('row')).toHaveCount(5);
  await expect(candidates.getByRole('row', { name: /Petit Noah/ })).toContainText('Genève (Suisse)');
  await expect(candidates.getByRole('row', { name: /Petit Noah/ })).toContainText('33 %');
  await checkScreen(page, 'roster-imported');

  // One candidate added by the form (errors by field first), one edited, one removed.
  await page.getByRole('button', { name: 'Ajouter un candidat' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ajouter un candidat' })).toBeFocused();
  await page.getByRole('button', { name: 'Ajouter le candidat' }).click();
  await expect(page.getByRole('alert').getByRole('listitem').filter({ hasText: 'Sexe : Choisissez F ou M.' })).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Code INSEE de la commune de naissance' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill('<script>window.__pwned=1</script>Lefèvre');
  await page.getByRole('textbox', { name: 'Prénom' }).fill('Inès');
  await page.getByRole('radio', { name: 'Féminin (F)' }).check();
  await page.getByLabel('Date de naissance').fill('2010-06-01');
  await page.getByRole('radio', { name: 'En France, par le code postal et la commune' }).check();
  await page.getByRole('textbox', { name: 'Code postal' }).fill('69003');
  await page.getByRole('textbox', { name: 'Commune de naissance' }).fill('Lyon');
  await page.getByRole('textbox', { name: 'Temps majoré (en %)' }).fill('33,5');
  await page.getByRole('checkbox', { name: 'Aménagement d’accessibilité' }).check();
  await checkScreen(page, 'candidate-form');
  await page.getByRole('button', { name: 'Ajouter le candidat' }).click();
  await expect(page.getByText('Inès <script>window.__pwned=1</script>Lefèvre a été ajouté(e) à la session.')).toBeVisible();
  const ines = sessions.listCandidates(sessionId).find((c) => c.firstName === 'Inès')!;
  expect(ines).toMatchObject({ birthplace: { kind: 'postal', postalCode: '69003', city: 'Lyon' }, extraTimePercent: 33.5, accessibilityAdjustment: true });
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.getByRole('button', { name: 'Modifier Léa Martin' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Modifier Léa Martin' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Temps majoré (en %)' }).fill('25');
  await page.getByRole('button', { name: 'Enregistrer le candidat' }).click();
  await expect(page.getByText('Les informations de Léa Martin ont été enregistrées.')).toBeVisible();
  await expect(candidates.getByRole('row', { name: /Martin Léa/ })).toContainText('25 %');

  await page.getByRole('button', { name: 'Retirer Hugo Bernard' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Retirer Hugo Bernard de la session ?' });
  await expect(removeDialog).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await removeDialog.getByRole('button', { name: 'Retirer le candidat' }).click();
  await expect(page.getByText('Hugo Bernard a été retiré(e) de la session.')).toBeVisible();
  expect(sessions.listCandidates(sessionId)).toHaveLength(4);

  // The packages: chosen among those imported; a link to import more.
  await expect(page.getByRole('link', { name: 'Importer d’autres paquets signés' })).toHaveAttribute('href', '#/responsable/paquets');
  await expect(page.getByText('Aucun paquet choisi', { exact: false })).toHaveCount(2);
  await page.getByRole('button', { name: 'Utiliser ce paquet de contenu' }).click();
  await page.getByRole('button', { name: 'Utiliser ce paquet de profils' }).click();
  await expect(page.getByText('Choix enregistré.')).toHaveCount(2);
  const used = station.server.app.centre.packages.sessionPackages(sessionId);
  expect([used.content?.packageId, used.profile?.kind]).toEqual([testContentPackage().id, 'profile']);

  // A new invigilator password, asked first, shown once.
  await page.getByRole('button', { name: 'Tirer un nouveau mot de passe' }).click();
  const passwordDialog = page.getByRole('dialog', { name: 'Nouveau mot de passe pour la session n° 1 ?' });
  await passwordDialog.getByRole('button', { name: 'Tirer le nouveau mot de passe' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'Mot de passe du surveillant de la session n° 1' });
  const password = (await shown.getByRole('code').textContent())!;
  expect(password).toMatch(/^[A-Z0-9]{6,}$/);
  expect(password).not.toBe(firstPassword);
  await checkScreen(page, 'password');

  // In English, the same page in English words (the pupils' names as typed).
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Session no. 1' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Candidates (4 enrolled)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Léa Martin' })).toBeVisible();
  await checkScreen(page, 'session-english');
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Session n° 1' })).toBeVisible();

  // The invigilator logs in with it: the board shows the session's candidates.
  await page.getByRole('link', { name: 'Console du surveillant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion du surveillant' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill('1');
  await page.getByLabel('Mot de passe du surveillant').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Session n° 1' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Candidats' }).getByRole('article')).toHaveCount(4);
  await expect(page.getByRole('heading', { name: 'Léa Martin' })).toBeVisible();

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('the keyboard alone: the manager logs in, creates a session and opens it; deleting a session with passages is refused, with why', async ({ page, station }) => {
  test.setTimeout(90_000);
  await page.goto(`${station.url}/console/#/responsable`);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion du responsable du centre' })).toBeFocused();
  await tabTo(page, page.getByLabel('Mot de passe du responsable'));
  await page.keyboard.type(MANAGER_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Les sessions du centre' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Nouvelle session' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Nouvelle session' })).toBeFocused();
  const typeInto = async (field: Locator, text: string) => { await tabTo(page, field); await page.keyboard.type(text); };
  await typeInto(page.getByRole('textbox', { name: 'Nom du centre' }), 'Lycée Érable');
  await typeInto(page.getByRole('textbox', { name: 'Adresse du site' }), '1 rue des Lilas, Lyon');
  await typeInto(page.getByRole('textbox', { name: 'Salle' }), 'C3');
  await tabTo(page, page.getByLabel('Date', { exact: true }));
  // Debian's Chromium here ships only its en-US interface language: its date field's segments read month/day/year
  // and its time field is on 12 hours (a French browser shows day/month/year and 24 hours; the value is the same).
  await page.keyboard.type('03142026');
  await tabTo(page, page.getByLabel('Heure de début'));
  await page.keyboard.type('1030AM');
  await typeInto(page.getByRole('textbox', { name: 'Nom du surveillant' }), 'Mme Roux');
  await tabTo(page, page.getByRole('button', { name: 'Créer la session' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Session n° 1 créée' })).toBeFocused();
  const session = station.server.app.centre.sessions.listSessions()[0]!;
  expect([session.room, session.date, session.startTime]).toEqual(['C3', '2026-03-14', '10:30']);
  await tabTo(page, page.getByRole('button', { name: 'Ouvrir la session n° 1' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Session n° 1' })).toBeFocused();

  // A LibreOffice roster (ODS), imported with the keyboard: its bytes reach the station as they are.
  await page.getByLabel('Fichier de la liste (CSV ou ODS)').setInputFiles({
    name: 'classe.ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet',
    buffer: await odsOf([['Nom', 'Prénom', 'Sexe', 'Date de naissance', 'Code INSEE'], ['Martin', 'Léa', 'F', '14/03/2010', '75115'], ['Roux', 'Jade', 'F', '09/09/2010', '2A004']]),
  });
  await tabTo(page, page.getByRole('button', { name: 'Importer « classe.ods »' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '2 candidats importés depuis « classe.ods ».' })).toBeVisible();
  expect(station.server.app.centre.sessions.listCandidates(session.id).map((c) => c.birthplace)).toEqual([{ kind: 'insee', code: '75115' }, { kind: 'insee', code: '2A004' }]);

  // A session where a pupil has checked in on a kiosk: it cannot be deleted, and the page says why.
  const seeded = await seedSession(station);
  const code = await seeded.pairingCode();
  const paired = await kioskCall(station, 'POST', '/api/kiosk/pair', '', undefined, { code, name: 'Poste 1' });
  expect(paired.status).toBe(201);
  const pupil = seeded.candidates.get('Dupont')!.input;
  const checkedIn = await kioskCall(station, 'POST', '/api/kiosk/check-in', paired.json.deviceToken as string, undefined, {
    sessionNumber: seeded.sessionNumber, lastName: pupil.lastName, firstName: pupil.firstName, birthDate: pupil.birthDate, accessCode: seeded.accessCode,
  });
  expect(checkedIn.status).toBe(200);
  await page.goto(`${station.url}/console/#/responsable/sessions/${seeded.sessionId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Session n° ${seeded.sessionNumber}` })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Supprimer la session' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Supprimer la session n° ${seeded.sessionNumber} ?` });
  await expect(dialog.getByRole('heading')).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: `Supprimer la session n° ${seeded.sessionNumber}` }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(
    'Suppression impossible : des candidats se sont déjà connectés sur un poste ou ont commencé leur test dans cette session (leur passage est enregistré et doit être gardé).');
  expect(station.server.app.centre.sessions.listSessions()).toHaveLength(2);
  await saveScreenshot(page, 'console-sessions-delete-refused-1366x768');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Supprimer la session' })).toBeFocused();

  // « Changer le mot de passe »: a dialog; a wrong current password named on its field; Escape gives the focus back.
  await tabTo(page, page.getByRole('button', { name: 'Changer le mot de passe' }), 60);
  await page.keyboard.press('Enter');
  const change = page.getByRole('dialog', { name: 'Changer le mot de passe du responsable' });
  await expect(change.getByRole('heading')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(change.getByLabel('Mot de passe actuel')).toBeFocused();
  await page.keyboard.type('pas-le-bon');
  await page.keyboard.press('Tab');
  await page.keyboard.type('un-nouveau-mot-de-passe');
  await page.keyboard.press('Tab');
  await page.keyboard.type('un-nouveau-mot-de-passe');
  await page.keyboard.press('Enter');
  await expect(change.getByRole('alert')).toHaveText('Le mot de passe actuel est incorrect : rien n’a été changé.');
  await expect(change.getByLabel('Mot de passe actuel')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-sessions-password-change-1366x768');
  await page.keyboard.press('Escape');
  await expect(change).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Changer le mot de passe' })).toBeFocused();

  // « Se déconnecter »: the manager's pages ask for the password again.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion du responsable du centre' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion du responsable du centre' })).toBeVisible();
});

test('the demo station (npm start): the manager sees the demo session, its candidates and packages', async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-demo-'));
  const running = await startStation({
    dataDir, host: '127.0.0.1', port: 0, managerPassword: 'demo-responsable-e2e',
    demo: { contentFile: CONTENT_FILE, profileFile: PROFILES_FILE, rosterFile: ROSTER_FILE },
  });
  // The demo's station makes its own certificate: this browser context accepts it (the console needs no service worker).
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    await page.goto(`${running.server.url}/console/#/responsable`);
    await page.getByLabel('Mot de passe du responsable').fill('demo-responsable-e2e');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const demo = running.demo!;
    const row = page.getByRole('row', { name: new RegExp(`Session n° ${demo.sessionNumber}\\b`) });
    await expect(row).toContainText(`${demo.candidates} candidats`);
    await expect(row).toContainText('En préparation');
    await saveScreenshot(page, 'console-sessions-demo-list-1366x768');
    await row.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: `Session n° ${demo.sessionNumber}` })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Candidats inscrits, par nom' }).getByRole('row')).toHaveCount(demo.candidates + 1);
    await expect(page.getByText('Utilisé :', { exact: false })).toHaveCount(2);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-sessions-demo-session-1366x768');
  } finally {
    await context.close();
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
