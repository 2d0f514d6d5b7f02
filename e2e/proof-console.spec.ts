import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CONTENT_FILE, PROFILES_FILE, ROSTER_FILE } from '../fixtures/paths';
import type { ContentPackage } from '../shared/formats/content-package';
import type { ProfilePackage } from '../shared/formats/profile-package';
import { startDemoAuthority, type DemoAuthority } from '../scripts/demo-session/demo-authority';
import { demoRoster } from '../scripts/demo-session/demo-roster';
import { chromiumLaunchOptions } from './chromium-options';
import { answerAndValidate } from './kiosk-answering';
import { sitWholeTest } from './kiosk-check-in';
import { expectMovedPast, onToChallenge, questionOnScreen } from './proof-kiosk';
import { MANAGER_PASSWORD } from './session-seed';
import { expect, saveScreenshot, test } from './station-fixture';
import { spkiSha256Base64 } from './station-tls';
import { seriousViolations } from './axe-check';

// Issue 10, Proof — end to end on loopback, in Chromium: the console (one browser context: the centre manager, then
// the invigilator), three kiosks (three contexts, each its own paired kiosk) and a REAL authority platform (the
// platform's own commands: init, issue-centre, publish, serve). Every step a person takes goes through a page, by
// role and accessible name: create a session, import a bad roster (every bad row shown, nothing imported) then the
// good one, the platform's address, the signed packages downloaded from it, the centre's PKCS#12, pairing, check-in,
// presence confirmed, the tests sat, an E4 incident that neutralises a question (R-INC-1), one test ended by the
// invigilator, the finalisation (R-FIN-1..3), the signature, the sending, the receipt with the results, and one
// verification code looked up on the platform's page (R-PUB-1). What the station and the platform stored is read
// through their APIs or files only to check what the pages said.

test.use({ actionTimeout: 20_000, navigationTimeout: 30_000 });

async function shot(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  await saveScreenshot(page, `proof-console-${name}-1366x768`);
}

/** The roster's pupils as the kiosk's check-in form asks for them (fixtures/roster/roster.csv: `;`, French dates). */
interface Pupil { lastName: string; firstName: string; day: string; month: string; year: string }
function pupilsOf(csv: string): Pupil[] {
  return csv.split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').map((line) => {
    const [lastName, firstName, , birth] = line.split(';');
    const [day, month, year] = birth!.split('/');
    return { lastName: lastName!, firstName: firstName!, day: day!, month: month!, year: year! };
  });
}

async function fetchText(page: Page, url: string): Promise<string> {
  return page.evaluate(async (u) => (await fetch(u)).text(), url);
}

/**
 * Sits the whole test giving each demo challenge its RIGHT answer through the controls (the solution's proposal
 * by its label, the first accepted variant in each field, in the order of the fields in the text): a pupil who
 * earns a certification, so that its verification code is published (R-PUB-1).
 */
