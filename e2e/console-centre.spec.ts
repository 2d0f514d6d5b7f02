import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
// A REAL authority platform (platform/) on loopback publishes the packages and issues the centre's certificate.
import { createRootCertificate, issuePlatformSigningCertificate, issueSigningCertificate } from '../platform/authority/certificate-issuance';
import { exportPkcs12 } from '../platform/authority/pkcs12-file';
import { issueServerCertificate } from '../platform/authority/server-certificate';
import { publishPackage } from '../platform/publishing/publish-package';
import { startPlatformServer, type RunningPlatform } from '../platform/server/platform-server';
import { signDetached, type PlatformSigner } from '../platform/signing/cms-sign';
import { sqliteEngine } from '../platform/storage/store-test-engines';
import { CONTENT_FILE, PROFILES_FILE } from '../fixtures/paths';
import { MANAGER_PASSWORD, stationCall } from './session-seed';
import { expect, saveScreenshot, test, type TestStation } from './station-fixture';
import { seriousViolations } from './axe-check';

// Issue 10 §1 — the centre manager's « Paquets signés » and « Centre et postes » pages in Chromium against a real
// station (HTTPS on loopback, SQLite file) and a real authority platform (HTTPS on loopback, its own SQLite store):
// the demo's packages (fixtures/) signed by the platform, imported from files (an altered one refused) and
// downloaded; the centre's PKCS#12 issued by that authority, a wrong then the right password; the platform's
// address; a pairing code, a kiosk paired through the kiosk API, listed, revoked. Controls by role and name only.

const authority = createRootCertificate('Autorité de certification Passation — e2e', { days: 3650 });
const platformSigning = issuePlatformSigningCertificate(authority, { organisation: 'Autorité Passation', commonName: 'Signature de la plateforme' }, { days: 365 });
const signer: PlatformSigner = { certPem: platformSigning.certPem, keyPem: platformSigning.keyPem, authorityPem: authority.certPem };
const contentBytes = fs.readFileSync(CONTENT_FILE);
const profileBytes = fs.readFileSync(PROFILES_FILE);
const content = JSON.parse(contentBytes.toString('utf8')) as { id: string; version: string };
const profiles = JSON.parse(profileBytes.toString('utf8')) as { id: string; generatedAt: string };
const P12_PASSWORD = 'Centre-Erable-2026!';

