import type { Page } from '@playwright/test';
import type { SeededSession } from './session-seed';

/**
 * Pairs the kiosk page with a code from the console API, then checks the pupil `lastName` of the seeded session in,
 * through the controls found by their labels; resolves on « Bienvenue, … » (waiting for the invigilator). For the
 * tools that drive a pupil outside a Playwright test (scripts/kiosk-bench/, e2e/readme-screenshots.spec.ts).
 * `beforeSubmit` sees the filled check-in form (a screenshot).
 */
export async function pairAndCheckIn(page: Page, stationUrl: string, session: SeededSession, lastName: string,
  beforeSubmit: () => Promise<void> = async () => {}): Promise<void> {
  const pupil = session.candidates.get(lastName)?.input;
  if (!pupil) throw new Error(`aucun élève « ${lastName} » dans la session préparée`);
  await pairKiosk(page, stationUrl, session);
  await page.getByRole('heading', { level: 1, name: 'Identifiez-vous' }).waitFor();
  await fillCheckIn(page, session, lastName, beforeSubmit);
  await page.getByRole('heading', { level: 1, name: `Bienvenue, ${pupil.firstName} ${pupil.lastName}` }).waitFor();
}

/** Opens the kiosk page and pairs it with a fresh code from the console API, under the kiosk's name. */
export async function pairKiosk(page: Page, stationUrl: string, session: SeededSession, kioskName = 'Salle B12 — poste 04'): Promise<void> {
  await page.goto(`${stationUrl}/kiosk/`);
  await page.getByRole('textbox', { name: 'Nom de ce poste' }).fill(kioskName);
  await page.getByRole('textbox', { name: 'Code d’appairage' }).fill(await session.pairingCode());
  await page.getByRole('button', { name: 'Appairer' }).click();
}

/** Fills the check-in form (« Identifiez-vous » on screen) for the seeded pupil `lastName`, then « Me connecter ». */
export async function fillCheckIn(page: Page, session: SeededSession, lastName: string,
  beforeSubmit: () => Promise<void> = async () => {}): Promise<void> {
  const pupil = session.candidates.get(lastName)?.input;
  if (!pupil) throw new Error(`aucun élève « ${lastName} » dans la session préparée`);
  const [year, month, day] = pupil.birthDate.split('-');
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(session.sessionNumber));
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill(pupil.lastName);
  await page.getByRole('textbox', { name: 'Prénom' }).fill(pupil.firstName);
  await page.getByRole('textbox', { name: 'Jour' }).fill(day!);
  await page.getByRole('textbox', { name: 'Mois' }).fill(month!);
  await page.getByRole('textbox', { name: 'Année' }).fill(year!);
  await page.getByRole('textbox', { name: 'Code d’accès' }).fill(session.accessCode);
  await beforeSubmit();
  await page.getByRole('button', { name: 'Me connecter' }).click();
}

const QUESTION = /^Question (\d+) sur (\d+)/;

export type ScreenSeen = 'timedWarning' | 'focusedWarning' | 'challenge';

/**
 * Once « Commencer mon test » is pressed: sits the whole test, answering every challenge through its controls
 * (`answer`), passing the timed warning (« Commencer ») and the focused one (« Je suis prêt »); `onScreen` sees
 * each screen first (a screenshot). Resolves on « Test terminé » with the number of answers given.
 */
export async function sitWholeTest(page: Page, answer: (page: Page) => Promise<void>,
  onScreen: (screen: ScreenSeen, position: number) => Promise<void> = async () => {}): Promise<number> {
  const ended = page.getByRole('heading', { level: 1, name: 'Test terminé' });
  const begin = page.getByRole('button', { name: 'Commencer', exact: true });
  const ready = page.getByRole('button', { name: 'Je suis prêt' });
  const validate = page.getByRole('button', { name: 'Je valide' });
  let answered = 0;
  for (;;) {
    await ended.or(begin).or(ready).or(validate).first().waitFor();
    if (await ended.isVisible()) return answered;
    const match = QUESTION.exec(await page.title());
    if (!match) throw new Error(`titre inattendu pendant le test : « ${await page.title()} »`);
    const position = Number(match[1]);
    const total = Number(match[2]);
    if (await begin.isVisible()) {
      await onScreen('timedWarning', position);
      await begin.click();
      await validate.waitFor();
      continue;
    }
    if (await ready.isVisible()) {
      await onScreen('focusedWarning', position);
      await ready.click();
      await validate.waitFor();
      continue;
    }
    await onScreen('challenge', position);
    await answer(page);
    answered += 1;
    await page.waitForFunction(([next, last]) => (last ? document.title === 'Test terminé' : document.title.startsWith(`Question ${next} sur `)),
      [position + 1, position === total] as const);
  }
}
