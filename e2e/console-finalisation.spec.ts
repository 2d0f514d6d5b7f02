import type { Locator, Page } from '@playwright/test';
import { seedSession, type SeededSession } from './session-seed';
import { kioskCall } from './kiosk-api-calls';
import { expect, saveScreenshot, test, type TestStation } from './station-fixture';
import { seriousViolations } from './axe-check';

// Issue 10 §1, R-FIN-1..3 — the finalisation wizard and its review in Chromium against a real station (HTTPS on
// loopback, SQLite file). Pupils sit through the kiosk HTTP API: one answers every question rightly, one skips them
// all, one is still in test, one is ended by the invigilator, one has only checked in (and starts while the
// wizard is open: the station refuses, the page says who), two never come. The wizard is filled with the keyboard
// alone; the review is compared with the station's own results document.

interface Kiosk { token: string; entry: string; candidateId: number }

/** A simulated kiosk: paired, its pupil checked in, the presence confirmed through the console API. */
async function arrive(station: TestStation, session: SeededSession, name: string, lastName: string): Promise<Kiosk> {
  const code = await session.pairingCode();
  const paired = await kioskCall(station, 'POST', '/api/kiosk/pair', '', undefined, { code, name });
  expect(paired.status).toBe(201);
  const pupil = session.candidates.get(lastName)!;
  const checkedIn = await kioskCall(station, 'POST', '/api/kiosk/check-in', paired.json.deviceToken, undefined, {
    sessionNumber: session.sessionNumber, lastName: pupil.input.lastName, firstName: pupil.input.firstName, birthDate: pupil.input.birthDate, accessCode: session.accessCode,
  });
  expect(checkedIn.status).toBe(200);
  expect((await session.console('POST', `/candidates/${pupil.id}/confirm-presence`)).status).toBe(200);
  return { token: paired.json.deviceToken, entry: checkedIn.json.entryToken, candidateId: pupil.id };
}

/** The right answer of the test package's challenge `ch_<n>` (electron/centre/testing/test-packages.ts). */
function rightAnswer(challengeId: string): unknown {
  const i = Number(challengeId.replace('ch_', '')) - 1;
  switch (i % 5) {
    case 0: return { choice: '2' };
    case 1: return { choices: ['1', '3'] };
    case 2: return { value: `xylophone${i}` };
    case 3: return { values: { ville: `zanzibarville${i}`, pays: `quokkaland${i}` } };
    default: return { values: { a1: `narwhalus${i}`, a2: `axolotlus${i}` } };
  }
}

/** Starts the pupil's test and answers its first `count` challenges (rightly, or skipping them). */
async function sit(station: TestStation, kiosk: Kiosk, count: number | 'all', how: 'right' | 'skip'): Promise<void> {
  const started = await kioskCall(station, 'POST', '/api/kiosk/start', kiosk.token, kiosk.entry, {});
  expect(started.status).toBe(200);
  const challenges = started.json.challenges as { challengeId: string }[];
  for (const [i, c] of challenges.slice(0, count === 'all' ? undefined : count).entries()) {
    const answered = await kioskCall(station, 'POST', '/api/kiosk/answers', kiosk.token, kiosk.entry, {
      challengeId: c.challengeId, answer: how === 'right' ? rightAnswer(c.challengeId) : { skipped: true },
      clientAnswerId: `e2e-${kiosk.candidateId}-${i}`, elapsedMs: 3000, timedOut: false, focusLost: false,
    });
    expect(answered.status).toBe(200);
  }
}