/** No sideways scrolling at the page's current width. */
async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** Presses Tab until `target` has the focus (the keyboard alone reaches it), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab n’atteint pas ${target.toString()}`);
}

/** Both sizes of a screen. */
async function screenshots(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `${name}-1366x768`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, `${name}-1920x1080`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

let platform: RunningPlatform;
let closeStore: () => Promise<void>;
let files: string;

test.beforeAll(async () => {
  const { store, cleanup } = await sqliteEngine.fresh();
  closeStore = async () => { await store.close(); await cleanup(); };
  for (const [kind, bytes] of [['content', contentBytes], ['profiles', profileBytes]] as const) {
    const published = await publishPackage(store, signer, kind, bytes, new Date());
    if (!published.ok) throw new Error(published.error);
  }
  platform = await startPlatformServer({ store, signer, tls: issueServerCertificate(authority, '127.0.0.1', 30), host: '127.0.0.1', port: 0 });
  // The files a manager receives: the profile package and its detached signature, an altered copy, the centre's PKCS#12.
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-centre-'));
  fs.writeFileSync(path.join(files, 'profile-package.json'), profileBytes);
  fs.writeFileSync(path.join(files, 'profile-package.json.p7s'), signDetached(profileBytes, signer, new Date()));
  const altered = Buffer.from(profileBytes.toString('utf8').replace(profiles.generatedAt, profiles.generatedAt.replace(/\d(?=Z|\.\d+Z)/, (d) => String((Number(d) + 1) % 10))), 'utf8');
  expect(altered.equals(profileBytes)).toBe(false);
  fs.writeFileSync(path.join(files, 'profile-package-modifie.json'), altered);
  const centre = issueSigningCertificate(authority, { organisation: 'Lycée Érable', commonName: '0123456A' }, { days: 1095 });
  fs.writeFileSync(path.join(files, 'centre.p12'), exportPkcs12(centre.certPem, centre.keyPem, [authority.certPem], P12_PASSWORD));
});
test.afterAll(async () => {
  await platform?.close().catch(() => {});
  await closeStore?.();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

/**
 * The manager logs in through the API from the page itself (the login page is another engineer's): the browser
 * keeps the HttpOnly cookie, as after the real login. (Playwright's `page.request` runs in Node, which does not
 * trust the station's pinned certificate the way this Chromium does.)
 */
async function managerPage(page: Page, station: TestStation, hash: string): Promise<void> {
  await page.goto(`${station.url}/console/`);
  const status = await page.evaluate(async (password) => (await fetch('/api/manager/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }),
  })).status, MANAGER_PASSWORD);
  expect(status).toBe(200);
  await page.goto(`${station.url}/console/${hash}`);
}

test('signed packages: a file import (an altered one refused, nothing imported), then a download from the platform', async ({ page, station, problems }) => {
  test.setTimeout(120_000);
  fs.writeFileSync(path.join(station.dataDir, 'authority.pem'), authority.certPem);
  const manager = (await stationCall(station, 'POST', '/api/manager/login', { body: { password: MANAGER_PASSWORD } })).json.token as string;
  await managerPage(page, station, '#/responsable/paquets');
  await expect(page.getByRole('heading', { level: 1, name: 'Paquets signés' })).toBeFocused();
  await expect(page.getByText('Aucun paquet n’est encore importé sur ce poste.')).toBeVisible();
  const platformSection = page.getByRole('region', { name: 'Télécharger depuis la plateforme' });
  await expect(platformSection.getByText('L’adresse de la plateforme de l’autorité n’est pas encore réglée.')).toBeVisible();
  await expect(platformSection.getByRole('link', { name: 'Régler l’adresse sur la page du centre' })).toHaveAttribute('href', '#/responsable/centre');

  // Nothing chosen: each field says what it needs; the keyboard alone submits.
  const submit = page.getByRole('button', { name: 'Importer le paquet' });
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Le paquet n’a pas été envoyé');
  await expect(page.getByLabel('Fichier du paquet (.json)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Fichier de signature (.p7s)')).toHaveAccessibleDescription('Choisissez le fichier de signature.');
  expect(await seriousViolations(page)).toEqual([]);

  // An altered package with the genuine signature: refused, the signature named, nothing imported.
  await page.getByLabel('Fichier du paquet (.json)').setInputFiles(path.join(files, 'profile-package-modifie.json'));
  await page.getByLabel('Fichier de signature (.p7s)').setInputFiles(path.join(files, 'profile-package.json.p7s'));
  await submit.click();
  await expect(page.getByRole('alert')).toHaveText(/^Paquet refusé : sa signature ne correspond pas\..*Rien n’a été importé\.$/);
  await expect(page.getByLabel('Fichier de signature (.p7s)')).toHaveAccessibleDescription('Cette signature ne correspond pas au paquet choisi.');
  expect((await stationCall(station, 'GET', '/api/manager/packages', { token: manager })).json.packages).toEqual([]);
  await screenshots(page, 'console-centre-packages-refused');

  // The genuine file: imported, listed with its signature verified and its signer.
  await page.getByLabel('Fichier du paquet (.json)').setInputFiles(path.join(files, 'profile-package.json'));
  await submit.click();
  // A profile package's version is the time it was generated: shown as a French date.
  await expect(page.getByRole('status').filter({ hasText: 'Paquet importé' }))
    .toHaveText(new RegExp(`^Paquet importé : Profils des candidats «\u00A0${profiles.id}\u00A0», version \\d+ \\p{L}+ \\d{4} à \\d\\d:\\d\\d\\. Sa signature est vérifiée\\.$`, 'u'));
  const imported = page.getByRole('region', { name: 'Paquets importés sur ce poste' });
  const item = imported.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Profils des candidats — ${profiles.id}` }) });
  await expect(item).toContainText('Vérifiée : signée par l’autorité de confiance, fichier intact');
  await expect(item).toContainText('O=Autorité Passation, CN=Signature de la plateforme');
  expect((await stationCall(station, 'GET', '/api/manager/packages', { token: manager })).json.packages).toMatchObject([{ kind: 'profile', packageId: profiles.id }]);

  // The platform's address, on the centre page (by the nav link), then its list: one button per package.
  await page.getByRole('navigation', { name: 'Pages du responsable du centre' }).getByRole('link', { name: 'Centre et postes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le centre et ses postes' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Adresse de la plateforme' }).fill(platform.url);
  await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Adresse enregistrée.' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Paquets signés' })).toBeFocused();
  await expect(platformSection.getByRole('heading', { name: `Contenu du test — ${content.id}` })).toBeVisible();
  const profileRow = platformSection.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Profils des candidats — ${profiles.id}` }) });
  await expect(profileRow).toContainText('Déjà importé sur ce poste');
  await expect(profileRow.getByRole('button')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'console-centre-packages-platform');

  const download = platformSection.getByRole('button', { name: `Télécharger et importer Contenu du test « ${content.id} », version ${content.version}`.replace(/« | »/g, (m) => m.replace(' ', '\u00A0')) });
  await tabTo(page, download);
  await page.keyboard.press('Enter');
  await expect(platformSection.getByRole('status').filter({ hasText: 'Paquet importé' })).toContainText(`Contenu du test`);
  await expect(imported.getByRole('heading', { name: `Contenu du test — ${content.id}` })).toBeVisible();
  expect((await stationCall(station, 'GET', '/api/manager/packages', { token: manager })).json.packages.map((p: { kind: string }) => p.kind).sort()).toEqual(['content', 'profile']);
  await screenshots(page, 'console-centre-packages');

  // 200 % zoom on a 1366×768 laptop: no sideways scrolling.
  await page.setViewportSize({ width: 683, height: 768 });
  await noSidewaysScroll(page);
  await saveScreenshot(page, 'console-centre-packages-200pct');
  await page.setViewportSize({ width: 1366, height: 768 });

  // The platform stops answering: said calmly, the page still works.
  await platform.close();
  await page.getByRole('button', { name: 'Relire la liste de la plateforme' }).click();
  await expect(platformSection.getByRole('status')).toHaveText(/^La plateforme de l’autorité ne répond pas pour le moment\./);
  await saveScreenshot(page, 'console-centre-packages-unreachable-1366x768');

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('the centre: its certificate (wrong then right password), the platform address, a pairing code, a kiosk listed and revoked', async ({ page, station, problems }) => {
  test.setTimeout(120_000);
  fs.writeFileSync(path.join(station.dataDir, 'authority.pem'), authority.certPem);
  const manager = (await stationCall(station, 'POST', '/api/manager/login', { body: { password: MANAGER_PASSWORD } })).json.token as string;
  await managerPage(page, station, '#/responsable/centre');
  await expect(page.getByRole('heading', { level: 1, name: 'Le centre et ses postes' })).toBeFocused();
  await expect(page.getByText('Aucun certificat du centre n’est importé')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'console-centre-empty');

  // The PKCS#12 with a wrong password: refused on the password field, emptied, nothing kept.
  await page.getByLabel('Fichier du certificat (.p12)').setInputFiles(path.join(files, 'centre.p12'));
  const password = page.getByLabel('Mot de passe du fichier');
  await password.fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Importer le certificat' }).click();
  await expect(page.getByRole('alert')).toHaveText('Mot de passe incorrect pour ce fichier : vérifiez-le et saisissez-le de nouveau. Rien n’a été importé ; le certificat précédent, s’il y en a un, reste en place.');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveValue('');
  expect((await stationCall(station, 'GET', '/api/manager/centre-key', { token: manager })).json.key).toBeNull();
  await screenshots(page, 'console-centre-key-refused');

  // The right password, typed with the keyboard alone; Enter submits.
  await tabTo(page, password);
  await page.keyboard.type(P12_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Certificat importé' })).toHaveText('Certificat importé : Lycée Érable. Il signera les résultats des sessions.');
  const key = page.getByRole('region', { name: 'Certificat du centre' });
  await expect(key.getByRole('definition').filter({ hasText: 'Lycée Érable' })).toBeVisible();
  await expect(key.getByText('0123456A', { exact: true })).toBeVisible();
  await expect(key.getByText('Autorité de certification Passation — e2e')).toBeVisible();
  await expect(key.getByText(/^Valable \(encore 1\s09\d jours\)$/)).toBeVisible();
  expect((await stationCall(station, 'GET', '/api/manager/centre-key', { token: manager })).json.key.subject).toBe('O=Lycée Érable, CN=0123456A');

  // The platform's address: http:// refused on its field, then the https:// one, by the keyboard.
  const address = page.getByRole('textbox', { name: 'Adresse de la plateforme' });
  await tabTo(page, address);
  await page.keyboard.type('http://plateforme.exemple.fr');
  await page.keyboard.press('Enter');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/L’adresse doit commencer par https:\/\/ \(connexion chiffrée\), pas par http:\/\//);
  expect((await stationCall(station, 'GET', '/api/manager/platform', { token: manager })).json.platformUrl).toBeNull();
  await address.fill('');
  await page.keyboard.type('https://plateforme.exemple.fr');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Adresse enregistrée.' })).toBeVisible();
  expect((await stationCall(station, 'GET', '/api/manager/platform', { token: manager })).json.platformUrl).toBe('https://plateforme.exemple.fr');

  // A pairing code by the keyboard: shown large with its expiry counting down, and the station's fingerprint.
  const ask = page.getByRole('button', { name: 'Obtenir un code d’appairage' });
  await tabTo(page, ask);
  await page.keyboard.press('Enter');
  const spoken = page.getByText(/^Code d’appairage : \d \d \d \d \d \d$/);
  await expect(spoken).toBeAttached();
  const code = (await spoken.textContent())!.replace(/\D/g, '');
  await expect(page.getByText(/^Valable encore (9 min|10 min 0 s)/)).toBeVisible();
  const first = await page.getByText(/^Valable encore/).textContent();
  await expect(page.getByText(/^Valable encore/)).not.toHaveText(first!, { timeout: 3000 });
  const health = await stationCall(station, 'GET', '/api/health');
  await expect(page.getByRole('region', { name: 'Appairer un poste candidat' }).getByText(health.json.certificateFingerprint, { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'console-centre-pairing');

  // The technician types the code on the kiosk (its API): the kiosk appears by itself, with the code marked used.
  const buildHash = '3f9a'.repeat(16);
  const paired = await stationCall(station, 'POST', '/api/kiosk/pair', { body: { code, name: 'Salle B12 — poste 07', shell: { buildHash, configHash: 'c41d'.repeat(16) } } });
  expect(paired.status).toBe(201);
  await expect(page.getByRole('status').filter({ hasText: 'vient d’être appairé' })).toHaveText('Le poste «\u00A0Salle B12 — poste 07\u00A0» vient d’être appairé avec ce code.', { timeout: 10_000 });
  const kiosks = page.getByRole('region', { name: 'Postes candidats appairés' });
  const row = kiosks.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Salle B12 — poste 07' }) });
  await expect(row).toContainText('3f9a3f9a3f9a');
  await expect(row).toContainText('Actif');
  await expect(row).toContainText('le responsable du centre');

  // « Révoquer »: a confirmation naming the kiosk; Escape cancels (focus back), then the keyboard confirms.
  const revoke = row.getByRole('button', { name: 'Révoquer Salle B12 — poste 07' });
  await tabTo(page, revoke);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Révoquer le poste «\u00A0Salle B12 — poste 07\u00A0» ?' });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'console-centre-revoke');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  expect((await stationCall(station, 'GET', '/api/kiosk/me', { token: paired.json.deviceToken })).status).toBe(200);
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByRole('button', { name: 'Révoquer le poste' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(kiosks.getByRole('status')).toHaveText('Le poste «\u00A0Salle B12 — poste 07\u00A0» est révoqué : il ne peut plus se connecter.');
  await expect(row).toContainText('Révoqué le');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Postes candidats appairés' })).toBeFocused();
  expect((await stationCall(station, 'GET', '/api/kiosk/me', { token: paired.json.deviceToken })).json.error.code).toBe('kioskRevoked');
  await screenshots(page, 'console-centre');

  await page.setViewportSize({ width: 683, height: 768 });
  await noSidewaysScroll(page);
  await saveScreenshot(page, 'console-centre-200pct');
  await page.setViewportSize({ width: 1366, height: 768 });

  // English: the same page, every word from the catalogue.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The centre and its kiosks' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Paired candidate kiosks' }).getByRole('heading', { name: 'Salle B12 — poste 07' })).toBeVisible();
  await saveScreenshot(page, 'console-centre-en-1366x768');

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});