async function sitRightly(page: Page, challengeIds: string[]): Promise<void> {
  const content = JSON.parse(fs.readFileSync(CONTENT_FILE, 'utf8')) as ContentPackage;
  const main = page.getByRole('main');
  for (;;) {
    await onToChallenge(page);
    if (await page.getByRole('heading', { level: 1, name: 'Test terminé' }).isVisible()) return;
    const { position, total } = await questionOnScreen(page);
    // oxlint-disable-next-line typescript/no-explicit-any -- the solution's shape depends on the type, read below
    const challenge = content.challenges.find((c) => c.id === challengeIds[position - 1]) as any;
    const fieldOrder = [...(challenge.proposals as string).matchAll(/\$\{(\w+)/g)].map((m) => m[1]!);
    const fill = async (i: number, text: string) => {
      const field = main.getByRole('textbox').or(main.getByRole('combobox')).nth(i);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(text);
      else await field.fill(text);
    };
    if (challenge.type === 'QCU') await main.getByRole('radio').nth(Number(challenge.solution.choice) - 1).check();
    else if (challenge.type === 'QCM') for (const choice of challenge.solution.choices as string[]) await main.getByRole('checkbox').nth(Number(choice) - 1).check();
    else if (challenge.type === 'QROC') await fill(0, challenge.solution.variants[0]);
    else if (challenge.type === 'QROCM-ind') for (const [i, name] of fieldOrder.entries()) await fill(i, challenge.solution.fields[name][0]);
    else for (const i of fieldOrder.keys()) await fill(i, challenge.solution.groups[i][0]);
    await main.getByRole('button', { name: 'Je valide' }).click();
    await expectMovedPast(page, position, total);
  }
}

let authority: DemoAuthority;
let platformBrowser: Browser | undefined;
const kiosks: BrowserContext[] = [];

test.afterEach(async () => {
  for (const k of kiosks.splice(0)) await k.close().catch(() => {});
  await platformBrowser?.close().catch(() => {});
  await authority?.serve.close().catch(() => {});
});

test('a whole session through the screens: console, three kiosks and the authority platform', async ({ page, browser, station, problems }) => {
  test.setTimeout(420_000);
  authority = await startDemoAuthority(path.join(station.dataDir, 'autorite'), { contentFile: CONTENT_FILE, profilesFile: PROFILES_FILE });
  // The IT person puts the authority's certificate in the station's data folder (electron/centre/README.md).
  fs.writeFileSync(path.join(station.dataDir, 'authority.pem'), authority.authorityPem);
  const profiles = JSON.parse(fs.readFileSync(PROFILES_FILE, 'utf8')) as ProfilePackage;
  const roster = demoRoster(fs.readFileSync(ROSTER_FILE, 'utf8'), profiles, 3);
  const pupils = pupilsOf(roster);
  const [lea, second, third] = pupils as [Pupil, Pupil, Pupil];
  const fullName = (p: Pupil) => `${p.firstName} ${p.lastName}`;

  // ---- The centre manager: login, the platform's address, the centre's certificate, the packages.
  await page.goto(`${station.url}/console/#/responsable`);
  await page.getByLabel('Mot de passe du responsable').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Les sessions du centre' })).toBeFocused();

  const managerNav = page.getByRole('navigation', { name: 'Pages du responsable du centre' });
  await managerNav.getByRole('link', { name: 'Centre et postes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le centre et ses postes' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Adresse de la plateforme' }).fill(authority.serve.platform.url);
  await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Adresse enregistrée.' })).toBeVisible();
  await page.getByLabel('Fichier du certificat (.p12)').setInputFiles({ name: 'centre.p12', mimeType: 'application/x-pkcs12', buffer: authority.pkcs12 });
  await page.getByLabel('Mot de passe du fichier').fill(authority.pkcs12Password);
  await page.getByRole('button', { name: 'Importer le certificat' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Certificat importé' })).toBeVisible();

  await managerNav.getByRole('link', { name: 'Paquets signés' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paquets signés' })).toBeFocused();
  const downloads = page.getByRole('region', { name: 'Télécharger depuis la plateforme' }).getByRole('button', { name: /^Télécharger et importer/ });
  await expect(downloads).toHaveCount(2);
  for (let left = 2; left > 0; left -= 1) {
    await downloads.first().click();
    await expect(downloads).toHaveCount(left - 1);
  }
  expect(station.server.app.centre.packages.listPackages()).toHaveLength(2);
  await shot(page, 'packages');

  // ---- A session: created, a bad roster refused row by row with nothing imported, then the good one.
  await managerNav.getByRole('link', { name: 'Sessions' }).click();
  await page.getByRole('button', { name: 'Nouvelle session' }).click();
  await page.getByRole('textbox', { name: 'Nom du centre' }).fill('Collège de démonstration');
  await page.getByRole('textbox', { name: 'Adresse du site' }).fill('1 place de la République, 69001 Lyon');
  await page.getByRole('textbox', { name: 'Salle' }).fill('Salle info 1');
  await page.getByLabel('Date', { exact: true }).fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('Heure de début').fill('08:00');
  await page.getByRole('textbox', { name: 'Nom du surveillant' }).fill('M. Surveillant');
  await page.getByRole('button', { name: 'Créer la session' }).click();
  const created = page.getByRole('region', { name: /^Session n° \d+ créée$/ });
  await expect(created).toBeVisible();
  const sessionNumber = Number(/n° (\d+)/.exec((await created.getByRole('heading').first().textContent())!)![1]);
  const invigilatorPassword = (await created.getByRole('code').first().textContent())!.trim();
  const accessCode = /Code d’accès des candidats : (\S+)/.exec((await created.textContent())!)![1]!;
  await page.getByRole('button', { name: 'J’ai noté le mot de passe' }).click();
  await page.getByRole('link', { name: `Session n° ${sessionNumber}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Session n° ${sessionNumber}` })).toBeFocused();
  const sessionId = Number(/sessions\/(\d+)$/.exec(page.url())![1]);
  const { sessions } = station.server.app.centre;

  const lines = roster.split('\r\n');
  const badLines = [...lines];
  badLines[1] = badLines[1]!.replace(/;\d\d\/\d\d\/(\d{4});/, ';31/02/$1;'); // a date that does not exist
  badLines[2] = badLines[2]!.replace(/^([^;]*;[^;]*;)[FM];/, '$1X;'); // a sex that is neither F nor M
  const file = page.getByLabel('Fichier de la liste (CSV ou ODS)');
  await file.setInputFiles({ name: 'liste-fausse.csv', mimeType: 'text/csv', buffer: Buffer.from(badLines.join('\r\n'), 'utf8') });
  await page.getByRole('button', { name: 'Importer « liste-fausse.csv »' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Le fichier « liste-fausse.csv » a 2 erreurs à corriger.' })).toContainText('Aucun candidat n’a été importé.');
  const badRows = page.getByRole('table', { name: 'Lignes à corriger dans « liste-fausse.csv »' }).getByRole('row');
  await expect(badRows).toHaveCount(3);
  await expect(badRows.nth(1)).toContainText('ligne 2');
  await expect(badRows.nth(1)).toContainText('Date de naissance');
  await expect(badRows.nth(2)).toContainText('ligne 3');
  await expect(badRows.nth(2)).toContainText('Sexe');
  expect(sessions.listCandidates(sessionId)).toEqual([]);
  await shot(page, 'roster-refused');
  await file.setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(roster, 'utf8') });
  await page.getByRole('button', { name: 'Importer « liste.csv »' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 candidats importés depuis « liste.csv ».' })).toBeVisible();
  expect(sessions.listCandidates(sessionId).map((c) => c.lastName).sort()).toEqual(pupils.map((p) => p.lastName).sort());
  await page.getByRole('button', { name: 'Utiliser ce paquet de contenu' }).click();
  await page.getByRole('button', { name: 'Utiliser ce paquet de profils' }).click();
  await expect(page.getByText('Choix enregistré.')).toHaveCount(2);
  await shot(page, 'session');

  // ---- Three kiosks paired, each with a code from the centre page (a code serves once).
  await managerNav.getByRole('link', { name: 'Centre et postes' }).click();
  const kioskPages: Page[] = [];
  for (const [i, pupil] of pupils.entries()) {
    await page.getByRole('button', { name: i === 0 ? 'Obtenir un code d’appairage' : 'Obtenir un nouveau code' }).click();
    const spoken = page.getByText(/^Code d’appairage : \d \d \d \d \d \d$/);
    await expect(spoken).toBeAttached();
    const code = (await spoken.textContent())!.replace(/\D/g, '');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    kiosks.push(context);
    const kiosk = await context.newPage();
    await kiosk.goto(`${station.url}/kiosk/`);
    await kiosk.getByRole('textbox', { name: 'Nom de ce poste' }).fill(`Salle info 1 — poste ${i + 1}`);
    await kiosk.getByRole('textbox', { name: 'Code d’appairage' }).fill(code);
    await kiosk.getByRole('button', { name: 'Appairer' }).click();
    await expect(kiosk.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'vient d’être appairé' })).toContainText(`poste ${i + 1}`, { timeout: 15_000 });
    // The pupil checks in.
    await kiosk.getByRole('textbox', { name: 'Numéro de session' }).fill(String(sessionNumber));
    await kiosk.getByRole('textbox', { name: 'Nom de naissance' }).fill(pupil.lastName);
    await kiosk.getByRole('textbox', { name: 'Prénom' }).fill(pupil.firstName);
    await kiosk.getByRole('textbox', { name: 'Jour' }).fill(pupil.day);
    await kiosk.getByRole('textbox', { name: 'Mois' }).fill(pupil.month);
    await kiosk.getByRole('textbox', { name: 'Année' }).fill(pupil.year);
    await kiosk.getByRole('textbox', { name: 'Code d’accès' }).fill(accessCode);
    await kiosk.getByRole('button', { name: 'Me connecter' }).click();
    await expect(kiosk.getByRole('heading', { level: 1, name: `Bienvenue, ${fullName(pupil)}` })).toBeVisible();
    kioskPages.push(kiosk);
  }
  const kiosksList = page.getByRole('region', { name: 'Postes candidats appairés' });
  for (let i = 1; i <= 3; i += 1) await expect(kiosksList.getByRole('heading', { name: `Salle info 1 — poste ${i}` })).toBeVisible();
  await shot(page, 'kiosks');

  // ---- The invigilator: login, presence confirmed from each card.
  await page.getByRole('link', { name: 'Console du surveillant' }).click();
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill(invigilatorPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Session n° ${sessionNumber}` })).toBeVisible();
  const cards = page.getByRole('region', { name: 'Candidats' }).getByRole('article');
  await expect(cards).toHaveCount(3);
  await expect(page.getByText('3 candidats attendent votre action.')).toBeVisible();
  await shot(page, 'board-waiting');
  const card = (p: Pupil) => cards.filter({ has: page.getByRole('heading', { name: fullName(p), exact: true }) });
  for (const [i, pupil] of pupils.entries()) {
    await page.getByRole('button', { name: `Confirmer la présence de ${fullName(pupil)}` }).click();
    await kioskPages[i]!.getByRole('button', { name: 'Commencer mon test' }).click();
    await expect(kioskPages[i]!).toHaveTitle(/^Question 1 sur \d+/);
    await expect(card(pupil)).toContainText(/Question 1 sur \d+/);
  }

  // ---- The third pupil answers their first question; then the site it sent them to proves down: the invigilator
  // reports an E4 incident (R-INC-1, « site indisponible »: neutralises the question) on that question, picked in
  // the list of the pupil's questions (the one prefilled is the question now on their screen), and ends their test
  // with confirmation.
  const thirdKiosk = kioskPages[2]!;
  const warning = thirdKiosk.getByRole('button', { name: 'Commencer', exact: true }).or(thirdKiosk.getByRole('button', { name: 'Je suis prêt' }));
  if (await warning.isVisible()) await warning.click();
  await answerAndValidate(thirdKiosk);
  await expect(thirdKiosk).toHaveTitle(/^Question 2 sur \d+/);
  await expect(card(third)).toContainText(/Question 2 sur \d+/);
  const live = JSON.parse(await fetchText(page, `/api/console/sessions/${sessionId}/live`)) as { candidates: { candidateId: number; lastName: string }[] };
  const thirdId = live.candidates.find((c) => c.lastName === third.lastName)!.candidateId;
  const questions = JSON.parse(await fetchText(page, `/api/console/sessions/${sessionId}/candidates/${thirdId}/questions`)) as { questions: { challengeId: string }[] };
  const incidentQuestion = questions.questions[0]!.challengeId;
  await page.getByRole('button', { name: `Signaler un incident pour ${fullName(third)}` }).click();
  const dialog = page.getByRole('dialog', { name: `Signaler un incident pour ${fullName(third)}` });
  await dialog.getByRole('combobox', { name: 'Catégorie' }).selectOption('E4');
  const question = dialog.getByRole('combobox', { name: /Question concernée/ });
  await expect(question).toHaveValue(questions.questions[1]!.challengeId); // the one on the pupil's screen
  await question.selectOption(incidentQuestion);
  await dialog.getByRole('textbox', { name: 'Description (facultative)' }).fill('Le site de l’épreuve ne répond pas <b>du tout</b>');
  await shot(page, 'incident');
  await dialog.getByRole('button', { name: 'Enregistrer le signalement' }).click();
  await expect(page.getByText(`Signalement enregistré pour ${fullName(third)}.`)).toBeVisible();
  await expect(card(third)).toContainText(/incident signalé sur la question 1/);

  // The two others sit their whole test, at the same time, while the invigilator watches.
  const leaId = live.candidates.find((c) => c.lastName === lea.lastName)!.candidateId;
  const leaQuestions = JSON.parse(await fetchText(page, `/api/console/sessions/${sessionId}/candidates/${leaId}/questions`)) as { questions: { challengeId: string }[] };
  const sitting = Promise.all([sitRightly(kioskPages[0]!, leaQuestions.questions.map((q) => q.challengeId)), sitWholeTest(kioskPages[1]!, answerAndValidate)]);
  await page.getByRole('button', { name: `Terminer le test de ${fullName(third)}` }).click();
  await page.getByRole('button', { name: `Oui, terminer le test de ${fullName(third)}` }).click();
  await expect(card(third)).toContainText('Test arrêté par le surveillant');
  const [, answered] = await sitting;
  expect(answered).toBeGreaterThan(5);
  await expect(card(lea)).toContainText('Test terminé');
  await expect(card(second)).toContainText('Test terminé');
  await shot(page, 'board-done');

  // ---- The finalisation wizard (R-FIN-1..3).
  const nav = page.getByRole('navigation', { name: 'Pages du surveillant' });
  await nav.getByRole('link', { name: 'Finalisation' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 1 sur 4 — Tests non terminés' })).toBeVisible();
  await expect(page.getByRole('radiogroup')).toHaveCount(1); // only the test ended by the invigilator
  await page.getByRole('radiogroup', { name: new RegExp(`Raison de l’arrêt du test (de |d’)${fullName(third)}`) }).getByRole('radio', { name: 'Problème technique' }).check();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 2 sur 4 — Écran de fin de test' })).toBeFocused();
  const seen = page.getByRole('group', { name: 'Écran de fin de test vu' });
  await seen.getByRole('checkbox', { name: fullName(lea) }).check();
  await seen.getByRole('checkbox', { name: fullName(second) }).check();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 3 sur 4 — Déroulement de la session' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Commentaire du surveillant (facultatif)' }).fill('Coupure du site externe à la question 1 du poste 3 <script>window.__pwned=1</script>');
  await page.getByRole('radiogroup', { name: 'Un incident a-t-il eu lieu pendant la session ?' }).getByRole('radio', { name: 'Oui' }).check();
  await page.getByRole('radiogroup', { name: 'Des élèves ont-ils eu un problème de connexion à leur test ?' }).getByRole('radio', { name: 'Non' }).check();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 4 sur 4 — Récapitulatif' })).toBeFocused();
  await shot(page, 'finalisation-summary');
  await page.getByRole('button', { name: 'Finaliser la session' }).click();
  await page.getByRole('dialog', { name: `Finaliser la session n° ${sessionNumber} ?` }).getByRole('button', { name: 'Oui, finaliser la session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Résultats provisoires de la session n° ${sessionNumber}` })).toBeFocused({ timeout: 30_000 });
  // The E4 incident neutralised the question it names (R-INC-1), in the station's results document.
  const results = JSON.parse(await fetchText(page, `/api/console/sessions/${sessionId}/results`)) as {
    candidates: { lastName: string; test: { effects: { challengeId: string | null; category: string; effect: string }[] } | null }[];
  };
  const thirdResults = results.candidates.find((c) => c.lastName === third.lastName)!;
  expect(thirdResults.test!.effects).toContainEqual(expect.objectContaining({ category: 'E4', challengeId: incidentQuestion, effect: 'neutralized' }));
  const review = page.getByRole('region', { name: 'Résultats par candidat' }).getByRole('article');
  await expect(review).toHaveCount(3);
  await shot(page, 'review');

  // ---- Signing with the centre key's password (the PKCS#12's), then sending: the receipt comes back.
  await page.getByRole('link', { name: 'Signer et envoyer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Signer et envoyer les résultats' })).toBeFocused();
  await page.getByLabel('Mot de passe de la clé du centre').fill(authority.pkcs12Password);
  await page.getByRole('button', { name: 'Signer les résultats' }).click();
  await expect(page.getByText('Résultats signés. La session est figée : plus aucune modification n’est possible.')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Envoyer à la plateforme' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reçu : la plateforme a accepté le lot et renvoyé les résultats.' })).toBeVisible({ timeout: 60_000 });
  await shot(page, 'received');

  // ---- The results received: every pupil with their status, pix and verification code.
  await page.getByRole('link', { name: 'Voir les résultats reçus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Résultats reçus de la plateforme' })).toBeFocused();
  const receipt = JSON.parse(await fetchText(page, `/api/console/sessions/${sessionId}/receipt`)) as {
    candidates: { lastName: string; firstName: string; verificationCode: string; pix: number; status: string }[];
  };
  expect(receipt.candidates).toHaveLength(3);
  const table = page.getByRole('table', { name: 'Résultats des candidats' });
  for (const c of receipt.candidates) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${c.lastName} ${c.firstName}` }) });
    await expect(row.getByRole('cell').filter({ hasText: c.verificationCode })).toBeVisible();
  }
  await shot(page, 'results');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // ---- One verification code looked up on the platform's page, in a browser that trusts the platform's own
  // certificate (issued by the authority for 127.0.0.1: its key pinned, as the station's is).
  // The pupil who answered rightly is certified; their code is published.
  const certified = receipt.candidates.find((c) => c.lastName === lea.lastName)!;
  expect(certified.status).toBe('validated');
  const platformTls = fs.readFileSync(path.join(authority.dir, 'platform-tls.pem'), 'utf8');
  const options = chromiumLaunchOptions();
  platformBrowser = await chromium.launch({ ...options, args: [...options.args.filter((a) => !a.startsWith('--ignore-certificate-errors-spki-list')), `--ignore-certificate-errors-spki-list=${spkiSha256Base64(platformTls)}`] });
  const lookup = await (await platformBrowser.newContext({ locale: 'fr-FR' })).newPage();
  await lookup.goto(`${authority.serve.platform.url}/verification`);
  await lookup.getByRole('textbox', { name: /Code de vérification/ }).fill(certified.verificationCode);
  await lookup.getByRole('button', { name: 'Vérifier' }).click();
  const found = lookup.getByRole('region', { name: 'Certification valide' });
  await expect(found).toBeVisible();
  await expect(found).toContainText(certified.lastName);
  await expect(found).toContainText(`${certified.pix} pix sur 640`);
  expect(await seriousViolations(lookup)).toEqual([]);
  await saveScreenshot(lookup, 'proof-console-platform-lookup-1366x768');

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