/** Presses Tab (only the keyboard) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached with Tab: ${target.toString()}`);
}

async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

async function shoot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `console-finalisation-${name}-1366x768`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, `console-finalisation-${name}-1920x1080`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

const OUTCOME: Record<string, string> = {
  validated: 'Certification obtenue', rejected: 'Certification non obtenue', cancelled: 'Certification annulée', error: 'Résultat à vérifier',
};

test('the invigilator finalises the session with the keyboard, is told who started meanwhile, and reviews the provisional results', async ({ page, station, problems }) => {
  test.setTimeout(180_000);
  const session = await seedSession(station);
  const marie = await arrive(station, session, 'Poste 1', 'Dupont');
  await sit(station, marie, 'all', 'right');
  const eloise = await arrive(station, session, 'Poste 2', 'Lefèvre');
  await sit(station, eloise, 'all', 'skip');
  const leo = await arrive(station, session, 'Poste 3', 'Bernard');
  await sit(station, leo, 3, 'right');
  const zoe = await arrive(station, session, 'Poste 4', 'Petit');
  await sit(station, zoe, 6, 'right');
  expect((await session.console('POST', `/candidates/${zoe.candidateId}/end-test`)).status).toBe(200);
  const adam = await arrive(station, session, 'Poste 5', 'Roux'); // present, not started yet
  const reset = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/invigilator-password`);

  await page.goto(`${station.url}/console/`);
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill(reset.json.invigilatorPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Session n° ${session.sessionNumber}` })).toBeVisible();
  await page.getByRole('navigation', { name: 'Pages du surveillant' }).getByRole('link', { name: 'Finalisation' }).click();

  // Step 1: the two unfinished tests (the still running one said, with the way back to the board).
  await expect(page.getByRole('heading', { level: 1, name: `Finaliser la session n° ${session.sessionNumber}` })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 1 sur 4 — Tests non terminés' })).toBeVisible();
  await expect(page.getByText('Un élève est encore en test : Léo Bernard. La finalisation arrêtera son test.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Revenir à la surveillance' })).toBeVisible();
  const leoReason = page.getByRole('radiogroup', { name: 'Raison de l’arrêt du test de Léo Bernard' });
  const zoeReason = page.getByRole('radiogroup', { name: 'Raison de l’arrêt du test de Zoé Petit' });
  await expect(leoReason).toContainText('Question 4 sur 15');
  await expect(zoeReason).toContainText('Test arrêté par le surveillant');
  await expect(page.getByRole('radiogroup')).toHaveCount(2); // completed and not started: nothing to say
  await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
  await page.keyboard.press('Enter');
  const alert = page.locator('.step').getByRole('alert');
  await expect(alert).toContainText('2 réponses manquent avant de continuer');
  await expect(alert).toContainText('Choisissez la raison de l’arrêt du test de Léo Bernard.');
  await expect(alert).toContainText('Choisissez la raison de l’arrêt du test de Zoé Petit.');
  await expect(leoReason).toHaveAttribute('aria-invalid', 'true');
  await expect(leoReason.getByRole('radio', { name: 'Abandon de l’élève' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'step1-errors');
  await page.keyboard.press('Space'); // Léo: abandon
  await tabTo(page, zoeReason.getByRole('radio', { name: 'Abandon de l’élève' }));
  await page.keyboard.press('ArrowDown'); // Zoé: technical problem
  await expect(zoeReason.getByRole('radio', { name: 'Problème technique' })).toBeChecked();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
  await page.keyboard.press('Enter');

  // Step 2: « écran de fin de test vu », for the four who started.
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 2 sur 4 — Écran de fin de test' })).toBeFocused();
  const seen = page.getByRole('group', { name: 'Écran de fin de test vu' });
  await expect(seen.getByRole('checkbox')).toHaveCount(4);
  await tabTo(page, seen.getByRole('checkbox', { name: 'Marie Dupont' }));
  await page.keyboard.press('Space');
  await tabTo(page, seen.getByRole('checkbox', { name: 'Éloïse Lefèvre' }));
  await page.keyboard.press('Space');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'step2');
  await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
  await page.keyboard.press('Enter');

  // Step 3: the comment (markup stays text), the two yes/no questions the station requires.
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 3 sur 4 — Déroulement de la session' })).toBeFocused();
  const comment = '<b>RAS</b> <script>window.__pwned=1</script> sauf le poste 3';
  await tabTo(page, page.getByRole('textbox', { name: 'Commentaire du surveillant (facultatif)' }));
  await page.keyboard.type(comment);
  await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.step').getByRole('alert')).toContainText('Répondez « Oui » ou « Non » : un incident a-t-il eu lieu pendant la session ?');
  await expect(page.locator('.step').getByRole('alert')).toContainText('des élèves ont-ils eu un problème de connexion ?');
  const incident = page.getByRole('radiogroup', { name: 'Un incident a-t-il eu lieu pendant la session ?' });
  const joining = page.getByRole('radiogroup', { name: 'Des élèves ont-ils eu un problème de connexion à leur test ?' });
  await expect(incident.getByRole('radio', { name: 'Oui' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'step3-errors');
  await page.keyboard.press('ArrowDown'); // incident: Non
  await tabTo(page, joining.getByRole('radio', { name: 'Oui' }));
  await page.keyboard.press('Space'); // joining issue: Oui
  await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
  await page.keyboard.press('Enter');

  // Step 4: the summary.
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 4 sur 4 — Récapitulatif' })).toBeFocused();
  const summary = page.locator('.summary');
  await expect(summary).toContainText('Léo Bernard : Abandon de l’élève');
  await expect(summary).toContainText('Zoé Petit : Problème technique');
  await expect(summary).toContainText('2 sur 4');
  await expect(summary).toContainText(comment);
  await expect(page.getByText('4 élèves ont commencé un test, sur 7 inscrits.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'summary');
  await tabTo(page, page.getByRole('button', { name: 'Finaliser la session' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Finaliser la session n° ${session.sessionNumber} ?` });
  await expect(dialog).toContainText('Cela ne peut pas être annulé.');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-finalisation-confirm-1366x768');
  await page.keyboard.press('Escape'); // back to the summary, nothing sent
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Finaliser la session' })).toBeFocused();

  // Meanwhile Adam starts his test: the station refuses (R-FIN-1, a reason is missing for him); the page says who.
  await sit(station, adam, 2, 'right');
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByRole('button', { name: 'Oui, finaliser la session' }));
  await page.keyboard.press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'La session n’a pas été finalisée' });
  await expect(refusal).toContainText('des tests ont changé depuis l’ouverture de cette page');
  await expect(refusal).toContainText('Adam Roux a commencé son test : indiquez la raison de son arrêt.');
  await expect(refusal.getByRole('button', { name: 'Revenir à la surveillance' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 1 sur 4 — Tests non terminés' })).toBeVisible();
  const adamReason = page.getByRole('radiogroup', { name: 'Raison de l’arrêt du test d’Adam Roux' }).or(page.getByRole('radiogroup', { name: 'Raison de l’arrêt du test de Adam Roux' }));
  await expect(adamReason).toHaveAttribute('aria-invalid', 'true');
  await expect(leoReason.getByRole('radio', { name: 'Abandon de l’élève' })).toBeChecked(); // kept
  expect((await session.manager('GET', `/api/console/sessions/${session.sessionId}/live`)).json.sessionStatus).toBe('created'); // nothing half-applied
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'refused');
  await expect(adamReason.getByRole('radio', { name: 'Abandon de l’élève' })).toBeFocused();
  await page.keyboard.press('Space');
  for (let step = 2; step <= 4; step++) {
    await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Étape ${step} sur 4`) })).toBeFocused();
  }
  await tabTo(page, page.getByRole('button', { name: 'Finaliser la session' }));
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByRole('button', { name: 'Oui, finaliser la session' }));
  await page.keyboard.press('Enter');

  // The review: each candidate's status and total as the station's results document gives them.
  await expect(page.getByRole('heading', { level: 1, name: `Résultats provisoires de la session n° ${session.sessionNumber}` })).toBeFocused();
  const document = await session.manager('GET', `/api/console/sessions/${session.sessionId}/results`); // the invigilator's API token went with the password reset
  expect(document.status).toBe(200);
  expect(document.json.globalComment).toBe(comment);
  expect(document.json.incidentDuringSession).toBe(false);
  expect(document.json.joiningIssue).toBe(true);
  // oxlint-disable-next-line typescript/no-explicit-any -- the document as JSON
  const byName = new Map<string, any>(document.json.candidates.map((c: any) => [c.lastName, c]));
  expect(byName.get('Dupont').test.result.status).toBe('validated');
  expect(byName.get('Dupont').test.endScreenSeen).toBe(true);
  expect(byName.get('Lefèvre').test.result.status).toBe('rejected');
  expect(byName.get('Bernard').test.abortReason).toBe('candidate');
  expect(byName.get('Petit').test.abortReason).toBe('technical');
  expect(byName.get('Roux').test.abortReason).toBe('candidate');
  const results = page.getByRole('region', { name: 'Résultats par candidat' }).getByRole('article');
  await expect(results).toHaveCount(7);
  for (const c of document.json.candidates) {
    const card = results.filter({ has: page.getByRole('heading', { name: `${c.firstName} ${c.lastName}`, exact: true }) });
    if (c.test === null) {
      await expect(card.locator('.outcome')).toHaveText('N’a pas passé le test');
      continue;
    }
    await expect(card.locator('.outcome')).toContainText(OUTCOME[c.test.result.status]!);
    await expect(card).toContainText(`${c.test.result.pix} pix sur 640`);
    await expect(card).toContainText(`Réponses justes : ${c.test.result.reproducibilityRate} %`);
    await expect(card.getByRole('img', { name: new RegExp(`^Pix par compétence de ${c.firstName} ${c.lastName}`) })).toBeVisible();
  }
  await expect(results.filter({ hasText: 'Éloïse Lefèvre' }).locator('.outcome')).toHaveText('Certification non obtenue : moins de la moitié des réponses justes');

  // The table alternative, opened with the keyboard: a real table, the document's level and pix per competence.
  const marieCard = results.filter({ has: page.getByRole('heading', { name: 'Marie Dupont', exact: true }) });
  await tabTo(page, marieCard.getByRole('button', { name: 'Afficher le tableau des compétences de Marie Dupont' }));
  await page.keyboard.press('Enter');
  const table = marieCard.getByRole('table', { name: 'Compétences de Marie Dupont' });
  await expect(table.getByRole('columnheader')).toHaveText(['Compétence', 'Niveau', 'Pix']);
  const marks = byName.get('Dupont').test.result.competences as { code: string; level: number; pix: number }[];
  expect(marks.length).toBeGreaterThanOrEqual(5);
  await expect(table.getByRole('row')).toHaveCount(marks.length + 1);
  for (const m of marks) {
    await expect(table.getByRole('row', { name: new RegExp(`^${m.code.replace('.', '\\.')} `) }).getByRole('cell'))
      .toHaveText([m.level < 0 ? 'non certifiée' : `niveau ${m.level}`, String(m.pix)]);
  }
  await expect(marieCard.getByRole('button', { name: 'Masquer le tableau des compétences de Marie Dupont' })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('link', { name: 'Signer et envoyer' })).toHaveAttribute('href', '#/signature');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'review');
  // 200 % zoom on a 1366×768 laptop: no sideways scrolling, still axe-clean.
  await page.setViewportSize({ width: 683, height: 384 });
  expect(await noSidewaysScroll(page)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'console-finalisation-review-200pct');
  await page.setViewportSize({ width: 1366, height: 768 });

  // Opened again on the finalised session: the review at once.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Résultats provisoires de la session n° ${session.sessionNumber}` })).toBeVisible();
  await expect(results).toHaveCount(7);
  // In English too: every word from the catalogue.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Provisional results of session no. ${session.sessionNumber}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Results by candidate' }).getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'Marie Dupont', exact: true }) }).locator('.outcome')).toHaveText('Certification obtained');
  await saveScreenshot(page, 'console-finalisation-review-en-1366x768');

  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('the wizard at 200 % zoom: no sideways scrolling on its steps', async ({ page, station }) => {
  test.setTimeout(90_000);
  const session = await seedSession(station);
  const marie = await arrive(station, session, 'Poste 1', 'Dupont');
  await sit(station, marie, 2, 'right');
  const reset = await session.manager('POST', `/api/manager/sessions/${session.sessionId}/invigilator-password`);
  await page.goto(`${station.url}/console/#/finalisation`);
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill(reset.json.invigilatorPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Étape 1 sur 4 — Tests non terminés' })).toBeVisible();
  await page.setViewportSize({ width: 683, height: 384 });
  for (let step = 1; step <= 4; step++) {
    if (step === 2) await page.getByRole('radiogroup', { name: 'Raison de l’arrêt du test de Marie Dupont' }).getByRole('radio', { name: 'Problème technique' }).check();
    if (step === 4) {
      await page.getByRole('radiogroup', { name: /incident/ }).getByRole('radio', { name: 'Non' }).check();
      await page.getByRole('radiogroup', { name: /problème de connexion/ }).getByRole('radio', { name: 'Non' }).check();
    }
    if (step > 1) await page.getByRole('button', { name: 'Suivant' }).click();
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Étape ${step} sur 4`) })).toBeVisible();
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, `console-finalisation-step${step}-200pct`);
  }
});
